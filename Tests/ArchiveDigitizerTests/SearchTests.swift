import XCTest
@testable import ArchiveDigitizer

/// `digitize search` on the real SampleScans archive: Vietnamese phrases are found with and
/// without diacritics (đ included), the index follows edits made with the sqlite3 tool, user text
/// is never FTS5 syntax, and document filters narrow the results.
final class SearchTests: SampleArchiveTestCase {

    private func search(_ text: String, filters: SearchFilters = SearchFilters(), limit: Int = 50) throws -> SearchResults {
        let catalogue = try Catalogue(path: copy.cataloguePath, readOnly: true)
        return try SearchIndex(catalogue: catalogue).search(try SearchQuery(text), filters: filters, limit: limit)
    }

    private func pages(_ results: SearchResults) -> Set<String> {
        Set(results.hits.map { "\($0.fileCode) p\($0.pageNumber ?? 0)" })
    }

    func testAPrefixBeginningOneIndexedWordIsSearchedAsThatWordWithTheSameResults() throws {
        let index = try SearchIndex(catalogue: Catalogue(path: copy.cataloguePath, readOnly: true))
        XCTAssertEqual(try index.indexedWords(startingWith: "thanh"), ["thanh"], "SampleScans has one word beginning thanh")
        let th = try index.indexedWords(startingWith: "th", limit: 100)
        XCTAssertGreaterThan(th.count, 2, "and several beginning th")
        XCTAssertEqual(th, th.sorted())
        XCTAssertEqual(try index.indexedWords(startingWith: "th", limit: 2), Array(th.prefix(2)))
        let words = { (prefix: String) in try index.indexedWords(startingWith: prefix) }
        let query = try SearchQuery("\"Ban Chỉ\" thành*")
        XCTAssertEqual(try query.expression(narrowingPrefixesWith: words), #""Ban Chỉ" "thanh""#)
        XCTAssertEqual(try SearchQuery("th*").expression(narrowingPrefixesWith: words), #""th" *"#)
        XCTAssertEqual(try SearchQuery("zzq*").expression(narrowingPrefixesWith: words), #""zzq" *"#)
        // Expanded, a prefix that begins a few words is an OR of them; one that begins many stays a prefix.
        XCTAssertEqual(try query.expanded(with: words).expression, #""Ban Chỉ" "thanh""#)
        let expanded = try SearchQuery("so 8229-QĐ/T*").expanded(with: { _ in ["tu", "tw"] })
        XCTAssertEqual(expanded.expression, #""so" AND ("8229 QD tu" OR "8229 QD tw")"#)
        XCTAssertEqual(expanded.phraseCounts, [1, 2])
        XCTAssertEqual(try SearchQuery("t*").expanded(with: words).expression, #""t" *"#)
        var plain = index
        plain.narrowsPrefixes = false
        for text in ["thanh*", "\"Ban Chỉ\" thành*", "th*", "so ho*", "tha*", "ban th*"] {
            let narrowed = try index.search(try SearchQuery(text), limit: 50)
            let unnarrowed = try plain.search(try SearchQuery(text), limit: 50)
            XCTAssertGreaterThan(unnarrowed.total, 0, text)
            XCTAssertEqual(narrowed.total, unnarrowed.total, text)
            XCTAssertEqual(narrowed.hits, unnarrowed.hits, "the same pages, ranks and snippets for \(text)")
        }
    }

    func testDiacriticPhrasesAreFoundWithAndWithoutDiacritics() throws {
        let typed = try search("\"Ban Chỉ đạo 204\"")
        let plain = try search("\"ban chi dao 204\"")
        XCTAssertTrue(pages(typed).contains("HN-TU.01.037.0001 p1"), "\(pages(typed))")
        XCTAssertEqual(pages(plain), pages(typed), "đ is folded to d on both sides")
        XCTAssertTrue(plain.hits.first?.snippet(open: "[", close: "]").contains("[Ban Chỉ đạo 204]") == true,
                      "the snippet shows the page's own text, diacritics and all: \(plain.hits.first?.markedSnippet ?? "")")

        let upper = try search("dang cong san viet nam")
        XCTAssertEqual(pages(upper), pages(try search("ĐẢNG CỘNG SẢN VIỆT NAM")))
        XCTAssertTrue(pages(upper).contains("HN-TU.01.037.0001 p1"))
        let metres = try search("so met gia")
        XCTAssertTrue(pages(metres).contains("HN-UB.02.015.0043 p2"), "“số mét giá” is on that page: \(pages(metres))")
        XCTAssertTrue(try search("zzqxv").hits.isEmpty)
    }

    func testResultsNameFileDocumentPageAndAreRankedBestFirst() throws {
        let results = try search("số hóa", limit: 3)
        XCTAssertGreaterThan(results.total, 3)
        XCTAssertEqual(results.hits.count, 3)
        XCTAssertEqual(results.hits.map(\.rank), results.hits.map(\.rank).sorted(), "bm25: lower is better")
        for hit in results.hits {
            let document = try XCTUnwrap(hit.documentCode)
            XCTAssertTrue(document.hasPrefix(hit.fileCode + "."))
            XCTAssertEqual(hit.pdfPath, "documents/\(hit.fileCode)/\(document).pdf")
            XCTAssertNotNil(hit.pdfPageNumber)
            XCTAssertTrue(hit.pageLabel.hasPrefix(hit.fileCode + "/"))
        }
    }

    func testTheIndexFollowsRowsEditedWithTheSqlite3Tool() throws {
        let page = "HN-TU.01.037.0001 p1"
        XCTAssertTrue(pages(try search("\"ban chi dao 204\"")).contains(page))
        XCTAssertFalse(pages(try search("\"dang phi\"")).contains(page))
        try SampleArchive.sqlite3(copy.cataloguePath, """
            UPDATE pages SET text = 'Thông báo về việc thu nộp đảng phí năm 2025'
                WHERE page_number = 1 AND file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001');
            """)
        XCTAssertTrue(pages(try search("\"dang phi\"")).contains(page), "the update trigger indexed the new text")
        XCTAssertTrue(pages(try search("\"đảng phí\"")).contains(page))
        XCTAssertFalse(pages(try search("\"ban chi dao 204\"")).contains(page), "and removed the old words")
        try SampleArchive.sqlite3(copy.cataloguePath, """
            DELETE FROM pages WHERE page_number = 1 AND file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001');
            INSERT INTO pages_fts(pages_fts, rank) VALUES ('integrity-check', 0);
            """)
        XCTAssertFalse(pages(try search("\"dang phi\"")).contains(page), "the delete trigger removed it")
    }

    func testAnArchiveMadeBeforeTheIndexIsBackfilledOnce() throws {
        try SampleArchive.sqlite3(copy.cataloguePath, """
            DROP TRIGGER pages_fts_insert; DROP TRIGGER pages_fts_delete; DROP TRIGGER pages_fts_update;
            DROP TABLE pages_fts; DELETE FROM meta WHERE key = 'search_index';
            """)
        XCTAssertFalse(try SearchIndex.isBuilt(in: Catalogue(path: copy.cataloguePath, readOnly: true)))
        let cli = try TestSupport.run(["search", "ban chi dao", "--archive", copy.archive.path])
        XCTAssertEqual(cli.status, 0, cli.errors)
        XCTAssertTrue(cli.errors.contains("Building the search index"), cli.errors)
        XCTAssertTrue(cli.output.contains("HN-TU.01.037.0001"), cli.output)
        let total = try search("ban chi dao").total
        _ = try Catalogue(path: copy.cataloguePath)  // a second read-write open must not index the pages twice
        XCTAssertEqual(try search("ban chi dao").total, total)
        try SampleArchive.sqlite3(copy.cataloguePath, "INSERT INTO pages_fts(pages_fts, rank) VALUES ('integrity-check', 0);")
    }

    func testUserTextIsNeverTakenAsFTSSyntax() throws {
        for text in ["\"", "AND", "NOT OR", "NEAR(a b)", "-x", "*", "a\"b", "col:ban", "(ban", "{dao}", "8229-QĐ/TU", "ban^", "'"] {
            do {
                _ = try search(text)
            } catch SearchError.emptyQuery {
                continue
            } catch {
                XCTFail("“\(text)” failed: \(error)")
            }
        }
        XCTAssertThrowsError(try SearchQuery("--- ... \"\"")) { XCTAssertEqual($0 as? SearchError, .emptyQuery) }
        XCTAssertEqual(try SearchQuery("Đảng phí \"ban chỉ đạo\" thanh* 8229-QĐ/TU").expression,
                       "\"Dảng\" \"phí\" \"ban chỉ dạo\" \"thanh\" * \"8229 QD TU\"")
        XCTAssertTrue(pages(try search("8229-QĐ/TU")).contains("HN-TU.01.037.0001 p1"))
        XCTAssertFalse(try search("thanh*").hits.isEmpty)
    }

    func testFiltersNarrowToDocumentTypeDateAndIssuer() throws {
        let edit = """
            UPDATE documents SET metadata = '{"doc_type":"Kế hoạch","symbol":"KH-UBND","date":"2025-04-01","issuer":"Ủy ban nhân dân thành phố Hà Nội"}';
            UPDATE documents SET metadata = '{"doc_type":"Quyết định","symbol":"QĐ/TU","date":"2025-02-18","issuer":"Thành ủy Hà Nội"}'
                WHERE file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001');
            """
        // As a catalogue made before `document_keys` existed, read without upgrading it.
        try SampleArchive.sqlite3(copy.cataloguePath, """
            DROP TRIGGER document_keys_insert; DROP TRIGGER document_keys_update; DROP TRIGGER document_keys_delete;
            DROP TABLE document_keys;
            """ + edit)
        func files(_ filters: SearchFilters) throws -> Set<String> {
            Set(try search("ha noi", filters: filters).hits.map(\.fileCode))
        }
        // Documents are judged in Swift when there is no key table, then when their keys were
        // forgotten by an edit made with the sqlite3 tool; after a read-write open, SQL over the
        // stored keys must give the same answers.
        for stage in ["no key table", "keys forgotten by the edit", "keys stored"] {
            if stage != "no key table" { _ = try Catalogue(path: copy.cataloguePath) }
            if stage == "keys forgotten by the edit" { try SampleArchive.sqlite3(copy.cataloguePath, edit) }
            if stage != "no key table" {
                let unkeyed = try Catalogue(path: copy.cataloguePath, readOnly: true).connection
                    .query("SELECT count(*) FROM documents WHERE id NOT IN (SELECT document_id FROM document_keys)").first?[0].int
                XCTAssertEqual(unkeyed == 0, stage == "keys stored", stage)
            }
            XCTAssertEqual(try files(SearchFilters()), ["HN-TU.01.037.0001", "HN-UB.02.015.0042", "HN-UB.02.015.0043"])
            XCTAssertEqual(try files(SearchFilters(type: "quyet dinh", from: nil, to: nil, issuer: nil)), ["HN-TU.01.037.0001"])
            XCTAssertEqual(try files(SearchFilters(type: "QĐ", from: nil, to: nil, issuer: nil)), ["HN-TU.01.037.0001"])
            XCTAssertEqual(try files(SearchFilters(type: nil, from: "2025-03", to: nil, issuer: nil)), ["HN-UB.02.015.0042", "HN-UB.02.015.0043"])
            XCTAssertEqual(try files(SearchFilters(type: nil, from: nil, to: "2025-02-18", issuer: nil)), ["HN-TU.01.037.0001"])
            XCTAssertEqual(try files(SearchFilters(type: nil, from: "2025", to: "2025", issuer: "uy ban nhan dan")),
                           ["HN-UB.02.015.0042", "HN-UB.02.015.0043"])
        }
        XCTAssertThrowsError(try SearchFilters(type: nil, from: "18/02/2025", to: nil, issuer: nil))
    }

    func testFilteredPagesFollowPagesAddedMovedAndRemovedAndCataloguesMadeBeforeTheyWereStored() throws {
        // `digitize run` recorded each document's pages with its keys.
        let recorded = try Catalogue(path: copy.cataloguePath, readOnly: true).connection.query("""
            SELECT k.page_runs, (SELECT group_concat(p.id) FROM pages p
                WHERE p.file_id = d.file_id AND p.page_number BETWEEN d.first_page AND d.last_page)
            FROM documents d LEFT JOIN document_keys k ON k.document_id = d.id
            """)
        XCTAssertFalse(recorded.isEmpty)
        for row in recorded {
            XCTAssertEqual(row[0].string, SearchPageSet.runs(ofIDs: row[1].string ?? ""))
        }
        try SampleArchive.sqlite3(copy.cataloguePath, """
            UPDATE documents SET metadata = '{"doc_type":"Kế hoạch","date":"2025-04-01"}';
            UPDATE documents SET metadata = '{"doc_type":"Quyết định","date":"2025-02-18"}'
                WHERE file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001');
            """)
        _ = try Catalogue(path: copy.cataloguePath)  // stores the keys and pages again
        let decisions = try SearchFilters(type: "quyet dinh", from: nil, to: nil, issuer: nil)
        // The filtered search against plain SQL over the pages' rows, and whether every document's pages are stored.
        func check(_ stage: String, pagesStored: Bool) throws {
            let connection = try Catalogue(path: copy.cataloguePath, readOnly: true).connection
            let expected = try connection.query("""
                SELECT count(*) FROM pages_fts JOIN pages p ON p.id = pages_fts.rowid
                JOIN documents d ON d.file_id = p.file_id AND p.page_number BETWEEN d.first_page AND d.last_page
                WHERE pages_fts MATCH 'ha noi' AND p.state = 'done' AND json_extract(d.metadata, '$.doc_type') = 'Quyết định'
                """).first?[0].int
            let results = try search("ha noi", filters: decisions)
            XCTAssertEqual(results.total, expected, stage)
            XCTAssertEqual(Set(results.hits.map(\.fileCode)), ["HN-TU.01.037.0001"], stage)
            let stored = try connection.query("SELECT count(*) FROM document_keys WHERE page_runs IS NOT NULL").first?[0].int
            let documents = try connection.query("SELECT count(*) FROM documents").first?[0].int
            XCTAssertEqual(stored == documents, pagesStored, stage)
        }
        try check("stored", pagesStored: true)
        let before = try search("ha noi", filters: decisions).total
        let into = "(SELECT id FROM files WHERE code = 'HN-TU.01.037.0001')"
        try SampleArchive.sqlite3(copy.cataloguePath, """
            UPDATE pages SET file_id = \(into), page_number = 1 WHERE id = (SELECT p.id FROM pages p JOIN pages_fts ON pages_fts.rowid = p.id
                WHERE pages_fts MATCH 'ha noi' AND p.file_id = (SELECT id FROM files WHERE code = 'HN-UB.02.015.0042') LIMIT 1);
            """)
        try check("a page moved into a decision", pagesStored: false)
        XCTAssertEqual(try search("ha noi", filters: decisions).total, before + 1)
        _ = try Catalogue(path: copy.cataloguePath)
        try check("stored after the move", pagesStored: true)
        try SampleArchive.sqlite3(copy.cataloguePath, """
            INSERT INTO pages(file_id, source_id, frame, page_number, state, text)
                SELECT file_id, id, 999, 2, 'done', 'Thành phố Hà Nội' FROM sources WHERE file_id = \(into) LIMIT 1;
            """)
        try check("a page added", pagesStored: false)
        XCTAssertEqual(try search("ha noi", filters: decisions).total, before + 2)
        _ = try Catalogue(path: copy.cataloguePath)
        try check("stored after the addition", pagesStored: true)
        try SampleArchive.sqlite3(copy.cataloguePath, "DELETE FROM pages WHERE frame = 999 AND file_id = \(into);")
        try check("a page removed", pagesStored: false)
        XCTAssertEqual(try search("ha noi", filters: decisions).total, before + 1)
        // A catalogue whose keys hold no pages (versions 3 to 5), read before and after it is upgraded.
        try SampleArchive.sqlite3(copy.cataloguePath, "ALTER TABLE document_keys DROP COLUMN page_runs;")
        XCTAssertEqual(try DocumentKeys.storage(in: Catalogue(path: copy.cataloguePath, readOnly: true).connection), .keys)
        XCTAssertEqual(try search("ha noi", filters: decisions).total, before + 1)
        _ = try Catalogue(path: copy.cataloguePath)
        try check("upgraded", pagesStored: true)
        XCTAssertEqual(try search("ha noi", filters: decisions).total, before + 1)
    }

    func testCommandLineJSONAndUsageErrors() throws {
        let json = try TestSupport.run(["search", "ban", "chi", "dao", "--archive", copy.archive.path, "--json", "--limit", "2"])
        XCTAssertEqual(json.status, 0, json.errors)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        XCTAssertEqual(object["query"] as? String, "ban chi dao")
        let results = try XCTUnwrap(object["results"] as? [[String: Any]])
        XCTAssertFalse(results.isEmpty)
        XCTAssertLessThanOrEqual(results.count, 2)
        XCTAssertEqual(Set(results[0].keys), ["file_code", "document_code", "document_title", "pdf", "page_number", "pdf_page_number",
                                              "page_label", "snippet", "score"])
        XCTAssertTrue((results[0]["snippet"] as? String)?.contains("«") == true)
        XCTAssertEqual(try TestSupport.run(["search", "--archive", copy.archive.path]).status, 64)
        XCTAssertEqual(try TestSupport.run(["search", "x", "--from", "yesterday", "--archive", copy.archive.path]).status, 64)
        XCTAssertEqual(try TestSupport.run(["search", "x", "--limit", "-1", "--archive", copy.archive.path]).status, 64)
        XCTAssertEqual(try TestSupport.run(["search", "x", "--limit", "0", "--archive", copy.archive.path]).status, 0, "0 only counts")
    }
}
