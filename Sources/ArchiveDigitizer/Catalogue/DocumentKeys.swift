/// The search filters' view of one document: its metadata folded once, when the document is
/// recorded, into the `document_keys` table, so `digitize search --type/--issuer/--from/--to` is an
/// indexed SQL condition instead of folding every document's JSON in Swift on every search.
///
/// In SQLite the row also holds the ids of the document's pages (`page_runs`, as `SearchPageSet.runs`
/// writes them), so a filter's passing pages are read with its keys instead of found in `pages`.
///
/// SQLite cannot fold Vietnamese diacritics, so the keys are made in Swift (`SearchQuery.key`).
/// Plain-SQL triggers (`CatalogueSchema`) delete a document's keys when its metadata changes or it is
/// deleted, or a page in it is added, removed or renumbered, even through the sqlite3 tool; a
/// document without keys is then judged in Swift from its metadata and its pages found in `pages`
/// (`SearchIndex`), and gets its keys back at the next read-write open (`refresh`).
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

    /// How much of `document_keys` a catalogue has: one made by an earlier version and opened
    /// read-only (as `digitize search` does) has not been upgraded yet.
    enum Storage {
        /// No table (before version 3): every document is judged from its metadata.
        case none
        /// Keys without the pages (versions 3 to 5): a passing document's pages are found in `pages`.
        case keys
        /// Keys and the runs of page ids (`page_runs`, version 6).
        case keysAndPages
    }

    /// What `connection`'s catalogue stores; PostgreSQL's tables are made whole, and its search does
    /// not read `page_runs`.
    static func storage(in connection: any SQLDatabase) throws -> Storage {
        guard connection.dialect == .sqlite else { return .keys }
        let columns = try connection.query("SELECT name FROM pragma_table_info('document_keys')").compactMap { $0[0].string }
        return columns.isEmpty ? .none : columns.contains("page_runs") ? .keysAndPages : .keys
    }

    /// The documents that have no keys yet (new, edited with the sqlite3 tool, or recorded before
    /// the table existed: then every document), with their keys; where the keys hold pages, also
    /// those whose pages are not stored (recorded before version 6, or forgotten when a page was
    /// added, removed or renumbered). Folded keys are memoised: many documents share a type or an issuer.
    static func missing(in connection: any SQLDatabase) throws -> [(documentID: Int, keys: DocumentKeys)] {
        var folded: [String: String] = [:]
        func key(_ text: String) -> String {
            if let known = folded[text] { return known }
            let made = SearchQuery.key(text)
            folded[text] = made
            return made
        }
        let field = { (name: String) in "CASE WHEN json_valid(d.metadata) THEN json_extract(d.metadata, '$.\(name)') END" }
        let unkeyed = switch try storage(in: connection) {
        case .none: ""
        case .keys: "WHERE NOT EXISTS (SELECT 1 FROM document_keys k WHERE k.document_id = d.id)"
        case .keysAndPages: "WHERE NOT EXISTS (SELECT 1 FROM document_keys k WHERE k.document_id = d.id AND k.page_runs IS NOT NULL)"
        }
        return try connection.query("""
            SELECT d.id, \(field("doc_type")), \(field("symbol")), \(field("date")), \(field("issuer")) FROM documents d \(unkeyed)
            """).compactMap { row in
            guard let id = row[0].int else { return nil }
            return (id, DocumentKeys(docType: row[1].string ?? "", symbol: row[2].string ?? "", date: row[3].string ?? "",
                                     issuer: row[4].string ?? "", key: key))
        }
    }

    /// Makes the keys of every document that lacks them, inside the caller's transaction
    /// (`Catalogue.recordDocuments`, `CatalogueSchema.upgrade`), with their pages where the table holds them.
    static func refresh(_ connection: any SQLDatabase) throws {
        let missing = try missing(in: connection)
        guard !missing.isEmpty else { return }
        let storesPages = try storage(in: connection) == .keysAndPages
        var pages: [Int: String] = [:]
        if storesPages {
            let ids = JSONValue.array(missing.map { .integer($0.documentID) }).rendered(pretty: false)
            for row in try connection.query("""
                SELECT d.id, group_concat(p.id) FROM documents d
                JOIN pages p ON p.file_id = d.file_id AND p.page_number BETWEEN d.first_page AND d.last_page
                WHERE d.id IN (SELECT value FROM json_each(?)) GROUP BY d.id
                """, [.text(ids)]) {
                if let id = row[0].int { pages[id] = SearchPageSet.runs(ofIDs: row[1].string ?? "") }
            }
        }
        let pageColumn = storesPages ? ", page_runs" : ""
        for (id, keys) in missing {
            var values: [SQLValue] = [.integer(Int64(id)), .text(keys.type), .text(keys.symbolParts), .text(keys.date), .text(keys.issuer)]
            if !pageColumn.isEmpty { values.append(.text(pages[id] ?? "")) }  // a document without pages has none
            try connection.query("""
                INSERT INTO document_keys(document_id, type_key, symbol_parts, date, issuer_key\(pageColumn)) VALUES (\(values.map { _ in "?" }.joined(separator: ",")))
                ON CONFLICT(document_id) DO UPDATE SET type_key = excluded.type_key, symbol_parts = excluded.symbol_parts,
                date = excluded.date, issuer_key = excluded.issuer_key\(pageColumn.isEmpty ? "" : ", page_runs = excluded.page_runs")
                """, values)
        }
    }
}
