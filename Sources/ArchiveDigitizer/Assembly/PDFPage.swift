import Foundation

/// Everything needed to lay out one page of a searchable PDF.
public struct PDFPage: Sendable {
    /// Where the scan image comes from.
    public var location: PageLocation
    /// Whether the source file holds only this page (allows passing a G4 TIFF's data through).
    public var isSingleFrame: Bool
    /// Compression recorded at OCR time (`g4`, `lzw`, …).
    public var compression: String
    /// Resolution: fixes the page size (pixels × 72 / dpi points).
    public var dpi: Int
    /// Pixel size of the scan image as stored (before `rotation`).
    public var width: Int
    public var height: Int
    /// The words of the invisible text layer, in pixels of the page as displayed upright
    /// (the stored image turned clockwise by `rotation`).
    public var words: [RecognizedWord]
    /// Clockwise turn (0, 90, 180, 270) that shows the stored image upright. The image bytes are
    /// embedded unchanged and drawn turned, so a page scanned sideways displays upright.
    public var rotation: Int

    public init(location: PageLocation, isSingleFrame: Bool, compression: String, dpi: Int, width: Int, height: Int,
                words: [RecognizedWord], rotation: Int = 0) {
        self.location = location; self.isSingleFrame = isSingleFrame; self.compression = compression
        self.dpi = dpi; self.width = width; self.height = height; self.words = words
        self.rotation = ((rotation % 360) + 360) % 360
    }
}

/// Descriptive metadata written into the PDF's Info dictionary and its XMP packet, so a PDF
/// separated from the catalogue still says what it is.
public struct PDFDocumentInfo: Sendable, Equatable {
    public var title: String
    public var subject: String
    public var author: String
    public var keywords: String
    /// The document's date of issue, ISO `YYYY-MM-DD` (XMP `dc:date`); empty when unknown.
    public var date: String = ""
    /// The document code `<FileCode>.<NNN>` (XMP `dc:identifier`).
    public var identifier: String = ""
    /// Language of the text (XMP `dc:language`).
    public var language: String = "vi"

    public init(title: String, subject: String = "", author: String = "", keywords: String = "") {
        self.title = title; self.subject = subject; self.author = author; self.keywords = keywords
    }

    /// The Info entries of a document: its title (type and excerpt), issuer, number and date, and identifiers.
    public init(document code: String, fileCode: String, metadata: DocumentMetadata) {
        title = metadata.title.isEmpty ? code : metadata.title
        author = metadata.issuer
        let reference = [metadata.number.isEmpty ? "" : "Số \(metadata.number)\(metadata.symbol.isEmpty ? "" : "-" + metadata.symbol)",
                         metadata.date].filter { !$0.isEmpty }.joined(separator: ", ")
        subject = [code, reference].filter { !$0.isEmpty }.joined(separator: " — ")
        keywords = [fileCode, code, metadata.docType].filter { !$0.isEmpty }.joined(separator: "; ")
        date = metadata.date
        identifier = code
        language = metadata.language.isEmpty ? "vi" : metadata.language
    }
}

/// What was written: enough for the catalogue to record the output's fixity.
public struct WrittenPDF: Sendable, Equatable {
    public var url: URL
    public var size: Int
    public var sha256: String
    /// Per page, how the image was embedded (`jpeg-passthrough`, `g4`, `flate`, …).
    public var imageEncodings: [String]
}
