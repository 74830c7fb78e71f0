import XCTest
@testable import ArchiveDigitizer

/// `pages_bm25` (`SearchRanking`) must score every match exactly as FTS5's `bm25()` does, so that
/// `digitize search` keeps bm25's order. Checked on a generated catalogue whose pages vary in length
/// from 3 to 400 words (so the length term decides many places) and whose index has gaps — pages
/// without text, text removed, text rewritten — which the length cursor must step over or seek across.
/// The search's other shortcuts (snippets from a small index of the hits, counts, filters) are checked
/// here too, against plain FTS5 queries on `pages_fts`.
final class SearchRankingTests: XCTestCase {
    private var work: URL!
    private var cataloguePath = ""

    private static let vocabulary = ["Đảng", "bộ", "số", "hóa", "tài", "liệu", "Thành", "ủy", "thanh", "tra", "Ban", "Chỉ",
                                     "đạo", "quyết", "định", "công", "văn", "lưu", "trữ", "hồ", "sơ", "khẩn", "thượng",
                                     "nhân", "dân", "Hà", "Nội", "báo", "cáo", "kế", "hoạch", "thông", "tin", "thanh", "niên", "xã"]
    private static func queries() throws -> [(String, SearchFilters)] { [
        ("dang", SearchFilters()),
        ("so hoa tai lieu", SearchFilters()),
        ("\"Ban Chỉ đạo\"", SearchFilters()),
        ("thuong khan", SearchFilters()),
        ("thanh*", SearchFilters()),
        ("nien", SearchFilters()),
        ("so hoa", try SearchFilters(type: nil, from: "2012", to: nil, issuer: "thanh uy")),
        ("dang uy", try SearchFilters(type: "quyet dinh", from: "2015", to: "2020", issuer: nil)),
    ] }

