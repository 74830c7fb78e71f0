import CLeptonica
import Foundation

/// A page image ready to be a PDF image XObject: compressed bytes plus the dictionary entries that describe them.
///
/// Leptonica prepares the bytes: JPEG files are passed through untouched, PNG's deflate data is
/// reused with its predictors, single-frame Group 4 TIFFs are passed through, other bilevel images
/// are encoded as CCITT G4 and everything else is deflated losslessly. Nothing is re-encoded lossily.
/// The scan of an image-only PDF page is carried over as its stored stream (read by `QPDFDocument`).
struct EmbeddedImage {
    var data: Data
    var width: Int
    var height: Int
    /// Entries for the image dictionary after `/Width` and `/Height`.
    var dictionaryEntries: String
    /// How the bytes were produced, for reports: `jpeg-passthrough`, `g4`, `flate`, …
    var encoding: String

    /// Prepares the image of `location` for embedding; `decoded` is used when the file cannot be passed through.
    /// Without `allowsLZW` (PDF/A forbids LZW), a PDF scan stored LZW-compressed is re-encoded losslessly.
    static func make(for location: PageLocation, isSingleFrame: Bool, compression: String, allowsLZW: Bool = true,
                     decoded: () throws -> DecodedPage) throws -> EmbeddedImage {
        var cid: UnsafeMutablePointer<L_COMP_DATA>? = nil
        var encoding = "flate"
        var decodedPage: DecodedPage? = nil
        switch location.format {
        case .jpeg:
            cid = l_generateJpegData(location.path, 0)
            encoding = "jpeg-passthrough"
        case .png:
            cid = l_generateFlateDataPdf(location.path, nil)
            encoding = "png-flate"
        case .tiff where isSingleFrame && compression == "g4":
            cid = l_generateG4Data(location.path, 0)
            encoding = "g4-passthrough"
        case .pdf:
            // Only when the stored image is the very raster poppler gave OCR: the text layer is
            // scaled by this image's width, and a page poppler rendered (several images, vector
            // content) would lose everything but the scan.
            if let source = (try? QPDFDocument(path: location.path))?.scanImage(page: location.frame),
               source.imageDrawCount == 1, allowsLZW || !source.filters.contains("/LZWDecode") {
                let page = try decoded()
                if page.image.width == source.width && page.image.height == source.height {
                    return EmbeddedImage(passingThrough: source)
                }
                decodedPage = page
            }
        default:
            break
        }
        if let existing = cid, existing.pointee.nbytescomp == 0 || existing.pointee.datacomp == nil {
            l_CIDataDestroy(&cid)
        }
        if cid == nil {
            let page = try decodedPage ?? decoded()
            let isBilevel = page.image.depth == 1
            let status = pixGenerateCIData(page.image.pix, Int32(isBilevel ? L_G4_ENCODE : L_FLATE_ENCODE), 0, 0, &cid)
            guard status == 0, cid != nil else { throw AssemblyError.imageNotEncodable(path: location.path, frame: location.frame) }
            encoding = isBilevel ? "g4" : "flate"
        }
        guard let data = cid else { throw AssemblyError.imageNotEncodable(path: location.path, frame: location.frame) }
        defer { l_CIDataDestroy(&cid) }
        return try EmbeddedImage(data, encoding: encoding, location: location)
    }

    /// The scan of a PDF page as the source stored it; its dictionary entries stand alone.
    private init(passingThrough source: PDFSourceImage) {
        data = source.data
        width = source.width
        height = source.height
        dictionaryEntries = source.dictionaryEntries
        encoding = "pdf-passthrough"
    }

    private init(_ cid: UnsafeMutablePointer<L_COMP_DATA>, encoding: String, location: PageLocation) throws {
        let info = cid.pointee
        guard let bytes = info.datacomp, info.nbytescomp > 0, info.w > 0, info.h > 0 else {
            throw AssemblyError.imageNotEncodable(path: location.path, frame: location.frame)
        }
        data = Data(bytes: bytes, count: info.nbytescomp)
        width = Int(info.w)
        height = Int(info.h)
        self.encoding = encoding
        var entries: [String] = []
        let colourSpace: String
        if info.ncolors > 0, let palette = info.cmapdatahex {
            colourSpace = "[/Indexed /DeviceRGB \(info.ncolors - 1) \(String(cString: palette))]"
        } else {
            switch info.spp {
            case 3: colourSpace = "/DeviceRGB"
            case 4: colourSpace = "/DeviceCMYK"
            default: colourSpace = "/DeviceGray"
            }
        }
        entries.append("/ColorSpace \(colourSpace)")
        entries.append("/BitsPerComponent \(info.bps)")
        switch Int(info.type) {
        case Int(L_JPEG_ENCODE):
            entries.append("/Filter /DCTDecode")
            if info.spp == 4 { entries.append("/Decode [1 0 1 0 1 0 1 0]") }  // Adobe's inverted CMYK JPEGs
        case Int(L_G4_ENCODE):
            entries.append("/Filter /CCITTFaxDecode")
            let blackIsOne = info.minisblack != 0 ? " /BlackIs1 true" : ""
            entries.append("/DecodeParms << /K -1 /Columns \(info.w) /Rows \(info.h)\(blackIsOne) >>")
        default:
            entries.append("/Filter /FlateDecode")
            if info.predictor != 0 {
                entries.append("/DecodeParms << /Columns \(info.w) /Predictor 14 /Colors \(info.spp) /BitsPerComponent \(info.bps) >>")
            }
        }
        dictionaryEntries = entries.joined(separator: " ")
    }
}
