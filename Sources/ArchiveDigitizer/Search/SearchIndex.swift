import Foundation

/// Full-text search of the archive's page text (`digitize search`), through the SQLite FTS5 index
/// `pages_fts` that `CatalogueSchema` creates and its triggers keep in sync with `pages.text`.
///
/// The search runs in two steps so it stays fast on large catalogues: first the count and the best
/// page ids by bm25 rank (`SearchRanking`; filters applied through the stored `document_keys`),
/// then snippets (`SearchSnippets`) and file/document facts for those few pages only.
public struct SearchIndex {
    let connection: SQLiteConnection
    /// How matches are scored; both give the same scores, so the same order (`SearchRankingTests`).
    var ranking = Ranking.storedLengths
    /// Whether prefixes are searched through the indexed words they begin (`SearchQuery`: narrowed to
    /// the one word, or expanded into an OR of a few); the results are the same either way, so tests
    /// compare both.
    var narrowsPrefixes = true

    enum Ranking {
        /// `pages_bm25` (`SearchRanking`), falling back to FTS5's `bm25` if it cannot be registered.
        case storedLengths
        /// FTS5's built-in `bm25`, which looks up each match's length on its own.
        case fts5BM25
    }

    /// A search over the catalogue open on `catalogue`.
    public init(catalogue: Catalogue) throws {
        guard let connection = catalogue.sqlite else { throw SearchError.indexNotInStore(catalogue.connection.dialect) }
        self.connection = connection
    }

    /// Whether the catalogue has the index (archives made before it existed get it on first read-write open).
    public static func isBuilt(in catalogue: Catalogue) throws -> Bool {
        guard catalogue.connection.dialect == .sqlite else { return false }
        return try !catalogue.connection.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pages_fts'").isEmpty
    }

    /// The best `limit` pages for `query` that pass `filters`, best first, and how many match in all.
    ///
    /// Mostly one pass over the matches, measured on 100,000 pages (`SearchPerformanceTests`): the
    /// ranked query, which scores every match with bm25, counting them as it goes, and keeps the
    /// best `limit` in SQLite's top-N sorter; an exact count before it (which only walks the index)
    /// only where that is needed (see below; 15 ms on a broad filtered search). The score is `pages_bm25`
    /// (`SearchRanking`): bm25's own numbers, with page lengths read sequentially instead of one
    /// lookup per match. It orders by the function rather than `rank`: `ORDER BY rank` makes FTS5
    /// sort every match itself before the `LIMIT` applies (about 60 ms more on 100,000 matches).
    /// A filter's passing pages are gathered once for both passes, when there are two (`SearchPageSet`).
    public func search(_ query: SearchQuery, filters: SearchFilters = SearchFilters(), limit: Int = 20) throws -> SearchResults {
        let started = Date()
        // Only done pages should be found. Pages of a missing or failed scan keep their text (and so
        // their index entries); only when there are any is each match looked up in `pages`, which
        // costs a row read per match.
        let hasMissingText = try !connection.query("SELECT 1 FROM pages WHERE state IN ('missing', 'failed', 'quarantined') AND text IS NOT NULL LIMIT 1").isEmpty
        var conditions = ["pages_fts MATCH ?"]
        var conditionParameters: [SQLValue] = []
        if !filters.isEmpty {
            try SearchPageSet.register(on: connection)
            conditions.append("\(SearchPageSet.function)(pages_fts, ?)")
            conditionParameters.append(.text(try pagesPassing(filters)))
        }
        if hasMissingText {
            conditions.append("(SELECT state FROM pages WHERE id = pages_fts.rowid) = 'done'")
        }
        if let clearance = filters.clearanceCondition(pageID: "pages_fts.rowid") {
            conditions.append(clearance.sql)
            conditionParameters += clearance.parameters
        }
        // Each prefix's words are looked up once, for both forms of the query: narrowed (a prefix
        // that begins one word written as that word) for bm25 and snippets, expanded (one that
        // begins a few, as an OR of them) for counting and pages_bm25.
        var wordsBeginning: [String: [String]] = [:]
        let words = { (prefix: String) in
            if let known = wordsBeginning[prefix] { return known }
            let found = narrowsPrefixes ? try indexedWords(startingWith: prefix) : []
            wordsBeginning[prefix] = found
            return found
        }
        let expression = try query.expression(narrowingPrefixesWith: words)
        let expanded = try query.expanded(with: words)
        let from = "FROM pages_fts WHERE \(conditions.joined(separator: " AND "))"
        let isOverEveryPage = conditions.count == 1
        // `pages_bm25` counts the matches it scores, so the ranked query gives the total as well;
        // the count has a pass of its own only when nothing is ranked, when FTS5's bm25 ranks, or
        // when the ranking needs it first (one group over every page: its n).
        let scored = ranking == .storedLengths ? try? SearchRanking.register(on: connection) : nil
        var total: Int?
        if limit <= 0 || scored == nil || (expanded.groups.count == 1 && isOverEveryPage) {
            total = try connection.query("SELECT count(*) \(from)", [.text(expanded.expression)] + conditionParameters).first?.first?.int ?? 0
        }
        var ranked: [[SQLValue]] = []
        if limit > 0 && total != 0 {
            let (rank, rankedExpression) = try scoring(narrowed: expression, expanded: expanded, total: total,
                                                       isRankedByPagesBM25: scored != nil, isOverEveryPage: isOverEveryPage)
            scored?.count = 0
            ranked = try connection.query("SELECT pages_fts.rowid, \(rank) \(from) ORDER BY 2 LIMIT ?",
                                          [.text(rankedExpression)] + conditionParameters + [.integer(Int64(limit))])
            if total == nil { total = scored?.count }
        }
        let matches = total ?? 0
        let ids = ranked.compactMap { $0[0].int }
        guard !ids.isEmpty else {
            return SearchResults(query: query, filters: filters, total: matches, hits: [], seconds: Date().timeIntervalSince(started))
        }
        let idList = JSONValue.array(ids.map { .integer($0) }).rendered(pretty: false)
        let snippets = try SearchSnippets(connection: connection).snippets(of: ids, matching: expression)
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
        return SearchResults(query: query, filters: filters, total: matches, hits: hits, seconds: Date().timeIntervalSince(started))
    }

