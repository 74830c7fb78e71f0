import CLeptonica
import Foundation

/// zlib's deflate, through Leptonica's wrapper (already linked; no second zlib binding needed).
enum Deflate {
    /// `data` compressed with zlib's default level; nil when zlib fails.
    static func compress(_ data: Data) -> Data? {
        data.withUnsafeBytes { buffer -> Data? in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
            var size = 0
            guard let compressed = zlibCompress(base, buffer.count, &size) else { return nil }
            defer { free(compressed) }
            return Data(bytes: compressed, count: size)
        }
    }
}
