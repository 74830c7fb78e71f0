import XCTest
@testable import ArchiveDigitizer

/// `digitize search` on a PostgreSQL store against the real test server: the SampleScans archive is
/// migrated into its own schema and every search is run on both stores, which must find the same
/// pages, count the same totals and show the same snippets from the pages' own text.
final class PostgreSQLSearchTests: SampleArchiveTestCase {
    private var schema: PostgreSQLTestSchema?

    override func tearDownWithError() throws {
        schema?.drop()
        try super.tearDownWithError()
    }

    /// The sample archive copied into a fresh schema with `digitize migrate`.
    private func migrated() throws -> PostgreSQLTestSchema {
        let schema = try PostgreSQLTestSchema.make()
        self.schema = schema
        let run = try TestSupport.run(["migrate", "--archive", copy.archive.path, "--store", try schema.url()])
        XCTAssertEqual(run.status, 0, run.output + run.errors)
        return schema
    }

    private func searches(_ schema: PostgreSQLTestSchema) throws -> (sqlite: any PageSearch, postgres: any PageSearch) {
        (try Catalogue(path: copy.cataloguePath, readOnly: true).makeSearch(),
         try Catalogue(database: try schema.connect(), upgrading: false).makeSearch())
    }

    private func pages(_ results: SearchResults) -> Set<String> {
        Set(results.hits.map { "\($0.fileCode) p\($0.pageNumber ?? 0)" })
    }

    /// Searches whose best page is clear (not a tie of near-equal scores): both rankings must put it first.
    private let clearQueries: Set<String> = ["\"ban chi dao 204\"", "ban chi dao", "số hóa", "so hoa", "dang", "quyet dinh"]

    func testEverySearchFindsTheSamePagesAndSnippetsOnBothStores() throws {
        let (sqlite, postgres) = try searches(try migrated())
        let queries = ["\"ban chi dao 204\"", "\"Ban Chỉ đạo 204\"", "ban chi dao", "dang cong san viet nam", "ĐẢNG CỘNG SẢN VIỆT NAM",
                       "so met gia", "số hóa", "so hoa", "dang", "quyet dinh", "ha noi", "thanh*", "th*", "so ho*", "\"ban ch*\"",
                       "8229-QĐ/TU", "zzqxv"]
        var compared = 0
        for text in queries {
            let query = try SearchQuery(text)
            let expected = try sqlite.search(query, filters: SearchFilters(), limit: 50)
            let found = try postgres.search(query, filters: SearchFilters(), limit: 50)
            XCTAssertEqual(found.total, expected.total, text)
            XCTAssertEqual(pages(found), pages(expected), text)
            XCTAssertEqual(found.hits.map(\.rank), found.hits.map(\.rank).sorted(), "best first, lower is better: \(text)")
            if clearQueries.contains(text) {
                XCTAssertGreaterThan(found.total, 0, text)
                XCTAssertEqual(found.hits.first.map { "\($0.fileCode) p\($0.pageNumber ?? 0)" },
                               expected.hits.first.map { "\($0.fileCode) p\($0.pageNumber ?? 0)" }, "the same best page for \(text)")
            }
            let snippets = Dictionary(expected.hits.map { ("\($0.fileCode) p\($0.pageNumber ?? 0)", $0) }, uniquingKeysWith: { first, _ in first })
            for hit in found.hits {
                let page = "\(hit.fileCode) p\(hit.pageNumber ?? 0)"
                let other = try XCTUnwrap(snippets[page], page)
                XCTAssertEqual(hit.markedSnippet, other.markedSnippet, "the snippet FTS5 would show, for \(text) on \(page)")
                XCTAssertEqual([hit.documentCode, hit.pdfPath, hit.pageLabel], [other.documentCode, other.pdfPath, other.pageLabel], page)
                XCTAssertEqual(hit.pdfPageNumber, other.pdfPageNumber, page)
                compared += 1
            }
        }
        XCTAssertGreaterThan(compared, 60, "enough pages compared")
        let plain = try postgres.search(try SearchQuery("\"ban chi dao 204\""), filters: SearchFilters(), limit: 5)
        XCTAssertTrue(plain.hits.first?.snippet(open: "[", close: "]").contains("[Ban Chỉ đạo 204]") == true,
                      "the page's own text, diacritics and all: \(plain.hits.first?.markedSnippet ?? "")")
        XCTAssertEqual(pages(plain), pages(try postgres.search(try SearchQuery("\"Ban Chỉ đạo 204\""), filters: SearchFilters(), limit: 5)))
    }

