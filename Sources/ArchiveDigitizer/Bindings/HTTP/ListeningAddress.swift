import Foundation

/// Where the reading room listens: `HOST:PORT` with a numeric IPv4 host (`127.0.0.1:8080`) or a
/// bracketed IPv6 one (`[::1]:8080`). Names are not resolved: an administrator opens the room to
/// the network by giving an address on purpose (`0.0.0.0:8080`), never by a name that resolves oddly.
public struct ListeningAddress: Sendable, CustomStringConvertible, Equatable {
    public var host: String
    public var port: UInt16

    /// Loopback, port 8080: only this machine can connect.
    public static let loopback = ListeningAddress(host: "127.0.0.1", port: 8080)

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; throws `HTTPServerError.badAddress`.
    public init(parsing text: String) throws {
        let host: Substring, port: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { throw HTTPServerError.badAddress(text) }
            port = rest.dropFirst()
        } else {
            guard let colon = text.lastIndex(of: ":") else { throw HTTPServerError.badAddress(text) }
            host = text[..<colon]
            port = text[text.index(after: colon)...]
        }
        guard let number = UInt16(port) else { throw HTTPServerError.badAddress(text) }
        self.init(host: String(host), port: number)
        guard (try? withSocketAddress { _ in () }) != nil else { throw HTTPServerError.badAddress(text) }
    }

    var isIPv6: Bool { host.contains(":") }

    /// Whether only this machine can reach the address.
    public var isLoopback: Bool { host.hasPrefix("127.") || host == "::1" }

    public var description: String { isIPv6 ? "[\(host)]:\(port)" : "\(host):\(port)" }

    /// Calls `body` with the address as a C `sockaddr`.
    func withSocketAddress<T>(_ body: (UnsafePointer<sockaddr>) -> T) throws -> T {
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = port.bigEndian
            guard inet_pton(AF_INET6, host, &address.sin6_addr) == 1 else { throw HTTPServerError.badAddress(description) }
            return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        guard inet_pton(AF_INET, host, &address.sin_addr) == 1 else { throw HTTPServerError.badAddress(description) }
        return withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1, body) }
    }
}