    /// The score the ranked query orders by, and the expression it runs. `pages_bm25` runs the
    /// expanded query when it can be told each group's page count (bm25's n): for one group over
    /// every page the count just made (`total`; saving FTS5 a pass over the catalogue, 15 ms for
    /// "Ban Chỉ đạo" on 100,000 pages), for an OR of a prefix's words counted here, since FTS5 would
    /// count each word apart. Otherwise it runs the narrowed query and FTS5 counts, as for `bm25`.
    private func scoring(narrowed: String, expanded: SearchQuery.Expanded, total: Int?, isRankedByPagesBM25: Bool,
                         isOverEveryPage: Bool) throws -> (function: String, expression: String) {
        // Registration fails only without FTS5's extension API; FTS5's bm25 then ranks the same, more slowly.
        guard isRankedByPagesBM25 else { return ("bm25(pages_fts)", narrowed) }
        let pageCounts: [Int]
        if let total, expanded.groups.count == 1 && isOverEveryPage {
            pageCounts = [total]
        } else if expanded.hasAlternatives {
            pageCounts = try expanded.groups.map { group in
                try connection.query("SELECT count(*) FROM pages_fts WHERE pages_fts MATCH ?", [.text(group)]).first?.first?.int ?? 0
            }
        } else {
            return ("\(SearchRanking.rankFunction)(pages_fts)", narrowed)
        }
        let sizes = expanded.phraseCounts.map(String.init).joined(separator: " ")
        let counts = pageCounts.map(String.init).joined(separator: ", ")
        return ("\(SearchRanking.rankFunction)(pages_fts, '\(sizes)', \(counts))", expanded.expression)
    }

    /// The indexed words beginning with `prefix`, in order, at most `limit` of them, from FTS5's own
    /// vocabulary (`fts5vocab`, a temporary table: it works on a read-only catalogue and leaves nothing behind).
    ///
    /// Its 'instance' form is asked for one word at a time, the first at or after a bound, which
    /// seeks the index: well under a millisecond a word. The 'row' form counts each word's pages as
    /// it goes (13 ms for the two words of `than*` on 100,000 pages), counts no one needs here.
    func indexedWords(startingWith prefix: String, limit: Int = SearchQuery.expansionLimit + 1) throws -> [String] {
        try connection.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.pages_fts_instances USING fts5vocab(main, 'pages_fts', 'instance')")
        var words: [String] = []
        var bound = prefix
        while words.count < limit, let word = try connection.query("""
            SELECT term FROM temp.pages_fts_instances WHERE term >= ? AND term < ? ORDER BY term LIMIT 1
            """, [.text(bound), .text(prefix + "\u{10FFFF}")]).first?.first?.string {
            words.append(word)
            bound = word + "\u{1}"  // the next word after this one: tokens hold no control characters
        }
        return words
    }

    /// The pages of documents that pass `filters`, as runs of ids (`SearchPageSet.runs`).
    ///
    /// Documents with stored keys are filtered by SQLite, their pages read from the keys
    /// (`page_runs`), or found in `pages` in a catalogue made before they were stored (17 ms for
    /// 86,600 pages on 100,000, against 2 ms for their runs). Documents without keys (edited since the
    /// catalogue was last opened for writing) are judged here in Swift and their pages found in `pages`.
    /// Keys are only ever of existing documents (triggers drop them with the document), so when there
    /// are as many stored pages as documents, none lacks them and they need not be looked for.
    private func pagesPassing(_ filters: SearchFilters) throws -> String {
        let storage = try DocumentKeys.storage(in: connection)
        let condition = filters.sqlCondition()
        var stored = ""
        if storage == .keysAndPages, let row = try connection.query("""
            SELECT group_concat(CASE WHEN \(condition.sql) THEN k.page_runs END), count(k.page_runs),
                (SELECT count(*) FROM documents) FROM document_keys k
            """, condition.parameters).first {
            stored = row[0].string ?? ""
            if row[1].int == row[2].int { return SearchPageSet.runs(ofRuns: stored, ids: "") }
        }
        let unkeyed = try DocumentKeys.missing(in: connection).filter { filters.accepts($0.keys) }.map { JSONValue.integer($0.documentID) }
        var keyed = ""
        var parameters: [SQLValue] = []
        if storage == .keys {
            keyed = "SELECT k.document_id AS id FROM document_keys k WHERE \(condition.sql) UNION ALL "
            parameters += condition.parameters
        }
        parameters.append(.text(JSONValue.array(unkeyed).rendered(pretty: false)))
        // CROSS JOIN fixes the order: the few passing documents first, then their pages by `pages_by_file`.
        let ids = try connection.query("""
            SELECT group_concat(p.id) FROM (\(keyed)SELECT value AS id FROM json_each(?)) passed
            CROSS JOIN documents d ON d.id = passed.id
            CROSS JOIN pages p ON p.file_id = d.file_id AND p.page_number BETWEEN d.first_page AND d.last_page
            """, parameters).first?.first?.string ?? ""
        return SearchPageSet.runs(ofRuns: stored, ids: ids)
    }
}