    func testFiltersNarrowTheSameWayOnBothStores() throws {
        let (sqlite, postgres) = try searches(try migrated())
        let unfiltered = try postgres.search(try SearchQuery("ha noi"), filters: SearchFilters(), limit: 50).total
        let cases: [SearchFilters] = [
            try SearchFilters(type: "quyet dinh", from: nil, to: nil, issuer: nil),
            try SearchFilters(type: "QĐ", from: nil, to: nil, issuer: nil),
            try SearchFilters(type: nil, from: "2025-03", to: nil, issuer: nil),
            try SearchFilters(type: nil, from: nil, to: "2025-02-18", issuer: nil),
            try SearchFilters(type: nil, from: "2025", to: "2025", issuer: "uy ban nhan dan"),
            try SearchFilters(type: "Công văn", from: nil, to: nil, issuer: "Thành ủy"),
        ]
        for filters in cases {
            let expected = try sqlite.search(try SearchQuery("ha noi"), filters: filters, limit: 50)
            let found = try postgres.search(try SearchQuery("ha noi"), filters: filters, limit: 50)
            XCTAssertEqual(found.total, expected.total, "\(filters)")
            XCTAssertEqual(pages(found), pages(expected), "\(filters)")
            XCTAssertGreaterThan(found.total, 0, "\(filters)")
            XCTAssertLessThan(found.total, unfiltered, "\(filters) narrows")
        }
        // A document whose keys are gone (edited by hand) is judged from its metadata, as on SQLite.
        let connection = try schema!.connect()
        try connection.query("DELETE FROM document_keys")
        let filters = try SearchFilters(type: "quyet dinh", from: nil, to: nil, issuer: nil)
        XCTAssertEqual(pages(try postgres.search(try SearchQuery("ha noi"), filters: filters, limit: 50)),
                       pages(try sqlite.search(try SearchQuery("ha noi"), filters: filters, limit: 50)))
    }

    func testOnlyDonePagesAreFoundAndEditsAreSearchedAtOnce() throws {
        let schema = try migrated()
        let (_, postgres) = try searches(schema)
        let connection = try schema.connect()
        let page = "HN-TU.01.037.0001 p1"
        let onPage = "page_number = 1 AND file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001')"
        func found(_ text: String) throws -> Set<String> {
            pages(try postgres.search(try SearchQuery(text), filters: SearchFilters(), limit: 50))
        }
        XCTAssertTrue(try found("\"ban chi dao 204\"").contains(page))
        try connection.query("UPDATE pages SET text = 'Thông báo về việc thu nộp đảng phí năm 2025' WHERE \(onPage)")
        XCTAssertTrue(try found("dang phi").contains(page), "the new text is searched at once")
        XCTAssertTrue(try found("\"đảng phí\"").contains(page))
        XCTAssertFalse(try found("\"ban chi dao 204\"").contains(page), "and the old words are gone")
        try connection.query("UPDATE pages SET state = 'failed' WHERE \(onPage)")
        XCTAssertFalse(try found("dang phi").contains(page), "a failed page keeps its text but is not found")
    }

    /// A word on more pages than the store ranks: the search stops there, ranks those, says "at least"
    /// in the results, the terminal text, the JSON and the reading room; a count alone stays exact.
    func testASearchWithMoreMatchesThanTheStoreRanksStopsThereAndSaysSo() throws {
        let schema = try migrated()
        let catalogue = try Catalogue(database: try schema.connect(), upgrading: false)
        let query = try SearchQuery("dang")
        let all = try PostgreSQLSearch(catalogue: catalogue).search(query, filters: SearchFilters(), limit: 50)
        XCTAssertGreaterThan(all.total, 4, "the sample archive has enough pages with the word")
        XCTAssertFalse(all.totalIsLowerBound, "every match ranked under the default limit")

        let capped = try PostgreSQLSearch(catalogue: catalogue, rankingLimit: 3).search(query, filters: SearchFilters(), limit: 50)
        XCTAssertTrue(capped.totalIsLowerBound)
        XCTAssertEqual(capped.total, 3, "at least the pages ranked")
        XCTAssertEqual(capped.hits.count, 3, "only the ranked pages can be shown")
        XCTAssertTrue(pages(capped).isSubset(of: pages(all)))
        XCTAssertEqual(capped.hits.map(\.rank), capped.hits.map(\.rank).sorted(), "best first among those ranked")
        XCTAssertTrue(capped.text().hasPrefix("At least 3 pages match “dang”, too many to rank them all: the best 3 of the first 3 found"), capped.text())
        XCTAssertTrue(capped.json.rendered(pretty: false).contains("\"total\":3,\"total_is_lower_bound\":true,"), capped.json.rendered(pretty: false))
        XCTAssertTrue(all.json.rendered(pretty: false).contains("\"total\":\(all.total),\"total_is_lower_bound\":false,"))
        let frame = RoomPage(language: .vietnamese, account: nil, csrfToken: nil)
        let room = SearchPageView(frame: frame, request: RoomSearchRequest(["q": "dang"]), results: capped, error: nil).render()
        XCTAssertTrue(room.contains("Có ít nhất 3 trang khớp với “dang”"), room)
        XCTAssertTrue(room.contains("Quá nhiều trang để xếp hạng hết: đây là những trang khớp nhất trong 3 trang tìm thấy đầu tiên"), room)
        let plain = SearchPageView(frame: frame, request: RoomSearchRequest(["q": "dang"]), results: all, error: nil).render()
        XCTAssertFalse(plain.contains("Quá nhiều trang") || plain.contains("ít nhất"), plain)

        let exactly = try PostgreSQLSearch(catalogue: catalogue, rankingLimit: all.total + 1).search(query, filters: SearchFilters(), limit: 50)
        XCTAssertFalse(exactly.totalIsLowerBound, "fewer matches than the limit: all ranked and counted")
        XCTAssertEqual(pages(exactly), pages(all))
        let count = try PostgreSQLSearch(catalogue: catalogue, rankingLimit: 3).search(query, filters: SearchFilters(), limit: 0)
        XCTAssertEqual(count.total, all.total, "a count alone is exact")
        XCTAssertFalse(count.totalIsLowerBound)
    }

