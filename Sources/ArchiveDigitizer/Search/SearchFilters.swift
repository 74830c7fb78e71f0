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

    /// Security marks (`MẬT`, `TỐI MẬT`, `TUYỆT MẬT`) whose documents the searcher may not see (the
    /// reading room's clearance, `SecurityLevel.hiddenMarks`). When any is set, only pages of documents
    /// known to bear none of them are found, and counted: pages of files not yet split into documents,
    /// whose marks are not yet known, are left out too. Not shown in `--json` (the command line sees all).
    public var hiddenMarks: [String] = []

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

    /// Whether a document with these keys passes every filter. The same test as `sqlCondition`,
    /// for documents whose keys are not stored yet; keep the two in step.
    func accepts(_ keys: DocumentKeys) -> Bool {
        if let type {
            let wanted = SearchQuery.key(type)
            guard keys.type == wanted || keys.symbolParts.contains(Self.symbolPart(wanted)) else { return false }
        }
        if let from, keys.date.isEmpty || keys.date < from { return false }
        if let to, keys.date.isEmpty || String(keys.date.prefix(to.count)) > to { return false }
        if let issuer {
            let wanted = SearchQuery.key(issuer)
            guard wanted.isEmpty || keys.issuer.contains(wanted) else { return false }
        }
        return true
    }

    /// The clearance as an SQL condition on the page id `column`, with its parameters; nil when nothing is hidden.
    /// The same on SQLite and PostgreSQL (whose schema defines `json_extract` with SQLite's meaning).
    func clearanceCondition(pageID column: String) -> (sql: String, parameters: [SQLValue])? {
        guard !hiddenMarks.isEmpty else { return nil }
        let marks = hiddenMarks.map { _ in "?" }.joined(separator: ",")
        let sql = "\(column) IN (SELECT cp.id FROM documents cd JOIN pages cp ON cp.file_id = cd.file_id"
            + " AND cp.page_number BETWEEN cd.first_page AND cd.last_page"
            + " WHERE coalesce(upper(trim(json_extract(cd.metadata, '$.security'))), '') NOT IN (\(marks)))"
        return (sql, hiddenMarks.map { .text($0) })
    }

    /// The filters as an SQL condition on `document_keys` (alias `k`) and its parameters:
    /// the same test as `accepts`, run by SQLite over the stored keys.
    func sqlCondition() -> (sql: String, parameters: [SQLValue]) {
        var conditions: [String] = []
        var parameters: [SQLValue] = []
        if let type {
            let wanted = SearchQuery.key(type)
            conditions.append("(k.type_key = ? OR instr(k.symbol_parts, ?) > 0)")
            parameters += [.text(wanted), .text(Self.symbolPart(wanted))]
        }
        if let from {
            conditions.append("k.date != '' AND k.date >= ?")
            parameters.append(.text(from))
        }
        if let to {
            conditions.append("k.date != '' AND substr(k.date, 1, \(to.count)) <= ?")
            parameters.append(.text(to))
        }
        if let issuer {
            conditions.append("instr(k.issuer_key, ?) > 0")  // instr of '' is 1: an empty key passes, as in `accepts`
            parameters.append(.text(SearchQuery.key(issuer)))
        }
        return (conditions.isEmpty ? "1" : conditions.joined(separator: " AND "), parameters)
    }

    /// How a wanted type appears among `DocumentKeys.symbolParts` (`/qd/`); `//`, which never
    /// appears there, when it is empty or holds a separator itself (`QĐ/TU` is not one part of a symbol).
    private static func symbolPart(_ wanted: String) -> String {
        wanted.contains(where: { $0 == "-" || $0 == "/" }) ? "//" : "/" + wanted + "/"
    }
}
