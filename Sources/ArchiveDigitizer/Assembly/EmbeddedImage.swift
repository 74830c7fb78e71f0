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
    /// This image's pixels per pixel of the image OCR read: above 1 only for a PDF scan too large to
    /// decode whole, read from a reduced rendering (`PageDecoder.largestDecodedPDFImage`) and
    /// embedded at its own size.
    var pixelsPerReadPixel = 1.0

    /// Prepares the image of `location` for embedding; `decoded` is used when the file cannot be passed through.
    /// `readSize` is the size of the image OCR read (the page's facts), when known.
    /// Without `allowsLZW` (PDF/A forbids LZW), a PDF scan stored LZW-compressed is re-encoded losslessly.
    static func make(for location: PageLocation, isSingleFrame: Bool, compression: String, readSize: (width: Int, height: Int)? = nil,
                     allowsLZW: Bool = true,
                     decoded: () throws -> DecodedPage) throws -> EmbeddedImage {
        var compressed: CompressedImageData? = nil
        var encoding = "flate"
        var decodedPage: DecodedPage? = nil
        switch location.format {
        case .jpeg:
            compressed = .passingThroughJPEG(path: location.path)
            encoding = "jpeg-passthrough"
        case .png:
            compressed = .reusingPNG(path: location.path)
            encoding = "png-flate"
        case .tiff where isSingleFrame && compression == "g4":
            compressed = .passingThroughG4(path: location.path)
            encoding = "g4-passthrough"
        case .pdf:
            // Only when the stored image is the very raster poppler gave OCR: the text layer is
            // scaled by this image's width, and a page poppler rendered (several images, vector
            // content) would lose everything but the scan.
            if let source = (try? QPDFDocument(path: location.path))?.scanImage(page: location.frame),
               source.imageDrawCount == 1, allowsLZW || !source.filters.contains("/LZWDecode") {
                // A scan too large to decode whole was read from a reduced rendering (`PageDecoder`):
                // it goes in at its own size without being decoded here, the words scaled to it.
                if source.width * source.height > PageDecoder.largestDecodedPDFImage, let readSize, readSize.width > 0,
                   readSize.height > 0, readSize.width < source.width,
                   abs(Double(source.width) / Double(source.height) - Double(readSize.width) / Double(readSize.height)) < 0.01 {
                    var image = EmbeddedImage(passingThrough: source)
                    image.pixelsPerReadPixel = Double(source.width) / Double(readSize.width)
                    return image
                }
                // OCR read the stored raster itself: no need to render the page again to learn its size.
                if let readSize, readSize.width == source.width, readSize.height == source.height {
                    return EmbeddedImage(passingThrough: source)
                }
                let page = try decoded()
                if page.image.width == source.width && page.image.height == source.height {
                    return EmbeddedImage(passingThrough: source)
                }
                if source.width * source.height > PageDecoder.largestDecodedPDFImage, page.image.width < source.width,
                   abs(Double(source.width) / Double(source.height) - Double(page.image.width) / Double(max(page.image.height, 1))) < 0.01 {
                    var image = EmbeddedImage(passingThrough: source)
                    image.pixelsPerReadPixel = Double(source.width) / Double(page.image.width)
                    return image
                }
                decodedPage = page
            }
        default:
            break
        }
        if compressed == nil {
            let page = try decodedPage ?? decoded()
            let isBilevel = page.image.depth == 1
            compressed = .encoding(page.image, asGroup4: isBilevel)
            encoding = isBilevel ? "g4" : "flate"
        }
        guard let compressed else { throw AssemblyError.imageNotEncodable(path: location.path, frame: location.frame) }
        return try EmbeddedImage(compressed, encoding: encoding, location: location)
    }

    /// The scan of a PDF page as the source stored it; its dictionary entries stand alone.
    private init(passingThrough source: PDFSourceImage) {
        data = source.data
        width = source.width
        height = source.height
        dictionaryEntries = source.dictionaryEntries
        encoding = "pdf-passthrough"
    }

    private init(_ compressed: CompressedImageData, encoding: String, location: PageLocation) throws {
        guard compressed.width > 0, compressed.height > 0 else {
            throw AssemblyError.imageNotEncodable(path: location.path, frame: location.frame)
        }
        data = compressed.data
        width = compressed.width
        height = compressed.height
        self.encoding = encoding
        var entries: [String] = []
        let colourSpace: String
        if let palette = compressed.palette {
            colourSpace = "[/Indexed /DeviceRGB \(palette.colours - 1) \(palette.hex)]"
        } else {
            switch compressed.samplesPerPixel {
            case 3: colourSpace = "/DeviceRGB"
            case 4: colourSpace = "/DeviceCMYK"
            default: colourSpace = "/DeviceGray"
            }
        }
        entries.append("/ColorSpace \(colourSpace)")
        entries.append("/BitsPerComponent \(compressed.bitsPerComponent)")
        switch compressed.filter {
        case .jpeg:
            entries.append("/Filter /DCTDecode")
            if compressed.samplesPerPixel == 4 { entries.append("/Decode [1 0 1 0 1 0 1 0]") }  // Adobe's inverted CMYK JPEGs
        case .g4:
            entries.append("/Filter /CCITTFaxDecode")
            let blackIsOne = compressed.isBlackOne ? " /BlackIs1 true" : ""
            entries.append("/DecodeParms << /K -1 /Columns \(width) /Rows \(height)\(blackIsOne) >>")
        case .flate:
            entries.append("/Filter /FlateDecode")
            if compressed.hasPredictor {
                entries.append("/DecodeParms << /Columns \(width) /Predictor 14 /Colors \(compressed.samplesPerPixel) /BitsPerComponent \(compressed.bitsPerComponent) >>")
            }
        }
        dictionaryEntries = entries.joined(separator: " ")
    }
}