    func testPostgreSQLSplitsAndFoldsWordsAsTheSQLiteIndexDoes() throws {
        let schema = try migrated()
        let tricky = "“Ban Chỉ đạo” – 8229-QĐ/TU; ĐẲNG ƯU ƠN Ỹ e\u{301} abc123 x.y a@b.com 1.5 http://x.y/z … МОСКВА Ελλάδα ½ ª ß"
        let onPage = "page_number = 2 AND file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001')"
        try copy.catalogue().query("UPDATE pages SET text = ? WHERE \(onPage)", [.text(tricky)])
        let postgres = try schema.connect()
        try postgres.query("UPDATE pages SET text = ? WHERE \(onPage)", [.text(tricky)])

        let sqlite = try copy.catalogue()
        try sqlite.execute("CREATE VIRTUAL TABLE temp.page_words USING fts5vocab(main, 'pages_fts', 'instance')")
        let sqliteWords = Dictionary(grouping: try sqlite.query("SELECT doc, term FROM temp.page_words"), by: { $0[0].int ?? 0 })
            .mapValues { Set($0.compactMap { $0[1].string }) }
        let postgresWords = Dictionary(grouping: try postgres.query("SELECT id, unnest(tsvector_to_array(search_words)) FROM pages"),
                                       by: { $0[0].int ?? 0 }).mapValues { Set($0.compactMap { $0[1].string }) }
        XCTAssertEqual(postgresWords.count, 11)
        XCTAssertEqual(Set(postgresWords.keys), Set(sqliteWords.keys))
        for (page, words) in sqliteWords {
            XCTAssertEqual(postgresWords[page], words, "page \(page): only in PostgreSQL "
                           + "\(postgresWords[page, default: []].subtracting(words).sorted()), only in SQLite \(words.subtracting(postgresWords[page, default: []]).sorted())")
        }
    }

