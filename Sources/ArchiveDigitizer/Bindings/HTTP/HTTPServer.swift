import CMicroHTTPD
import Foundation

/// A small HTTP server on libmicrohttpd (GNU's embeddable HTTP library, Debian's `libmicrohttpd`):
/// it parses the protocol, keeps the connections and runs `handler` on its own pool of threads
/// (never the Swift concurrency pool), one request at a time per thread.
///
/// Owns one `MHD_Daemon`, stopped and freed by `stop()` or when the server is dropped. The handler
/// must be safe to call from several threads at once.
public final class HTTPServer: @unchecked Sendable {
    // @unchecked Sendable: `daemon` is written only in `init` and `stop()` (under `lock`); the other
    // stored properties are constants, and libmicrohttpd's threads only read `handler`.
    private var daemon: OpaquePointer?
    private let lock = NSLock()
    fileprivate let handler: @Sendable (HTTPRequest) -> HTTPResponse
    /// The address the server listens on, as given (`127.0.0.1:8080`).
    public let address: ListeningAddress

    /// The largest request body accepted (a posted form); larger ones get 413.
    public static let maximumBodySize = 1 << 20

    /// Starts listening on `address` with `threads` threads answering requests.
    /// Throws `HTTPServerError.cannotListen` when the address is taken or not this machine's.
    public init(address: ListeningAddress, threads: Int = 8, handler: @escaping @Sendable (HTTPRequest) -> HTTPResponse) throws {
        self.address = address
        self.handler = handler
        let context = Unmanaged.passUnretained(self).toOpaque()
        var flags = MHD_USE_INTERNAL_POLLING_THREAD.rawValue | MHD_USE_ERROR_LOG.rawValue
        if address.isIPv6 { flags |= MHD_USE_IPv6.rawValue }
        daemon = try address.withSocketAddress { socketAddress in
            digitize_mhd_start(UInt32(flags), socketAddress, address.port, answer, context, completed, nil,
                               UInt32(max(1, threads)), 30, 512)
        }
        guard daemon != nil else { throw HTTPServerError.cannotListen(address.description, reason: String(cString: strerror(errno))) }
    }

    /// Stops listening and waits for the requests being answered; idempotent.
    public func stop() {
        lock.lock()
        defer { lock.unlock() }
        if let daemon { MHD_stop_daemon(daemon) }
        daemon = nil
    }

    deinit { stop() }
}

/// What went wrong starting the server, in words an administrator can act on.
public enum HTTPServerError: Error, CustomStringConvertible {
    case cannotListen(String, reason: String)
    case badAddress(String)

    public var description: String {
        switch self {
        case let .cannotListen(address, reason):
            "Cannot listen on \(address) (\(reason)): is another program using that port, or is the address not one of this machine's?"
        case let .badAddress(text):
            "“\(text)” is not a listening address: give HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080."
        }
    }
}

/// One request's body as it arrives in pieces, kept between libmicrohttpd's calls (its `con_cls`).
private final class RequestState {
    var body = Data()
    var isTooLarge = false
}

/// Collects a connection's values of one kind (headers, query arguments) through libmicrohttpd's iterator.
private final class ValueCollector {
    var values: [String: String] = [:]
    let lowercasesKeys: Bool
    init(lowercasesKeys: Bool) { self.lowercasesKeys = lowercasesKeys }
}

private func values(of connection: OpaquePointer, kind: MHD_ValueKind, lowercasingKeys: Bool) -> [String: String] {
    let collector = ValueCollector(lowercasesKeys: lowercasingKeys)
    withExtendedLifetime(collector) {
        _ = MHD_get_connection_values(connection, kind, { context, _, key, value in
            guard let context, let key else { return .YES }
            let collector = Unmanaged<ValueCollector>.fromOpaque(context).takeUnretainedValue()
            let name = String(cString: key)
            collector.values[collector.lowercasesKeys ? name.lowercased() : name] = value.map { String(cString: $0) } ?? ""
            return .YES
        }, Unmanaged.passUnretained(collector).toOpaque())
    }
    return collector.values
}

/// libmicrohttpd's access handler: called first with no state (we make it), then with each piece of
/// the body, then once with none left, when the request is answered.
private func answer(_ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?, _ url: UnsafePointer<CChar>?,
                    _ method: UnsafePointer<CChar>?, _ version: UnsafePointer<CChar>?, _ uploadData: UnsafePointer<CChar>?,
                    _ uploadSize: UnsafeMutablePointer<Int>?, _ state: UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> MHD_Result {
    guard let context, let connection, let url, let method, let state else { return .NO }
    guard let stored = state.pointee else {
        state.pointee = Unmanaged.passRetained(RequestState()).toOpaque()
        return .YES
    }
    let request = Unmanaged<RequestState>.fromOpaque(stored).takeUnretainedValue()
    if let uploadSize, uploadSize.pointee > 0 {
        if let uploadData, request.body.count + uploadSize.pointee <= HTTPServer.maximumBodySize {
            request.body.append(UnsafeRawPointer(uploadData).assumingMemoryBound(to: UInt8.self), count: uploadSize.pointee)
        } else {
            request.isTooLarge = true
        }
        uploadSize.pointee = 0
        return .YES
    }
    let server = Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue()
    let response: HTTPResponse
    if request.isTooLarge {
        response = .text("Request too large.\n", status: 413)
    } else {
        let message = HTTPRequest(method: String(cString: method), path: String(cString: url),
                                  query: values(of: connection, kind: .GET_ARGUMENT_KIND, lowercasingKeys: false),
                                  headers: values(of: connection, kind: .HEADER_KIND, lowercasingKeys: true),
                                  body: request.body)
        response = server.handler(message)
    }
    let made = response.body.withUnsafeBytes { bytes in
        MHD_create_response_from_buffer(bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
    }
    guard let made else { return .NO }
    defer { MHD_destroy_response(made) }
    for header in response.headers { MHD_add_response_header(made, header.name, header.value) }
    return MHD_queue_response(connection, UInt32(response.status), made)
}

/// libmicrohttpd's completion callback: frees the request's state, however the request ended.
private func completed(_ context: UnsafeMutableRawPointer?, _ connection: OpaquePointer?,
                       _ state: UnsafeMutablePointer<UnsafeMutableRawPointer?>?, _ reason: MHD_RequestTerminationCode) {
    guard let state, let stored = state.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(stored).release()
    state.pointee = nil
}
