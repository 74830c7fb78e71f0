import Foundation

/// The snippets of `digitize search`: FTS5's own `snippet()`, run over a temporary FTS5 table that
/// holds only the pages being shown.
///
/// Why: `snippet()` reads nothing but the row at hand — its text, where the query's phrases occur in
/// it, its length in tokens — so a page indexed on its own, with `pages_fts`'s tokenizer and the same
/// đ folding, gets the very snippet it gets in `pages_fts` (`SearchTests` compares the two). Asking
/// `pages_fts` for a page makes FTS5 evaluate the whole expression again for it, and a prefix that
/// begins several words merges their position lists over the whole catalogue each time: `than*`
/// took 25 ms a page, half a second for 20 results on 100,000 pages. A table of 20 pages costs
/// about a millisecond to fill and search.
struct SearchSnippets {
    let connection: SQLiteConnection

    /// The snippet of each page in `ids` that `expression` matches, keyed by page id.
    func snippets(of ids: [Int], matching expression: String) throws -> [Int: String] {
        try makeTables()
        try connection.execute("INSERT INTO temp.search_hits_fts(search_hits_fts) VALUES ('delete-all')")
        // The folding CatalogueSchema's pages_fts triggers apply; the text shown comes unfolded from `pages`.
        try connection.query("""
            INSERT INTO temp.search_hits_fts(rowid, text) SELECT id, replace(replace(text, 'đ', 'd'), 'Đ', 'D')
            FROM pages WHERE id IN (SELECT value FROM json_each(?)) AND text IS NOT NULL
            """, [.text(JSONValue.array(ids.map { .integer($0) }).rendered(pretty: false))])
        var snippets: [Int: String] = [:]
        for row in try connection.query("""
            SELECT rowid, snippet(search_hits_fts, 0, char(2), char(3), '…', 16) FROM temp.search_hits_fts
            WHERE search_hits_fts MATCH ?
            """, [.text(expression)]) {
            if let id = row[0].int { snippets[id] = row[1].string ?? "" }
        }
        return snippets
    }

    /// Makes, once per connection, the temporary FTS5 table and the view of `pages` it reads page
    /// text through (external content, as `pages_fts` reads `pages`). Temporary objects work on a
    /// read-only catalogue and vanish with the connection.
    private func makeTables() throws {
        let definition = try connection.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'pages_fts'")
            .first?.first?.string ?? ""
        let tokenizer = Self.tokenizeOption(in: definition).map { ", " + $0 } ?? ""
        try connection.execute("""
            CREATE TEMP VIEW IF NOT EXISTS search_hit_pages AS SELECT id, text FROM main.pages;
            CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_hits_fts USING fts5(
                text, content='search_hit_pages', content_rowid='id'\(tokenizer));
            """)
    }

    /// `pages_fts`'s tokenizer option as the catalogue declares it (`tokenize='unicode61 remove_diacritics 2'`),
    /// so that both tables split text into the same tokens; nil when it has none (FTS5's default).
    /// Read without a regular expression: the first one in a process costs milliseconds.
    static func tokenizeOption(in definition: String) -> Substring? {
        guard let name = definition.range(of: "tokenize") else { return nil }
        let rest = definition[name.upperBound...].drop { $0 == " " || $0 == "=" }
        guard let quote = rest.first else { return nil }
        let value = quote == "'" || quote == "\""
            ? rest.dropFirst().firstIndex(of: quote).map { rest[...$0] }
            : rest.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        return value.map { definition[name.lowerBound..<$0.endIndex] }
    }
}
