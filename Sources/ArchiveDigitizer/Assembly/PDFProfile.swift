import Foundation

/// Which standard the searchable PDFs are written to.
///
/// PDF/A-2 (ISO 19005-2, adopted as TCVN 14159-2:2024) is the archival default: the file carries
/// everything it needs to be read in decades (fonts embedded, colours tied to an sRGB profile,
/// metadata as XMP, no encryption or LZW). Level B ("basic") promises the page looks right; level U
/// also promises every character maps to Unicode, which our text layer always does, so the two
/// differ only in what the XMP claims. `plain` writes the same PDF without the PDF/A claim and
/// without the colour profile (about 7 KB less per document), for users who do not need it.
public enum PDFProfile: String, Sendable, Codable, CaseIterable {
    case pdfA2b = "pdfa-2b"
    case pdfA2u = "pdfa-2u"
    case plain

    /// The `pdfaid:conformance` letter of the XMP, nil for a plain PDF.
    var conformance: String? {
        switch self {
        case .pdfA2b: "B"
        case .pdfA2u: "U"
        case .plain: nil
        }
    }

    /// Whether the PDF claims PDF/A conformance (and so needs the sRGB output intent).
    public var isArchival: Bool { conformance != nil }

    /// The profile named on the command line or in the configuration, or nil with the choices.
    public init?(argument: String) {
        self.init(rawValue: argument.lowercased())
    }

    /// The accepted names, for messages.
    public static var names: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
