import Foundation

/// Restrictions on the documents a search looks in, from `--type`, `--from`, `--to` and `--issuer`.
///
/// They apply to document metadata (`documents.metadata`: `doc_type`, `date`, `issuer`), compared
/// without diacritics or case, so `--type "quyet dinh"` finds “Quyết định”. A page outside any
/// document, or a document without the field, is left out when that filter is given.
public struct SearchFilters: Sendable, Equatable {
    /// Document type (loại văn bản), e.g. "Quyết định"; matched whole, or as the type abbreviation in the symbol (QĐ).
    public var type: String?
    /// Earliest issue date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    public var from: String?
    /// Latest issue date, same forms; `2025` includes all of 2025.
    public var to: String?
    /// Part of the issuing body's name (cơ quan ban hành).
    public var issuer: String?

    /// No filter.
    public init() {}

    /// Filters as given on the command line; throws `SearchError.badDate` for a malformed date.
    public init(type: String?, from: String?, to: String?, issuer: String?) throws {
        for (option, value) in [("--from", from), ("--to", to)] {
            if let value, value.range(of: #"^\d{4}(-\d{2}(-\d{2})?)?$"#, options: .regularExpression) == nil {
                throw SearchError.badDate(option: option, value: value)
            }
        }
        self.type = type.flatMap { $0.isEmpty ? nil : $0 }
        self.from = from
        self.to = to
        self.issuer = issuer.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether no filter is set.
    public var isEmpty: Bool { type == nil && from == nil && to == nil && issuer == nil }

    /// Whether a document with this metadata passes every filter.
    /// `key` folds text for comparison (`SearchQuery.key`, possibly memoised).
    func accepts(docType: String, symbol: String, date: String, issuer documentIssuer: String,
                 key: (String) -> String = SearchQuery.key) -> Bool {
        if let type {
            let wanted = key(type)
            let symbolParts = key(symbol).split { $0 == "-" || $0 == "/" }.map(String.init)
            guard key(docType) == wanted || symbolParts.contains(wanted) else { return false }
        }
        if let from, date.isEmpty || date < from { return false }
        if let to, date.isEmpty || String(date.prefix(to.count)) > to { return false }
        if let issuer, !key(documentIssuer).contains(key(issuer)) { return false }
        return true
    }
}
