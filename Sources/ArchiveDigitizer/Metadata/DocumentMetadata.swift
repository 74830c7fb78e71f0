import Foundation

/// What the catalogue records about one document (văn bản), with TT02 and HD 36 in mind.
///
/// A field that could not be found stays empty; it is never invented.
public struct DocumentMetadata: Sendable, Codable, Equatable {
    public var system: String = ""          // "party" | "state" | ""
    public var issuerUpper: String = ""
    public var issuer: String = ""
    public var docType: String = ""
    public var number: String = ""
    public var symbol: String = ""
    public var date: String = ""            // ISO YYYY-MM-DD
    public var place: String = ""
    public var excerpt: String = ""
    public var signer: String = ""
    public var signerPosition: String = ""
    public var authority: String = ""
    public var security: String = ""
    public var urgency: String = ""
    public var language: String = "vi"
    /// Per-field confidence 0…1, keyed by the JSON field name.
    public var confidence: [String: Double] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case system, issuer, number, symbol, date, place, excerpt, signer, authority, security, urgency, language, confidence
        case issuerUpper = "issuer_upper"
        case docType = "doc_type"
        case signerPosition = "signer_position"
    }

    /// The document's title as archivists write it: type and excerpt ("Quyết định về việc …").
    public var title: String {
        [docType, excerpt].filter { !$0.isEmpty }.joined(separator: " ")
    }
}

/// Reads a document's metadata from its OCR'd pages.
///
/// Placeholder until header parsing lands (issue #3): returns empty fields.
public struct MetadataExtractor: Sendable {
    public init() {}

    /// Extracts the metadata of one document from its pages (first page's header, last page's signature).
    public func extract(from pages: [AssembledPage]) -> DocumentMetadata {
        DocumentMetadata()
    }
}
