import Foundation

/// Full-text search of the page text in a PostgreSQL store (`digitize search --store postgresql://…`):
/// the same queries, filters and results as `SearchIndex` over SQLite, through the `search_words`
/// vectors and their GIN index (`PostgreSQLSearchSchema`).
///
/// The query becomes a `tsquery` (`textSearchQuery`) folded by the same SQL function as the pages,
/// so with or without diacritics the words are the same. Pages are ranked by `ts_rank` normalised
/// by the page's length (lower scores are better, as with bm25: the score is the rank negated); the
/// snippets are cut from the pages' own text in Swift (`SearchSnippet`), as FTS5 would cut them.
public struct PostgreSQLSearch {
    let connection: any SQLDatabase

    /// The most matching pages one search ranks and counts. Ranking reads each match's vector from the
    /// pages table, and so does counting them: a word on most of 10^6 pages took 7–11 s, and on most
    /// of 10^7 pages counting alone took 7–20 s (docs/scale.md). So a search stops after this many
    /// matches, the first the store finds (in the order they were stored, about the order they were
    /// digitized), ranks those, and says that there are at least this many
    /// (`SearchResults.totalIsLowerBound`), so a reader knows to add a word or a filter. A count alone
    /// (`limit` 0, `search --limit 0`) is exact however long it takes.
    public static let defaultRankingLimit = 20_000

    /// The most matching pages this search ranks (`defaultRankingLimit` unless a test sets fewer).
    let rankingLimit: Int

    /// A search over the catalogue open on `catalogue`, which must be in PostgreSQL.
    public init(catalogue: Catalogue, rankingLimit: Int = PostgreSQLSearch.defaultRankingLimit) throws {
        guard catalogue.connection.dialect == .postgreSQL else { throw SearchError.indexNotInStore(catalogue.connection.dialect) }
        connection = catalogue.connection
        self.rankingLimit = max(1, rankingLimit)
    }

    /// Whether `connection`'s database holds a catalogue at all (its `pages` table): a search must not
    /// create one in a database named by mistake.
    public static func holdsCatalogue(_ connection: PostgreSQLConnection) throws -> Bool {
        try connection.integer("SELECT count(*) FROM pg_class WHERE oid = to_regclass('pages')") == 1
    }

    /// Whether the catalogue's pages have their search vectors (`pages.search_words`); one migrated
    /// or made before they existed gets them when the catalogue is opened with `upgrading`.
    public static func isBuilt(_ connection: PostgreSQLConnection) throws -> Bool {
        try connection.integer("SELECT count(*) FROM pg_attribute WHERE attrelid = to_regclass('pages') AND attname = 'search_words'") == 1
    }

