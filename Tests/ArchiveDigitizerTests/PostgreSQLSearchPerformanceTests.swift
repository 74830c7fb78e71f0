import XCTest
@testable import ArchiveDigitizer

/// Search latency on PostgreSQL, on the generated catalogue of 100,000 pages that
/// `SearchPerformanceTests` measures on SQLite (`SearchBenchmarkCatalogue`), migrated into a schema of
/// the test server. Slow to set up (a few minutes), so it runs only when asked:
///
///     POSTGRES_SEARCH_BENCHMARK=1 TEST_POSTGRES_URL=$(cat .build/postgres-url) \
///         swift test --skip-build --disable-swift-testing --filter PostgreSQLSearchPerformanceTests
///
/// It prints each query's median (p50) and 95th-percentile (p95) latency over 21 runs on PostgreSQL
/// beside SQLite's, alternating, so both see the same machine load; both stores must count the same
/// matches. It reports rather than gates: it fails only if a PostgreSQL median exceeds two seconds.
///
/// The migration takes minutes; to measure again without it, name a schema to keep in
/// `POSTGRES_SEARCH_BENCHMARK_SCHEMA` (letters, digits and `_`): the first run fills it (and a SQLite
/// catalogue beside it in the temporary folder) and leaves both, later runs reuse them.
final class PostgreSQLSearchPerformanceTests: XCTestCase {
    func testPostgreSQLSearchLatencyOnAHundredThousandPages() throws {
        guard ProcessInfo.processInfo.environment["POSTGRES_SEARCH_BENCHMARK"] == "1" else {
            throw XCTSkip("set POSTGRES_SEARCH_BENCHMARK=1 (and TEST_POSTGRES_URL) to measure PostgreSQL search latency on 100,000 generated pages")
        }
        let kept = ProcessInfo.processInfo.environment["POSTGRES_SEARCH_BENCHMARK_SCHEMA"].flatMap { $0.isEmpty ? nil : $0 }
        if let kept { XCTAssertTrue(kept.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }, "schema name \(kept)") }
        let schema = try kept.map { try PostgreSQLTestSchema.keep($0) } ?? PostgreSQLTestSchema.make()
        defer { if kept == nil { schema.drop() } }
        let work = kept == nil ? try TestSupport.temporaryFolder("postgres-search-bench")
            : FileManager.default.temporaryDirectory.appendingPathComponent("postgres-search-bench-" + schema.name)
        defer { if kept == nil { try? FileManager.default.removeItem(at: work) } }
        let path = work.appendingPathComponent("catalogue.sqlite").path
        let connection = try schema.connect()
        let isFilled = try connection.integer("SELECT count(*) FROM pg_class WHERE oid = to_regclass('pages')") == 1
            && FileManager.default.fileExists(atPath: path)
        if isFilled {
            print("postgres search benchmark: reusing schema \(schema.name) and \(path)")
        } else {
            try? FileManager.default.removeItem(at: work)
            try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
            try SearchBenchmarkCatalogue.fill(try Catalogue(path: path))
            let sqlite = try Catalogue(path: path)  // read-write: makes the documents' filter keys, as `digitize run` does

            var started = Date()
            let outcome = try CatalogueMigration(from: try XCTUnwrap(sqlite.sqlite), to: connection).run()
            XCTAssertTrue(outcome.isChainPreserved)
            print(String(format: "postgres search benchmark: 100,000 pages migrated, folded and indexed in %.1f s", Date().timeIntervalSince(started)))
            started = Date()
            try connection.execute("ANALYZE")  // as autovacuum would after a bulk load; the planner needs the statistics
            print(String(format: "postgres search benchmark: ANALYZE %.1f s; pages table %@, search index %@", Date().timeIntervalSince(started),
                         try connection.query("SELECT pg_size_pretty(pg_total_relation_size('pages'))").first?[0].string ?? "?",
                         try connection.query("SELECT pg_size_pretty(pg_relation_size('pages_search'))").first?[0].string ?? "?"))
        }

        let postgres = try Catalogue(database: connection, upgrading: false).makeSearch()
        let embedded = try Catalogue(path: path, readOnly: true).makeSearch()
        print("postgres search benchmark: query                  filters                                      matches   p50 ms   p95 ms  SQLite p50  SQLite p95")
        for (text, filters) in try SearchBenchmarkCatalogue.cases() {
            let query = try SearchQuery(text)
            var timings: [[Double]] = [[], []]
            var totals: [Int] = [0, 0]
            for _ in 0..<21 {
                for (index, search) in [postgres, embedded].enumerated() {
                    let results = try search.search(query, filters: filters, limit: 20)
                    timings[index].append(results.seconds)
                    totals[index] = results.total
                }
            }
            let (median, p95) = SearchBenchmarkCatalogue.percentiles(timings[0])
            let (sqliteMedian, sqliteP95) = SearchBenchmarkCatalogue.percentiles(timings[1])
            let filterText = [filters.type.map { "--type \($0)" }, filters.from.map { "--from \($0)" },
                              filters.to.map { "--to \($0)" }, filters.issuer.map { "--issuer \($0)" }].compactMap { $0 }.joined(separator: " ")
            print("postgres search benchmark: " + text.padding(toLength: 22, withPad: " ", startingAt: 0) + " "
                  + filterText.padding(toLength: 44, withPad: " ", startingAt: 0)
                  + String(format: " %7d %8.1f %8.1f %11.1f %11.1f", totals[0], median * 1000, p95 * 1000, sqliteMedian * 1000, sqliteP95 * 1000))
            XCTAssertGreaterThan(totals[0], 0, text)
            XCTAssertEqual(totals[0], totals[1], "both stores count the same matches for \(text)")
            XCTAssertLessThan(median, 2.0, "\(text) took \(median) s")
        }
        let plan = try connection.query("EXPLAIN SELECT count(*) FROM pages p WHERE p.state = 'done' AND p.search_words @@ to_tsquery('simple', vi_fold('''khan'''))")
            .compactMap { $0.first?.string }.joined(separator: " / ")
        print("postgres search benchmark: plan of a rare word: \(plan)")
        XCTAssertTrue(plan.contains("pages_search"), "the GIN index is used: \(plan)")
        let cli = Date()
        let run = try TestSupport.run(["search", "so hoa tai lieu", "--store", try schema.url(), "--limit", "20"])
        XCTAssertEqual(run.status, 0, run.errors)
        print(String(format: "postgres search benchmark: `digitize search --store` command, start to exit: %.0f ms", Date().timeIntervalSince(cli) * 1000))
    }
}
