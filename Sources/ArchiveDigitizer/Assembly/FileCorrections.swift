import Foundation

/// The corrections people made to one archival file: its document boundaries, if they decided them,
/// and metadata fields of its documents, each document named by its first page (a code is renumbered
/// by a split or merge, a first page is not). Applied by `BatchRun.assemble` over what the machine read.
public struct FileCorrections: Sendable, Equatable {
    /// The file's documents as a person decided them, in order; nil when the machine's split stands.
    public var spans: [DocumentSpan]?
    /// Field values by first page, then by the metadata field's JSON name (`excerpt`, `date`, …).
    public var fields: [Int: [String: String]] = [:]

    public init(spans: [DocumentSpan]? = nil, fields: [Int: [String: String]] = [:]) {
        self.spans = spans
        self.fields = fields
    }

    /// The decided spans if they still cover exactly the file's pages (a rescan that changed the
    /// number of pages voids them, and the machine splits again).
    func spans(covering pages: [AssembledPage]) -> [DocumentSpan]? {
        guard let spans, let first = pages.first?.pageNumber, let last = pages.last?.pageNumber,
              spans.first?.firstPage == first, spans.last?.lastPage == last,
              zip(spans, spans.dropFirst()).allSatisfy({ $0.lastPage + 1 == $1.firstPage }),
              spans.allSatisfy({ $0.firstPage <= $0.lastPage }) else { return nil }
        return spans
    }

    /// `metadata` with the corrected fields of the document beginning at `firstPage`; a corrected
    /// field's confidence becomes 1 (a person read it).
    func apply(to metadata: inout DocumentMetadata, firstPage: Int) {
        for (field, value) in fields[firstPage] ?? [:] {
            guard let path = Self.keyPaths[field] else { continue }
            metadata[keyPath: path] = value
            metadata.confidence[field] = 1
        }
    }

    /// The metadata fields a person may correct, by JSON name, in the order a header reads.
    public static let correctableFields = ["doc_type", "number", "symbol", "date", "place", "issuer_upper", "issuer", "excerpt",
                                           "signer", "signer_position", "authority", "security", "urgency"]

    // nonisolated(unsafe): a constant dictionary of key paths (key paths are immutable values; the
    // standard library does not mark them Sendable).
    nonisolated(unsafe) static let keyPaths: [String: WritableKeyPath<DocumentMetadata, String>] = [
        "doc_type": \.docType, "number": \.number, "symbol": \.symbol, "date": \.date, "place": \.place,
        "issuer_upper": \.issuerUpper, "issuer": \.issuer, "excerpt": \.excerpt, "signer": \.signer,
        "signer_position": \.signerPosition, "authority": \.authority, "security": \.security, "urgency": \.urgency,
    ]

    /// Spans written `1-3,4-6`.
    static func spans(from text: String) -> [DocumentSpan]? {
        let spans = text.split(separator: ",").compactMap { part -> DocumentSpan? in
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            return bounds.count == 2 ? DocumentSpan(firstPage: bounds[0], lastPage: bounds[1]) : nil
        }
        return spans.isEmpty ? nil : spans
    }

    static func text(of spans: [DocumentSpan]) -> String {
        spans.map { "\($0.firstPage)-\($0.lastPage)" }.joined(separator: ",")
    }
}
