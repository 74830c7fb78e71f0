import CLeptonica
import Foundation

/// Scan files read through Leptonica (TIFF, PNG, JPEG): their headers, frame counts and pixels.
///
/// Headers are read before pixels, so the ingest stage can refuse a decompression bomb without
/// allocating it. Leptonica's own error chatter goes nowhere: every failure is a `nil` or an
/// `IngestError` that the caller words for the archivist.
enum ImageFile {
    /// What a file's header says, before any pixel is decoded.
    struct Header {
        var width: Int
        var height: Int
    }

    /// Turns Leptonica's messages off for the whole process, once.
    static let silenceMessages: Void = {
        setMsgSeverity(Int32(L_SEVERITY_NONE))
    }()

    /// How many frames the TIFF file at `path` holds.
    static func tiffFrameCount(path: String) throws -> Int {
        guard let file = fopen(path, "rb") else {
            throw IngestError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { fclose(file) }
        var count: Int32 = 0
        guard tiffGetCount(file, &count) == 0, count > 0 else {
            throw IngestError.truncatedOrDamaged(path: path, format: "TIFF")
        }
        return Int(count)
    }

    /// The header of an image file (the first frame of a TIFF); nil when it cannot be read.
    static func header(path: String) -> Header? {
        var format: Int32 = 0, width: Int32 = 0, height: Int32 = 0, bits: Int32 = 0, samples: Int32 = 0, palette: Int32 = 0
        guard pixReadHeader(path, &format, &width, &height, &bits, &samples, &palette) == 0 else { return nil }
        return Header(width: Int(width), height: Int(height))
    }

    /// The header of frame `frame` (0-based) of a TIFF file; nil when it cannot be read.
    static func tiffHeader(path: String, frame: Int) -> Header? {
        var width: Int32 = 0, height: Int32 = 0, bits: Int32 = 0, samples: Int32 = 0
        var resolution: Int32 = 0, palette: Int32 = 0, format: Int32 = 0
        guard readHeaderTiff(path, Int32(frame), &width, &height, &bits, &samples, &resolution, &palette, &format) == 0 else {
            return nil
        }
        return Header(width: Int(width), height: Int(height))
    }

    /// Decodes the image at `path` (frame `tiffFrame` of a TIFF); nil when Leptonica cannot.
    static func read(path: String, tiffFrame: Int? = nil) -> PageImage? {
        let decoded = tiffFrame.map { pixReadTiff(path, Int32($0)) } ?? pixRead(path)
        return decoded.map(PageImage.init(owning:))
    }
}

extension PageImage {
    /// The compression the image was stored with, as the catalogue names it: `g4`, `lzw`, `jpeg`,
    /// `deflate`, …, or `other`.
    var storedCompression: String {
        switch pixGetInputFormat(pix) {
        case Int32(IFF_TIFF_G4): "g4"
        case Int32(IFF_TIFF_G3): "g3"
        case Int32(IFF_TIFF_LZW): "lzw"
        case Int32(IFF_TIFF_ZIP): "deflate"
        case Int32(IFF_TIFF_JPEG): "jpeg-in-tiff"
        case Int32(IFF_TIFF_PACKBITS): "packbits"
        case Int32(IFF_TIFF_RLE): "rle"
        case Int32(IFF_TIFF): "none"
        case Int32(IFF_PNG): "deflate"
        case Int32(IFF_JFIF_JPEG): "jpeg"
        default: "other"
        }
    }
}
