/// The search filters' view of one document: its metadata folded once, when the document is
/// recorded, into the `document_keys` table, so `digitize search --type/--issuer/--from/--to` is an
/// indexed SQL condition instead of folding every document's JSON in Swift on every search.
///
/// SQLite cannot fold Vietnamese diacritics, so the keys are made in Swift (`SearchQuery.key`).
/// Plain-SQL triggers (`CatalogueSchema`) delete a document's keys when its metadata changes or it is
/// deleted, even through the sqlite3 tool; a document without keys is then judged in Swift from its
/// metadata (`SearchIndex`), and gets its keys back at the next read-write open (`refresh`).
struct DocumentKeys: Equatable {
    /// The folded document type (loại văn bản), e.g. `quyet dinh`.
    var type: String
    /// The folded parts of the symbol (ký hiệu) between `/`, e.g. `/qd/tu/` for `QĐ/TU`
    /// (`-` counts as `/`): wrapped in slashes so a whole part is found with `instr`.
    var symbolParts: String
    /// The issue date as written in the metadata (`YYYY-MM-DD`), or empty.
    var date: String
    /// The folded issuing body (cơ quan ban hành).
    var issuer: String

    /// The keys of a document with these metadata fields; `key` folds (possibly memoised).
    init(docType: String, symbol: String, date: String, issuer: String, key: (String) -> String = SearchQuery.key) {
        type = key(docType)
        let parts = key(symbol).split { $0 == "-" || $0 == "/" }
        symbolParts = parts.isEmpty ? "" : "/" + parts.joined(separator: "/") + "/"
        self.date = date
        self.issuer = key(issuer)
    }

    /// Whether the catalogue has the `document_keys` table: one made by an earlier version and
    /// opened read-only (as `digitize search` does) has not been upgraded yet.
    static func isStored(in connection: any SQLDatabase) throws -> Bool {
        guard connection.dialect == .sqlite else { return true }  // PostgreSQL's tables are made whole
        return try !connection.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'document_keys'").isEmpty
    }

    /// The documents that have no keys yet (new, edited with the sqlite3 tool, or recorded before
    /// the table existed: then every document), with their keys. Folded keys are memoised: many
    /// documents share a type or an issuer.
    static func missing(in connection: any SQLDatabase) throws -> [(documentID: Int, keys: DocumentKeys)] {
        var folded: [String: String] = [:]
        func key(_ text: String) -> String {
            if let known = folded[text] { return known }
            let made = SearchQuery.key(text)
            folded[text] = made
            return made
        }
        let field = { (name: String) in "CASE WHEN json_valid(d.metadata) THEN json_extract(d.metadata, '$.\(name)') END" }
        let unkeyed = try isStored(in: connection) ? "WHERE NOT EXISTS (SELECT 1 FROM document_keys k WHERE k.document_id = d.id)" : ""
        return try connection.query("""
            SELECT d.id, \(field("doc_type")), \(field("symbol")), \(field("date")), \(field("issuer")) FROM documents d \(unkeyed)
            """).compactMap { row in
            guard let id = row[0].int else { return nil }
            return (id, DocumentKeys(docType: row[1].string ?? "", symbol: row[2].string ?? "", date: row[3].string ?? "",
                                     issuer: row[4].string ?? "", key: key))
        }
    }

    /// Makes the keys of every document that lacks them, inside the caller's transaction
    /// (`Catalogue.recordDocuments`, `CatalogueSchema.upgrade`).
    static func refresh(_ connection: any SQLDatabase) throws {
        for (id, keys) in try missing(in: connection) {
            try connection.query("""
                INSERT INTO document_keys(document_id, type_key, symbol_parts, date, issuer_key) VALUES (?,?,?,?,?)
                ON CONFLICT(document_id) DO UPDATE SET type_key = excluded.type_key, symbol_parts = excluded.symbol_parts,
                date = excluded.date, issuer_key = excluded.issuer_key
                """, [.integer(Int64(id)), .text(keys.type), .text(keys.symbolParts), .text(keys.date), .text(keys.issuer)])
        }
    }
}