    override func setUpWithError() throws {
        work = try TestSupport.temporaryFolder("search-rank")
        let archive = work.appendingPathComponent("Archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        cataloguePath = ArchiveLayout.cataloguePath(in: archive)
        let db = try XCTUnwrap(try Catalogue(path: cataloguePath).sqlite)
        var generator = SeededGenerator(seed: 7)
        try db.transaction {
            for file in 0..<20 {
                let code = String(format: "HN-RANK.01.%03d", file)
                try db.query("INSERT INTO files(code, folder, state, page_count, document_count) VALUES (?,?,'done',50,5)", [.text(code), .text(code)])
                let fileID = db.lastInsertedRow
                try db.query("INSERT INTO sources(file_id, name, path, relative_path, format, frame_count) VALUES (?,'scan.pdf',?,?,'pdf',50)",
                             [.integer(Int64(fileID)), .text("/scans/\(code)/scan.pdf"), .text("\(code)/scan.pdf")])
                let sourceID = db.lastInsertedRow
                for document in 0..<5 {
                    let type = ["Quyết định", "Thông báo", "Công văn", "Kế hoạch", "Báo cáo"][(file + document) % 5]
                    let issuer = file % 3 == 0 ? "Ủy ban nhân dân" : "Thành ủy Hà Nội"
                    try db.query("""
                        INSERT INTO documents(file_id, ordinal, doc_code, first_page, last_page, title, metadata, pdf_path)
                        VALUES (?,?,?,?,?,?,?,?)
                        """, [.integer(Int64(fileID)), .integer(Int64(document + 1)), .text(code + ".00\(document + 1)"),
                              .integer(Int64(document * 10 + 1)), .integer(Int64(document * 10 + 10)), .text(type),
                              .text(#"{"doc_type":"\#(type)","date":"20\#(10 + file % 12)-0\#(1 + document)-15","issuer":"\#(issuer)"}"#),
                              .text("documents/\(code)/\(code).pdf")])
                }
                for frame in 0..<50 {
                    let count = 3 + Int(generator.next() % 400)
                    var words = (0..<count).map { _ in
                        let position = Double(generator.next() % 1_000_000) / 1_000_000
                        return Self.vocabulary[Int(position * position * Double(Self.vocabulary.count - 1))]
                    }
                    if frame % 5 == 0 { words.insert("Ban Chỉ đạo", at: Int(generator.next() % UInt64(words.count))) }
                    // Every ninth page has no text (no index entry); a few are failed scans that keep theirs.
                    let text: SQLValue = frame % 9 == 4 ? .null : .text(words.joined(separator: " "))
                    try db.query("""
                        INSERT INTO pages(file_id, source_id, frame, page_number, state, text) VALUES (?,?,?,?,?,?)
                        """, [.integer(Int64(fileID)), .integer(Int64(sourceID)), .integer(Int64(frame)), .integer(Int64(frame + 1)),
                              .text(frame == 17 ? "failed" : "done"), text])
                }
            }
            try db.query("UPDATE pages SET text = NULL WHERE id % 13 = 0")
            try db.query("UPDATE pages SET text = text || ' thượng khẩn số hóa' WHERE id % 7 = 0 AND text IS NOT NULL")
        }
        // A read-write open makes the documents' search keys, as `digitize run` does when it records them.
        _ = try Catalogue(path: cataloguePath)
    }

    override func tearDownWithError() throws {
        if let work { try? FileManager.default.removeItem(at: work) }
    }

    func testEveryMatchScoresExactlyAsFTS5BM25() throws {
        let connection = try XCTUnwrap(try Catalogue(path: cataloguePath, readOnly: true).sqlite)
        try SearchRanking.register(on: connection)
        for (text, _) in try Self.queries() {
            let expression = try SearchQuery(text).expression
            let rows = try connection.query("""
                SELECT rowid, bm25(pages_fts), \(SearchRanking.rankFunction)(pages_fts) FROM pages_fts WHERE pages_fts MATCH ?
                """, [.text(expression)])
            XCTAssertGreaterThan(rows.count, 10, text)
            XCTAssertGreaterThan(Set(rows.compactMap { $0[1].double }).count, rows.count / 4, "\(text): scores should mostly differ")
            for row in rows {
                let expected = try XCTUnwrap(row[1].double), actual = try XCTUnwrap(row[2].double, "\(text): page \(row[0])")
                XCTAssertEqual(actual, expected, accuracy: abs(expected) * 1e-12, "\(text): page \(row[0])")
            }
        }
        // Prefixes expanded into the words they begin (`SearchQuery.expanded`), each group given its
        // page count as the search does, score as bm25 scores the prefixes; so does a query of one
        // phrase given its count.
        let index = try SearchIndex(catalogue: Catalogue(path: cataloguePath, readOnly: true))
        for text in ["th*", "t*", "dang th*", "thanh-n*", "\"Ban Chỉ đạo\"", "nien"] {
            let query = try SearchQuery(text)
            let expanded = try query.expanded(with: { try index.indexedWords(startingWith: $0) })
            XCTAssertEqual(expanded.hasAlternatives, text.hasSuffix("*"), "\(text): every prefix here begins a few words")
            let counts = try expanded.groups.map { group in
                try XCTUnwrap(connection.query("SELECT count(*) FROM pages_fts WHERE pages_fts MATCH ?", [.text(group)]).first?.first?.int)
            }
            let sizes = expanded.phraseCounts.map(String.init).joined(separator: " ")
            let ours = try connection.query("""
                SELECT rowid, \(SearchRanking.rankFunction)(pages_fts, '\(sizes)', \(counts.map(String.init).joined(separator: ", ")))
                FROM pages_fts WHERE pages_fts MATCH ?
                """, [.text(expanded.expression)])
            let bm25 = try connection.query("SELECT rowid, bm25(pages_fts) FROM pages_fts WHERE pages_fts MATCH ?", [.text(query.expression)])
            XCTAssertGreaterThan(bm25.count, 10, text)
            XCTAssertEqual(ours.map { $0[0] }, bm25.map { $0[0] }, "\(text): the same pages")
            for (mine, theirs) in zip(ours, bm25) {
                let expected = try XCTUnwrap(theirs[1].double), actual = try XCTUnwrap(mine[1].double, "\(text): page \(mine[0])")
                XCTAssertEqual(actual, expected, accuracy: abs(expected) * 1e-12, "\(text): page \(mine[0])")
            }
        }
    }

    func testStoredPageLengthsAreFTS5sOwnTokenCounts() throws {
        let connection = try XCTUnwrap(try Catalogue(path: cataloguePath).sqlite)
        try SearchRanking.register(on: connection)
        try connection.execute("CREATE VIRTUAL TABLE temp.page_words USING fts5vocab(main, 'pages_fts', 'instance')")
        var counted: [Int: Int] = [:]
        for row in try connection.query("SELECT doc, count(*) FROM temp.page_words GROUP BY doc") {
            if let id = row[0].int, let count = row[1].int { counted[id] = count }
        }
        XCTAssertGreaterThan(counted.count, 700)
        // Dense matches step forward, sparse ones seek; descending order seeks backwards every time.
        for (expression, order) in [("\"dang\"", "ASC"), ("\"khan\"", "ASC"), ("\"nien\"", "DESC"), ("\"thanh\" *", "DESC")] {
            let rows = try connection.query("""
                SELECT rowid, \(SearchRanking.lengthFunction)(pages_fts) FROM pages_fts WHERE pages_fts MATCH ? ORDER BY rowid \(order)
                """, [.text(expression)])
            XCTAssertGreaterThan(rows.count, 10, expression)
            for row in rows {
                let id = try XCTUnwrap(row[0].int)
                XCTAssertEqual(row[1].int, counted[id], "\(expression) \(order): page \(id)")
            }
        }
    }

    func testSearchFindsTheSamePagesInTheSameOrderAsBM25() throws {
        var index = try SearchIndex(catalogue: Catalogue(path: cataloguePath, readOnly: true))
        // Then without failed pages' text, so that a one-phrase search runs over every page and gives its count to pages_bm25.
        for pass in ["with failed pages' text", "without"] {
            if pass == "without" {
                try Catalogue(path: cataloguePath).connection.query("UPDATE pages SET text = NULL WHERE state = 'failed'")
            }
            try compareWithBM25(index: &index, pass: pass)
        }
    }

    private func compareWithBM25(index: inout SearchIndex, pass: String) throws {
        for (text, filters) in try Self.queries() + [("th*", SearchFilters()), ("dang th*", SearchFilters()), ("thanh-n*", SearchFilters()),
                                                     ("so th*", try SearchFilters(type: nil, from: "2012", to: nil, issuer: "thanh uy"))] {
            let query = try SearchQuery(text)
            index.ranking = .storedLengths
            let ours = try index.search(query, filters: filters, limit: 20)
            index.ranking = .fts5BM25
            let bm25 = try index.search(query, filters: filters, limit: 20)
            XCTAssertGreaterThan(bm25.total, 0, "\(text), \(pass)")
            XCTAssertEqual(ours.total, bm25.total, "\(text), \(pass)")
            XCTAssertEqual(ours.hits.count, min(20, bm25.total), "\(text), \(pass)")
            XCTAssertEqual(ours.hits.map(\.rank), bm25.hits.map(\.rank), "\(text), \(pass)")
            // Pages of equal rank may come in either order, and the last such group may be cut by the limit differently.
            let groups = { (hits: [SearchHit]) in Dictionary(grouping: hits, by: \.rank).mapValues { Set($0.map(\.pageLabel)) } }
            let last = bm25.hits.last?.rank
            for (rank, pages) in groups(bm25.hits) where rank != last {
                XCTAssertEqual(groups(ours.hits)[rank], pages, "\(text), \(pass): rank \(rank)")
            }
            if ours.hits.map(\.pageLabel) != bm25.hits.map(\.pageLabel) {
                print("search ranking: \(text), \(pass): same ranks, tied pages in another order")
            }
        }
    }

    func testSearchGivesThePlainFTS5CountsAndSnippets() throws {
        let connection = try Catalogue(path: cataloguePath, readOnly: true).connection
        let index = try SearchIndex(catalogue: Catalogue(path: cataloguePath, readOnly: true))
        let prefixes: [(String, SearchFilters)] = [("th*", SearchFilters()), ("t*", SearchFilters()), ("thanh-n*", SearchFilters()),
                                                   ("dang th*", SearchFilters()), ("ho so th*", try SearchFilters(type: "cong van", from: nil, to: nil, issuer: nil))]
        for (text, filters) in try Self.queries() + prefixes {
            let query = try SearchQuery(text)
            let results = try index.search(query, filters: filters, limit: 20)
            // Done pages whose document passes the filters, as `SearchFilters.sqlCondition` states them.
            let condition = filters.sqlCondition()
            let total = try connection.query("""
                SELECT count(*) FROM pages_fts WHERE pages_fts MATCH ? AND rowid IN (
                    SELECT p.id FROM pages p LEFT JOIN documents d ON d.file_id = p.file_id AND p.page_number BETWEEN d.first_page AND d.last_page
                    LEFT JOIN document_keys k ON k.document_id = d.id WHERE p.state = 'done' AND (? OR (\(condition.sql))))
                """, [.text(query.expression), .integer(filters.isEmpty ? 1 : 0)] + condition.parameters).first?.first?.int
            XCTAssertEqual(results.total, total, text)
            XCTAssertGreaterThan(results.hits.count, 1, text)
            for hit in results.hits {
                let snippet = try connection.query("""
                    SELECT snippet(pages_fts, 0, char(2), char(3), '…', 16) FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid
                    JOIN files f ON f.id = p.file_id WHERE pages_fts MATCH ? AND f.code = ? AND p.page_number = ?
                    """, [.text(query.expression), .text(hit.fileCode), .integer(Int64(hit.pageNumber ?? 0))]).first?.first?.string
                XCTAssertEqual(hit.markedSnippet, snippet, "\(text): \(hit.pageLabel)")
            }
        }
    }

    func testPageSetKeepsExactlyItsPages() throws {
        XCTAssertEqual(SearchPageSet.runs(ofIDs: "7,3,4,5,9,9,10"), "3-5,7-7,9-10")
        XCTAssertEqual(SearchPageSet.runs(ofIDs: ""), "")
        let connection = try XCTUnwrap(try Catalogue(path: cataloguePath, readOnly: true).sqlite)
        try SearchPageSet.register(on: connection)
        let matches = try connection.query("SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'dang'").compactMap { $0[0].int }
        XCTAssertGreaterThan(matches.count, 100)
        // Scattered ids (every third match, and some far beyond any page), none, and all.
        let scattered = matches.enumerated().filter { $0.offset % 3 == 0 }.map(\.element) + [9_000_000_000_000, 5_000_000_000_000]
        // Matches come in ascending order; descending, each steps back.
        for (ids, order) in [(scattered, "ASC"), (scattered, "DESC"), ([], "ASC"), (matches, "ASC")] {
            let kept = try connection.query("""
                SELECT rowid FROM pages_fts WHERE pages_fts MATCH 'dang' AND \(SearchPageSet.function)(pages_fts, ?) ORDER BY rowid \(order)
                """, [.text(SearchPageSet.runs(ofIDs: ids.map(String.init).joined(separator: ",")))]).compactMap { $0[0].int }
            XCTAssertEqual(Set(kept), Set(matches).intersection(ids), order)
            XCTAssertEqual(kept.count, Set(kept).count, order)
        }
    }

    func testSnippetIndexTakesTheCatalogueTokenizer() {
        XCTAssertEqual(SearchSnippets.tokenizeOption(in: "CREATE VIRTUAL TABLE pages_fts USING fts5(text, tokenize='unicode61 remove_diacritics 2')"),
                       "tokenize='unicode61 remove_diacritics 2'")
        XCTAssertEqual(SearchSnippets.tokenizeOption(in: #"fts5(text, tokenize = "porter ascii", content='pages')"#), #"tokenize = "porter ascii""#)
        XCTAssertEqual(SearchSnippets.tokenizeOption(in: "fts5(text, tokenize=porter)"), "tokenize=porter")
        XCTAssertNil(SearchSnippets.tokenizeOption(in: "fts5(text, content='pages')"))
    }
}