    /// The best `limit` done pages for `query` that pass `filters`, best first, and how many match in all.
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 20) throws -> SearchResults {
        let started = Date()
        // `?1` is the query text; to_tsquery(regconfig, text) and vi_fold are immutable, so the planner
        // folds them once into a constant the GIN index is searched with.
        var parameters: [SQLValue] = [.text(Self.textSearchQuery(of: query))]
        var conditions = ["p.state = 'done'", "p.search_words @@ to_tsquery('simple', vi_fold(?1))"]
        if !filters.isEmpty {
            conditions.append(try inDocumentPassing(filters, parameters: &parameters))
        }
        if let clearance = filters.clearanceCondition(pageID: "p.id") {
            conditions.append(clearance.sql)
            parameters += clearance.parameters
        }
        let from = "FROM pages p WHERE \(conditions.joined(separator: " AND "))"
        let (total, ranked, totalIsLowerBound) = try connection.transaction {
            // Compiling the ranking expression costs more than it saves: without this a large catalogue's
            // cost estimates would pass `jit_above_cost` and every query would spend a while in LLVM.
            try connection.execute("SET LOCAL jit = off")
            guard limit > 0 else { return (try connection.integer("SELECT count(*) \(from)", parameters) ?? 0, [[SQLValue]](), false) }
            // One pass over at most `rankingLimit` matches, ranked and counted from the same rows.
            // Normalisation 1 divides by 1 + log(length), as bm25 favours the shorter of two pages with the same matches.
            let rows = try connection.query("""
                WITH matches AS MATERIALIZED (SELECT p.id, p.search_words \(from) LIMIT ?)
                SELECT id, -ts_rank(search_words, to_tsquery('simple', vi_fold(?1)), 1), (SELECT count(*) FROM matches)
                FROM matches ORDER BY 2, 1 LIMIT ?
                """, parameters + [.integer(Int64(rankingLimit)), .integer(Int64(limit))])
            let found = rows.first?[2].int ?? 0
            return (found, rows, found >= rankingLimit)
        }
        let ids = ranked.compactMap { $0[0].int }
        guard !ids.isEmpty else {
            return SearchResults(query: query, filters: filters, total: total, hits: [], seconds: Date().timeIntervalSince(started),
                                 totalIsLowerBound: totalIsLowerBound)
        }
        var facts: [Int: [SQLValue]] = [:]
        for row in try connection.query("""
            SELECT p.id, f.code, p.page_number, \(PageLabel.sql()), d.doc_code, d.title, d.pdf_path, d.first_page, p.text
            FROM pages p JOIN files f ON f.id = p.file_id JOIN sources s ON s.id = p.source_id
            LEFT JOIN documents d ON d.file_id = p.file_id AND p.page_number BETWEEN d.first_page AND d.last_page
            WHERE p.id = ANY(?::bigint[])
            """, [Self.idArray(ids)]) {
            if let id = row[0].int { facts[id] = row }
        }
        var snippet = SearchSnippet(query: query)
        let hits: [SearchHit] = ranked.compactMap { row in
            guard let id = row[0].int, let fact = facts[id] else { return nil }
            let pageNumber = fact[2].int
            let pdfPage = pageNumber.flatMap { number in fact[7].int.map { number - $0 + 1 } }
            return SearchHit(fileCode: fact[1].string ?? "", documentCode: fact[4].string, documentTitle: fact[5].string,
                             pdfPath: fact[6].string, pageNumber: pageNumber, pdfPageNumber: pdfPage, pageLabel: fact[3].string ?? "",
                             markedSnippet: snippet.marked(fact[8].string ?? ""), rank: row[1].double ?? 0)
        }
        return SearchResults(query: query, filters: filters, total: total, hits: hits, seconds: Date().timeIntervalSince(started),
                             totalIsLowerBound: totalIsLowerBound)
    }

    /// The query as `to_tsquery` text: every group a quoted word or a `<->` phrase, `:*` on a prefix,
    /// groups joined by `&`. Words hold only letters and digits (`SearchQuery`), so quoting is enough
    /// to keep them from being read as operators; quotes and backslashes are escaped all the same.
    /// The text is passed as a parameter, never spliced into SQL, and folded there by `vi_fold`.
    static func textSearchQuery(of query: SearchQuery) -> String {
        query.groups.map { group in
            let words = group.words.map { word in
                "'" + word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
            }
            return "(" + words.joined(separator: " <-> ") + (group.isPrefix ? ":*" : "") + ")"
        }.joined(separator: " & ")
    }

    /// A condition on the page `p`: it lies in a document that passes `filters` (its parameters appended
    /// to `parameters`). Documents with stored keys are judged by SQL (`SearchFilters.sqlCondition`,
    /// whose `instr` the schema defines), the few without (`DocumentKeys.missing`) in Swift, as
    /// `SearchIndex` does. Asked of each matching page rather than listing every passing document's
    /// pages first, so the planner hashes the passing documents once and finds no pages it will not use.
    private func inDocumentPassing(_ filters: SearchFilters, parameters: inout [SQLValue]) throws -> String {
        let unkeyed = try DocumentKeys.missing(in: connection).filter { filters.accepts($0.keys) }.map(\.documentID)
        let condition = filters.sqlCondition()
        parameters += condition.parameters + [Self.idArray(unkeyed)]
        return """
            EXISTS (SELECT 1 FROM documents d WHERE d.file_id = p.file_id AND p.page_number BETWEEN d.first_page AND d.last_page
                    AND d.id IN (SELECT k.document_id FROM document_keys k WHERE \(condition.sql) UNION ALL SELECT unnest(?::bigint[])))
            """
    }

    /// Ids as a PostgreSQL array literal (`{1,2,3}`), one parameter however many there are.
    private static func idArray(_ ids: [Int]) -> SQLValue {
        .text("{" + ids.map(String.init).joined(separator: ",") + "}")
    }
}
