import Foundation

/// One page to read: a frame of a scan file.
public struct PageLocation: Sendable, Hashable, Codable {
    /// Absolute path of the scan file.
    public var path: String
    /// The container format, sniffed from the content at ingest.
    public var format: ScanFormat
    /// 0-based frame (TIFF) or page (PDF) index; 0 for single images.
    public var frame: Int

    public init(path: String, format: ScanFormat, frame: Int) {
        self.path = path
        self.format = format
        self.frame = frame
    }
}

/// A decoded page with the facts learnt while decoding.
public struct DecodedPage {
    /// The raster, at the scan's own resolution.
    public let image: PageImage
    /// Resolution used for OCR and for the PDF page size.
    public let dpi: Int
    /// Whether the file stated its resolution (if not, `dpi` is the configured default).
    public let isResolutionRecorded: Bool
    /// Compression as stored in the file: `g4`, `lzw`, `jpeg`, `deflate`, `pdf-image`, …
    public let compression: String
    /// Whether the source PDF page already carried a text layer (replaced by ours).
    public let hadTextLayer: Bool
    /// The scan's colour mode when `image` is no longer the scan's own pixels (a colour page kept
    /// as its luminance for reading); nil while `image` is the scan as decoded.
    var scannedColourMode: String? = nil

    /// The colour mode an archivist would name, of the scan as stored.
    public var colourMode: String { scannedColourMode ?? image.colourMode }
}

/// Decodes scan files into page images through Leptonica (TIFF, PNG, JPEG) and poppler (PDF).
///
/// Headers are read before pixels, so a decompression bomb is refused without allocating it.
/// Leptonica's own error chatter is silenced: every failure becomes an `IngestError` instead.
public struct PageDecoder: Sendable {
    /// The largest page accepted, in pixels.
    public var maximumPixels: Int
    /// Resolution assumed for files that record none.
    public var defaultDPI: Int

    public init(maximumPixels: Int = 150_000_000, defaultDPI: Int = 300) {
        self.maximumPixels = maximumPixels
        self.defaultDPI = defaultDPI
        ImageFile.silenceMessages
    }

    /// How many pages the file at `path` holds.
    public func pageCount(path: String, format: ScanFormat) throws -> Int {
        switch format {
        case .png, .jpeg:
            return 1
        case .tiff:
            return try ImageFile.tiffFrameCount(path: path)
        case .pdf:
            return try PopplerDocument(path: path).pageCount
        }
    }

    /// Decodes one page.
    public func decode(_ location: PageLocation) throws -> DecodedPage {
        let path = location.path
        if access(path, F_OK) != 0 {
            throw IngestError.unreadableFile(path: path, reason: "it was removed or renamed after the run started; run again once it is back")
        }
        if location.format == .pdf {
            let document = try PopplerDocument(path: path)
            guard location.frame < document.pageCount else { throw IngestError.missingFrame(path: path, frame: location.frame) }
            // Measured before poppler decodes or renders anything (issue #16).
            let imageSize = (try? QPDFDocument(path: path))?.largestImageSize(page: location.frame)
            if let imageSize { try checkNotTooLarge(width: imageSize.width, height: imageSize.height, path: path) }
            // An image too large to decode whole within the memory bound is read from a reduced rendering.
            let fitsWhole = imageSize.map { $0.width * $0.height <= Self.largestDecodedPDFImage } ?? true
            if !fitsWhole, let reduced = reducedJPEGScan(path: path, page: location.frame, document: document) { return reduced }
            let renderedSize = document.renderedSize(page: location.frame, dpi: PopplerDocument.renderingDPI)
            let (image, dpi, hadText) = try document.scannedImage(page: location.frame, extractsImage: fitsWhole,
                                                                  renderedPixels: Self.largestDecodedPDFImage) {
                try checkNotTooLarge(width: renderedSize.width, height: renderedSize.height, path: path)
            }
            try check(width: image.width, height: image.height, path: path)
            return DecodedPage(image: image.withoutPalette(), dpi: dpi, isResolutionRecorded: true,
                               compression: "pdf-image", hadTextLayer: hadText)
        }
        // A TIFF's frames each have their own size: read this frame's header, not the first one's.
        let isTIFF = location.format == .tiff
        guard let header = isTIFF ? ImageFile.tiffHeader(path: path, frame: location.frame) : ImageFile.header(path: path) else {
            if isTIFF && location.frame > 0 { throw IngestError.missingFrame(path: path, frame: location.frame) }
            throw IngestError.truncatedOrDamaged(path: path, format: location.format.rawValue.uppercased())
        }
        try check(width: header.width, height: header.height, path: path)
        guard let image = ImageFile.read(path: path, tiffFrame: isTIFF ? location.frame : nil) else {
            if isTIFF && location.frame > 0 { throw IngestError.missingFrame(path: path, frame: location.frame) }
            throw IngestError.truncatedOrDamaged(path: path, format: location.format.rawValue.uppercased())
        }
        try check(width: image.width, height: image.height, path: path)
        let recorded = image.recordedDPI
        let isRecorded = recorded >= 50 && recorded <= 2400
        let dpi = isRecorded ? recorded : defaultDPI
        image.setResolution(dpi)
        return DecodedPage(image: image.withoutPalette(), dpi: dpi, isResolutionRecorded: isRecorded,
                           compression: image.storedCompression,
                           hadTextLayer: false)
    }

    private func check(width: Int, height: Int, path: String) throws {
        if width < 16 || height < 16 { throw IngestError.tooSmall(path: path, width: width, height: height) }
        try checkNotTooLarge(width: width, height: height, path: path)
    }

    /// The most pixels a PDF page is decoded at (issue #16's memory ceiling). A PDF scan image above
    /// it is read from a rendering of its page at a reduced resolution; the searchable PDF still
    /// carries the original image stream (`EmbeddedImage`), so nothing of the scan is lost.
    static let largestDecodedPDFImage = 12_000_000

    /// A PDF page whose scan is one large JPEG, decoded by libjpeg at 1/2, 1/4 or 1/8 of its size (the
    /// first that fits `largestDecodedPDFImage`); nil when the scan is not a plain JPEG covering the page.
    private func reducedJPEGScan(path: String, page: Int, document: PopplerDocument) -> DecodedPage? {
        guard let source = (try? QPDFDocument(path: path))?.scanImage(page: page), source.imageDrawCount == 1,
              source.filters == ["/DCTDecode"], source.decode == nil,
              let reduction = [2, 4, 8].first(where: { (source.width / $0) * (source.height / $0) <= Self.largestDecodedPDFImage }),
              let image = ImageFile.readJPEG(source.data, reduction: reduction) else { return nil }
        let points = document.renderedSize(page: page, dpi: 72)
        guard points.width > 0, abs(Double(source.width) / Double(source.height) - Double(points.width) / Double(max(points.height, 1))) < 0.01 else {
            return nil
        }
        let dpi = max(1, Int((Double(image.width) / (Double(points.width) / 72)).rounded()))
        image.setResolution(dpi)
        return DecodedPage(image: image.withoutPalette(), dpi: dpi, isResolutionRecorded: true, compression: "pdf-image", hadTextLayer: false)
    }

    /// The decompression-bomb guard alone: for sizes read before decoding (a PDF's images, its page).
    private func checkNotTooLarge(width: Int, height: Int, path: String) throws {
        if width * height > maximumPixels || width > 65_000 || height > 65_000 {
            throw IngestError.tooLarge(path: path, width: width, height: height, limit: maximumPixels)
        }
    }
}
