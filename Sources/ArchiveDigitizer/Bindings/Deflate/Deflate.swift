import CDeflate
import Foundation

/// Deflate (zlib format, as PDF's FlateDecode reads it) by libdeflate, at the level each use needs.
///
/// Why libdeflate rather than zlib or Leptonica's wrapper (`zlibCompress`, always zlib's level 6):
/// re-encoding page rasters was most of the PDF stage's CPU. On a SampleScans gray LZW page
/// (8.7 MB of pixels) libdeflate's level 6 takes about a quarter of zlib's level-6 time for a
/// stream 1% smaller; on a 300 dpi colour page its level 4 is faster than zlib's level 3 and about
/// 8% smaller (docs/performance.md).
enum Deflate {
    /// For small streams (text layers, fonts, metadata), and gray rasters.
    static let streamLevel: Int32 = 6

    /// The level for a page raster re-encoded for the PDF, by its samples per pixel.
    static func rasterLevel(samplesPerPixel: Int) -> Int32 {
        samplesPerPixel >= 3 ? 4 : streamLevel
    }

    /// `data` compressed at `level`; nil when compression fails.
    static func compress(_ data: Data, level: Int32 = streamLevel) -> Data? {
        data.withUnsafeBytes { buffer -> Data? in
            guard let base = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self),
                  let (compressed, size) = compress(base, count: buffer.count, level: level) else { return nil }
            defer { free(compressed) }
            return Data(bytes: compressed, count: size)
        }
    }

    /// `count` bytes at `bytes` compressed at `level` into a buffer from `malloc`, which the caller
    /// (or Leptonica, which frees with `free`) owns; nil when compression fails.
    static func compress(_ bytes: UnsafePointer<UInt8>, count: Int, level: Int32) -> (UnsafeMutablePointer<UInt8>, Int)? {
        guard let compressor = libdeflate_alloc_compressor(level) else { return nil }
        defer { libdeflate_free_compressor(compressor) }
        let bound = libdeflate_zlib_compress_bound(compressor, count)
        guard let output = malloc(max(bound, 1))?.assumingMemoryBound(to: UInt8.self) else { return nil }
        let size = libdeflate_zlib_compress(compressor, bytes, count, output, bound)
        guard size > 0 else {
            free(output)
            return nil
        }
        return (output, size)
    }
}