    func testFoldingTablesAgreeWithSwiftsFoldingAndSeparatorsHoldNoLetter() {
        for (from, to, isCaseOnly) in PostgreSQLSearchSchema.letterFolds {
            let pairs = Array(zip(from.unicodeScalars, to.unicodeScalars))
            XCTAssertEqual(from.unicodeScalars.count, to.unicodeScalars.count, from)
            for (letter, folded) in pairs {
                let expected = isCaseOnly ? String(letter).lowercased() : SearchQuery.key(String(letter))
                XCTAssertEqual(String(folded), expected, "\(letter) U+\(String(letter.value, radix: 16))")
            }
        }
        let folded = Set(PostgreSQLSearchSchema.letterFolds.flatMap(\.from.unicodeScalars))
        for letter in "ăâđêôơưĂÂĐÊÔƠƯàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ".unicodeScalars {
            XCTAssertTrue(folded.contains(letter), "every Vietnamese letter is folded: \(letter)")
        }
        for range in PostgreSQLSearchSchema.separators {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                let character = Character(scalar)
                XCTAssertFalse(character.isLetter || character.isNumber, "U+\(String(value, radix: 16)) is a letter or digit")
            }
        }
        XCTAssertTrue(PostgreSQLSearchSchema.separatorClass.hasPrefix(#"\u0001-\u002f\u003a-\u0040"#), PostgreSQLSearchSchema.separatorClass)
    }

    func testTheQueryBecomesQuotedTextSearchSyntax() throws {
        XCTAssertEqual(PostgreSQLSearch.textSearchQuery(of: try SearchQuery("Đảng phí \"ban chỉ đạo\" thanh* 8229-QĐ/TU \"so ho*\"")),
                       "('Dảng') & ('phí') & ('ban' <-> 'chỉ' <-> 'dạo') & ('thanh':*) & ('8229' <-> 'QD' <-> 'TU') & ('so' <-> 'ho')")
        let schema = try migrated()
        let (_, postgres) = try searches(schema)
        for text in ["\"", "AND", "NOT OR", "!x", "a & b", "a | b", "a <-> b", "'", "x:*", "(ban", "\\", "ban^", "it's", "a:b"] {
            do {
                _ = try postgres.search(try SearchQuery(text), filters: SearchFilters(), limit: 5)
            } catch SearchError.emptyQuery {
                continue
            } catch {
                XCTFail("“\(text)” failed: \(error)")
            }
        }
    }

    func testCommandLineSearchesAPostgreSQLStoreAndNeverPrintsThePassword() throws {
        let schema = try migrated()
        let url = try schema.url()
        func json(_ arguments: [String]) throws -> [String: Any] {
            let run = try TestSupport.run(["search"] + arguments + ["--json", "--limit", "50"])
            XCTAssertEqual(run.status, 0, run.errors)
            return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any], run.output)
        }
        for arguments in [["dang", "phi"], ["ban", "chi", "dao"], ["thanh*", "--type", "quyet dinh"], ["zzqxv"]] {
            let sqlite = try json(arguments + ["--archive", copy.archive.path])
            let postgres = try json(arguments + ["--store", url, "--archive", "/nonexistent"])
            XCTAssertEqual(postgres["total"] as? Int, sqlite["total"] as? Int, "\(arguments)")
            XCTAssertEqual(postgres["query"] as? String, sqlite["query"] as? String)
            let results = { (object: [String: Any]) in
                Set(((object["results"] as? [[String: Any]]) ?? []).map { "\($0["file_code"] ?? "") \($0["page_number"] ?? "") \($0["snippet"] ?? "")" })
            }
            XCTAssertEqual(results(postgres), results(sqlite), "\(arguments)")
        }
        let text = try TestSupport.run(["search", "\"ban chi dao\"", "--store", url])
        XCTAssertEqual(text.status, 0, text.errors)
        XCTAssertTrue(text.output.contains("2 page(s) match"), text.output)
        XCTAssertTrue(text.output.contains("«Ban Chỉ đạo»"), text.output)
        for store in [["--store", url], ["--archive", copy.archive.path]] {
            let count = try TestSupport.run(["search", "\"ban chi dao\"", "--limit", "0"] + store)
            XCTAssertEqual(count.status, 0, count.errors)
            XCTAssertEqual(count.output.trimmingCharacters(in: .whitespacesAndNewlines), "2 page(s) match “\"ban chi dao\"”.", "a count alone: \(store)")
        }

        let password = try XCTUnwrap(URLComponents(string: try PostgreSQLTestSchema.serverURL())?.password)
        var wrong = try XCTUnwrap(URLComponents(string: url))
        wrong.password = password + "-wrong"
        let refused = try TestSupport.run(["search", "x", "--store", try XCTUnwrap(wrong.string)])
        XCTAssertEqual(refused.status, 74, refused.errors)
        XCTAssertFalse((refused.output + refused.errors).contains(password), refused.errors)
        XCTAssertTrue(refused.errors.contains(":***@"), refused.errors)

        let empty = try PostgreSQLTestSchema.make()
        defer { empty.drop() }
        let none = try TestSupport.run(["search", "x", "--store", try empty.url()])
        XCTAssertEqual(none.status, 66, none.errors)
        XCTAssertTrue(none.errors.contains("holds no catalogue"), none.errors)
        XCTAssertFalse(none.errors.contains(password), none.errors)
        XCTAssertEqual(try empty.connect().integer("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()"), 0,
                       "a search creates no catalogue")
        XCTAssertEqual(try TestSupport.run(["search", "x", "--store", "mysql://db"]).status, 64)
    }

    func testADatabaseMigratedBeforeTheSearchColumnGetsItOnce() throws {
        let schema = try migrated()
        try schema.connect().execute("DROP INDEX pages_search; ALTER TABLE pages DROP COLUMN search_words")
        let first = try TestSupport.run(["search", "ban chi dao", "--store", try schema.url()])
        XCTAssertEqual(first.status, 0, first.errors)
        XCTAssertTrue(first.errors.contains("Building the search index of this database"), first.errors)
        XCTAssertTrue(first.output.contains("HN-TU.01.037.0001"), first.output)
        let second = try TestSupport.run(["search", "ban chi dao", "--store", try schema.url()])
        XCTAssertFalse(second.errors.contains("Building"), second.errors)
        XCTAssertEqual(second.output, first.output)
    }
}
