import CZlib
import Foundation

/// zlib's deflate, at the level each use needs.
///
/// Why zlib itself rather than Leptonica's wrapper (`zlibCompress`): that one always uses level 6,
/// and deflating colour page rasters at level 6 was most of the PDF stage's CPU. On 300 dpi colour
/// pages (the benchmark corpus' LZW TIFFs) level 3 takes half the time for a stream within ±1.5%
/// of the size; on gray pages level 3 made streams 10–20% larger (SampleScans' LZW TIFFs), so they
/// keep level 6 (docs/performance.md).
enum Deflate {
    /// For small streams (text layers, fonts, metadata): zlib's default, 6.
    static let streamLevel = Z_DEFAULT_COMPRESSION

    /// The level for a page raster re-encoded for the PDF, by its samples per pixel.
    static func rasterLevel(samplesPerPixel: Int) -> Int32 {
        samplesPerPixel >= 3 ? 3 : Z_DEFAULT_COMPRESSION
    }

    /// `data` compressed at `level`; nil when zlib fails.
    static func compress(_ data: Data, level: Int32 = streamLevel) -> Data? {
        data.withUnsafeBytes { buffer -> Data? in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self),
                  let (compressed, size) = compress(base, count: buffer.count, level: level) else { return nil }
            defer { free(compressed) }
            return Data(bytes: compressed, count: size)
        }
    }

    /// `count` bytes at `bytes` compressed at `level` into a buffer from `malloc`, which the caller
    /// (or Leptonica, which frees with `free`) owns; nil when zlib fails.
    static func compress(_ bytes: UnsafePointer<UInt8>, count: Int, level: Int32) -> (UnsafeMutablePointer<UInt8>, Int)? {
        var size = compressBound(uLong(count))
        guard let output = malloc(Int(size))?.assumingMemoryBound(to: UInt8.self) else { return nil }
        guard compress2(output, &size, bytes, uLong(count), level) == Z_OK else {
            free(output)
            return nil
        }
        return (output, Int(size))
    }
}
