import Foundation

/// Full-text search of the archive's page text (`digitize search`), through the SQLite FTS5 index
/// `pages_fts` that `CatalogueSchema` creates and its triggers keep in sync with `pages.text`.
///
/// The search runs in two steps so it stays fast on large catalogues: first the best page ids by
/// bm25 rank (FTS5's own top-N path when there is no filter), then snippets and file/document facts
/// for those few pages only.
public struct SearchIndex {
    let connection: SQLiteConnection

    /// A search over the catalogue open on `catalogue`.
    public init(catalogue: Catalogue) {
        connection = catalogue.connection
    }

    /// Whether the catalogue has the index (archives made before it existed get it on first read-write open).
    public static func isBuilt(in catalogue: Catalogue) throws -> Bool {
        try !catalogue.connection.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pages_fts'").isEmpty
    }

    /// The best `limit` pages for `query` that pass `filters`, best first, and how many match in all.
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 20) throws -> SearchResults {
        let started = Date()
        var conditions = ["p.state = 'done'"]
        var parameters: [SQLValue] = [.text(query.expression)]
        // CROSS JOIN fixes the join order: the planner would otherwise walk every done page and run
        // the full-text query once per page (minutes on 100,000 pages instead of milliseconds).
        var join = "CROSS JOIN pages p ON p.id = pages_fts.rowid"
        if !filters.isEmpty {
            join += " CROSS JOIN documents d ON d.file_id = p.file_id AND p.page_number BETWEEN d.first_page AND d.last_page"
            conditions.append("d.id IN (SELECT value FROM json_each(?))")
            parameters.append(.text(try documentsPassing(filters)))
        }
        let from = "FROM pages_fts \(join) WHERE pages_fts MATCH ? AND \(conditions.joined(separator: " AND "))"
        // Two plans. Counting through the joins costs a page (and document) lookup per match, so
        // without filters the index counts alone (milliseconds; exact unless a page that is not done,
        // its scan gone missing, kept its text) and the ranked query stops at `limit`; otherwise one
        // ranked pass counts with a window function (measured: 0.5 s where two passes take 0.9 s).
        let hasMissingText = try !connection.query("SELECT 1 FROM pages WHERE state IN ('missing', 'failed') AND text IS NOT NULL LIMIT 1").isEmpty
        let total: Int
        let ranked: [[SQLValue]]
        let top = SQLValue.integer(Int64(max(0, limit)))
        if filters.isEmpty && !hasMissingText {
            total = try connection.query("SELECT count(*) FROM pages_fts WHERE pages_fts MATCH ?", [.text(query.expression)]).first?.first?.int ?? 0
            ranked = try connection.query("SELECT pages_fts.rowid, pages_fts.rank \(from) ORDER BY pages_fts.rank LIMIT ?", parameters + [top])
        } else {
            ranked = try connection.query("SELECT pages_fts.rowid, pages_fts.rank, count(*) OVER () \(from) ORDER BY pages_fts.rank LIMIT ?",
                                          parameters + [top])
            if let counted = ranked.first?[2].int {
                total = counted
            } else {  // no match, or a limit of 0
                total = limit > 0 ? 0 : try connection.query("SELECT count(*) \(from)", parameters).first?.first?.int ?? 0
            }
        }
        let ids = ranked.compactMap { $0[0].int }
        guard !ids.isEmpty else {
            return SearchResults(query: query, filters: filters, total: total, hits: [], seconds: Date().timeIntervalSince(started))
        }
        let idList = JSONValue.array(ids.map { .integer($0) }).rendered(pretty: false)

        var snippets: [Int: String] = [:]
        for row in try connection.query("""
            SELECT rowid, snippet(pages_fts, 0, char(2), char(3), '…', 16) FROM pages_fts
            WHERE pages_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))
            """, [.text(query.expression), .text(idList)]) {
            if let id = row[0].int { snippets[id] = row[1].string ?? "" }
        }
        var facts: [Int: [SQLValue]] = [:]
        for row in try connection.query("""
            SELECT p.id, f.code, p.page_number, \(PageLabel.sql()), d.doc_code, d.title, d.pdf_path, d.first_page
            FROM pages p JOIN files f ON f.id = p.file_id JOIN sources s ON s.id = p.source_id
            LEFT JOIN documents d ON d.file_id = p.file_id AND p.page_number BETWEEN d.first_page AND d.last_page
            WHERE p.id IN (SELECT value FROM json_each(?))
            """, [.text(idList)]) {
            if let id = row[0].int { facts[id] = row }
        }
        let hits: [SearchHit] = ranked.compactMap { row in
            guard let id = row[0].int, let fact = facts[id] else { return nil }
            let pageNumber = fact[2].int
            let pdfPage = pageNumber.flatMap { number in fact[7].int.map { number - $0 + 1 } }
            return SearchHit(fileCode: fact[1].string ?? "", documentCode: fact[4].string, documentTitle: fact[5].string,
                             pdfPath: fact[6].string, pageNumber: pageNumber, pdfPageNumber: pdfPage,
                             pageLabel: fact[3].string ?? "", markedSnippet: snippets[id] ?? "", rank: row[1].double ?? 0)
        }
        return SearchResults(query: query, filters: filters, total: total, hits: hits, seconds: Date().timeIntervalSince(started))
    }

    /// The ids of documents whose metadata passes `filters`, as a JSON array for `json_each`.
    /// Dates are compared in SQL; type and issuer in Swift, because SQLite cannot fold Vietnamese
    /// diacritics (folded keys are memoised: many documents share a type or an issuer).
    private func documentsPassing(_ filters: SearchFilters) throws -> String {
        var ids: [JSONValue] = []
        var lastID = 0
        var keys: [String: String] = [:]
        func key(_ text: String) -> String {
            if let known = keys[text] { return known }
            let made = SearchQuery.key(text)
            keys[text] = made
            return made
        }
        let date = "CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.date') END"
        var dateConditions = ""
        var dateParameters: [SQLValue] = []
        if let from = filters.from {
            dateConditions += " AND coalesce(\(date), '') >= ?"
            dateParameters.append(.text(from))
        }
        if let to = filters.to {
            dateConditions += " AND coalesce(\(date), '') != '' AND substr(\(date), 1, \(to.count)) <= ?"
            dateParameters.append(.text(to))
        }
        while true {
            let rows = try connection.query("""
                SELECT id,
                       CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.doc_type') END,
                       CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.symbol') END,
                       \(date),
                       CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.issuer') END
                FROM documents WHERE id > ?\(dateConditions) ORDER BY id LIMIT 5000
                """, [.integer(Int64(lastID))] + dateParameters)
            if rows.isEmpty { break }
            for row in rows {
                guard let id = row[0].int else { continue }
                lastID = id
                if filters.accepts(docType: row[1].string ?? "", symbol: row[2].string ?? "", date: row[3].string ?? "",
                                   issuer: row[4].string ?? "", key: key) {
                    ids.append(.integer(id))
                }
            }
        }
        return JSONValue.array(ids).rendered(pretty: false)
    }
}
