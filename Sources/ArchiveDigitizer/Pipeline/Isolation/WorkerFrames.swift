import Foundation

/// The wire format between a run and its page workers: each message is a 4-byte big-endian length
/// followed by that many bytes of JSON. Plain pipes, no framing library: the two ends are the same
/// binary, so the format only has to be unambiguous, not versioned.
enum WorkerFrames {
    /// A frame larger than this is a broken peer, not a page (a page's words are a few hundred kB).
    static let largestFrame = 256 << 20

    /// Writes one frame; false when the peer has gone (EPIPE) or the pipe failed.
    static func write<Message: Encodable>(_ message: Message, to descriptor: Int32) -> Bool {
        guard let body = try? JSONEncoder().encode(message), body.count <= largestFrame else { return false }
        let length = UInt32(body.count)
        var frame = Data([UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)])
        frame.append(body)
        return frame.withUnsafeBytes { buffer -> Bool in
            guard let base = buffer.baseAddress else { return false }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
    }

    /// What reading a frame came to.
    enum Reading<Message> {
        case message(Message)
        /// The peer closed its end (it exited or died).
        case closed
        /// Nothing complete arrived before the deadline.
        case timedOut
        /// Bytes arrived that are not a frame of `Message`.
        case garbled
    }

    /// Reads one frame, waiting at most until `deadline` (nil: as long as it takes).
    static func read<Message: Decodable>(_ type: Message.Type, from descriptor: Int32, until deadline: Date? = nil) -> Reading<Message> {
        var header = [UInt8](repeating: 0, count: 4)
        switch readFully(&header, from: descriptor, until: deadline) {
        case .closed: return .closed
        case .timedOut: return .timedOut
        case .done: break
        }
        let length = header.reduce(0) { $0 << 8 | Int($1) }
        guard length <= largestFrame else { return .garbled }
        var body = [UInt8](repeating: 0, count: length)
        switch readFully(&body, from: descriptor, until: deadline) {
        case .closed: return .closed
        case .timedOut: return .timedOut
        case .done: break
        }
        guard let message = try? JSONDecoder().decode(type, from: Data(body)) else { return .garbled }
        return .message(message)
    }

    private enum Fill { case done, closed, timedOut }

    private static func readFully(_ buffer: inout [UInt8], from descriptor: Int32, until deadline: Date?) -> Fill {
        var offset = 0
        while offset < buffer.count {
            if let deadline {
                let milliseconds = Int32(clamping: Int((deadline.timeIntervalSinceNow * 1000).rounded(.up)))
                if milliseconds <= 0 { return .timedOut }
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let ready = poll(&poller, 1, milliseconds)
                if ready < 0 { if errno == EINTR { continue }; return .closed }
                if ready == 0 { return .timedOut }
            }
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            if count < 0 { if errno == EINTR { continue }; return .closed }
            if count == 0 { return .closed }
            offset += count
        }
        return .done
    }
}
