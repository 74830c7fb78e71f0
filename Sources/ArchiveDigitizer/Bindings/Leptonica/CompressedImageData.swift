import CLeptonica
import Foundation

/// Image bytes ready for a PDF image stream, as Leptonica prepares them (`L_COMP_DATA`): JPEG files
/// passed through, PNG's deflate data reused, Group 4 TIFFs passed through, or a raster encoded
/// as G4 or deflate. Owns the `L_COMP_DATA` and frees it when dropped.
final class CompressedImageData {
    private var handle: UnsafeMutablePointer<L_COMP_DATA>?

    /// How the bytes are compressed, as the PDF filter that reads them.
    enum Filter {
        case jpeg, g4, flate
    }

    /// Takes ownership of `handle`; nil when Leptonica produced nothing usable.
    private init?(_ handle: UnsafeMutablePointer<L_COMP_DATA>?) {
        guard let handle else { return nil }
        guard handle.pointee.nbytescomp > 0, handle.pointee.datacomp != nil else {
            var owned: UnsafeMutablePointer<L_COMP_DATA>? = handle
            l_CIDataDestroy(&owned)
            return nil
        }
        self.handle = handle
    }

    deinit { l_CIDataDestroy(&handle) }

    /// The JPEG file at `path`, byte for byte.
    static func passingThroughJPEG(path: String) -> CompressedImageData? {
        CompressedImageData(l_generateJpegData(path, 0))
    }

    /// The deflate data of the PNG file at `path`, with its predictors.
    static func reusingPNG(path: String) -> CompressedImageData? {
        CompressedImageData(l_generateFlateDataPdf(path, nil))
    }

    /// The Group 4 data of the single-frame TIFF file at `path`, byte for byte.
    static func passingThroughG4(path: String) -> CompressedImageData? {
        CompressedImageData(l_generateG4Data(path, 0))
    }

    /// `image` encoded losslessly: as CCITT G4 when `asGroup4` (bilevel images), else deflated.
    static func encoding(_ image: PageImage, asGroup4: Bool) -> CompressedImageData? {
        if !asGroup4, let deflated = deflatingRaster(of: image) { return deflated }
        var handle: UnsafeMutablePointer<L_COMP_DATA>?
        guard pixGenerateCIData(image.pix, Int32(asGroup4 ? L_G4_ENCODE : L_FLATE_ENCODE), 0, 0, &handle) == 0 else {
            l_CIDataDestroy(&handle)
            return nil
        }
        return CompressedImageData(handle)
    }

    /// An 8-bit gray or 24-bit colour raster without a palette, deflated at `Deflate.rasterLevel`
    /// (3 for colour, 6 for gray):
    /// what `pixGenerateCIData(…, L_FLATE_ENCODE, …)` makes (the same raster bytes from
    /// `pixGetRasterData`), less the level-6 deflate it cannot be told not to use. Other images
    /// (palettes, 2/4/16-bit) go through Leptonica.
    private static func deflatingRaster(of image: PageImage) -> CompressedImageData? {
        let depth = pixGetDepth(image.pix)
        guard pixGetColormap(image.pix) == nil, depth == 8 || depth == 32 else { return nil }
        var raster: UnsafeMutablePointer<UInt8>?
        var count = 0
        guard pixGetRasterData(image.pix, &raster, &count) == 0, let raster else { return nil }
        defer { lept_free(raster) }
        let samples = depth == 32 ? 3 : 1
        guard let (compressed, size) = Deflate.compress(raster, count: count, level: Deflate.rasterLevel(samplesPerPixel: samples)) else { return nil }
        // Leptonica frees the struct and its `datacomp` with `free` (l_CIDataDestroy).
        guard let handle = calloc(1, MemoryLayout<L_COMP_DATA>.size)?.assumingMemoryBound(to: L_COMP_DATA.self) else {
            free(compressed)
            return nil
        }
        handle.pointee.type = Int32(L_FLATE_ENCODE)
        handle.pointee.datacomp = compressed
        handle.pointee.nbytescomp = size
        handle.pointee.w = pixGetWidth(image.pix)
        handle.pointee.h = pixGetHeight(image.pix)
        handle.pointee.bps = 8
        handle.pointee.spp = Int32(samples)
        handle.pointee.nbytes = count
        handle.pointee.res = pixGetXRes(image.pix)
        return CompressedImageData(handle)
    }

    private var info: L_COMP_DATA { handle?.pointee ?? L_COMP_DATA() }

    /// The compressed bytes.
    var data: Data {
        guard let bytes = info.datacomp else { return Data() }
        return Data(bytes: bytes, count: info.nbytescomp)
    }
    var width: Int { Int(info.w) }
    var height: Int { Int(info.h) }
    /// Samples per pixel: 1 gray, 3 RGB, 4 CMYK.
    var samplesPerPixel: Int { Int(info.spp) }
    var bitsPerComponent: Int { Int(info.bps) }
    /// The palette as PDF's hex string and its colour count, when the image has one.
    var palette: (colours: Int, hex: String)? {
        guard info.ncolors > 0, let hex = info.cmapdatahex else { return nil }
        return (Int(info.ncolors), String(cString: hex))
    }
    var filter: Filter {
        switch Int(info.type) {
        case Int(L_JPEG_ENCODE): .jpeg
        case Int(L_G4_ENCODE): .g4
        default: .flate
        }
    }
    /// Whether a G4 image has 1 for black (`/BlackIs1`).
    var isBlackOne: Bool { info.minisblack != 0 }
    /// Whether deflated rows use PNG predictors.
    var hasPredictor: Bool { info.predictor != 0 }
}
