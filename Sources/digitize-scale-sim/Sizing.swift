import Foundation
import ArchiveDigitizer

/// The sizing run's help (scripts/bench-scale-sizing.sh, issue #19): the store's tables, a pool of
/// made-up OCR results for the SQL loader to copy from, and the README's search queries timed.
struct Sizing {
    let store: StoreLocation
    let archive: URL

    /// Creates the catalogue's tables and `sim_pool(id, text, words)`: `count` pages as `DelayReader`
    /// makes them (no delay), every 40th with the rare words `THƯỢNG KHẨN`, which a benchmark query looks for.
    func fillPool(count: Int, wordCount: Int) throws {
        let catalogue = try Catalogue(store: store, archive: archive)
        let connection = catalogue.connection
        try connection.execute("DROP TABLE IF EXISTS sim_pool; CREATE TABLE sim_pool(id bigint PRIMARY KEY, text text NOT NULL, words text NOT NULL)")
        let reader = DelayReader(delay: 0, wordCount: wordCount, width: 2480, height: 3508)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try connection.transaction {
            for id in 0..<count {
                let page = reader.read(pageID: id)
                let text = id % 40 == 7 ? page.text.replacingOccurrences(of: "\n", with: "\nTHƯỢNG KHẨN ", options: [], range: nil) : page.text
                let words = String(data: try encoder.encode(page.words), encoding: .utf8) ?? "[]"
                try connection.query("INSERT INTO sim_pool(id, text, words) VALUES (\(connection.placeholder(1)), \(connection.placeholder(2)), \(connection.placeholder(3)))",
                                     [.integer(Int64(id)), .text(text), .text(words)])
            }
        }
    }

    /// Times the README's benchmark queries (`SearchBenchmarkQueries`), `runs` times each, and
    /// prints each one's matches ("≥ N" where the search stopped at its ranking limit), median and
    /// 95th percentile in milliseconds.
    func timeSearches(runs: Int) throws {
        let catalogue = try Catalogue(store: store, archive: archive)
        let search = try catalogue.makeSearch()
        let cases = try SearchBenchmarkQueries.all()
        print("| query | filters | matches | p50 ms | p95 ms |")
        print("|---|---|---|---|---|")
        fflush(nil)
        for (text, filters) in cases {
            let query = try SearchQuery(text)
            var seconds: [Double] = []
            var total = ""
            for _ in 0..<runs {
                let results = try search.search(query, filters: filters, limit: 20)
                seconds.append(results.seconds)
                total = (results.totalIsLowerBound ? "≥ " : "") + String(results.total)
            }
            seconds.sort()
            let p95 = seconds[min(seconds.count - 1, Int((Double(seconds.count) * 0.95).rounded(.up)) - 1)]
            let filterText = [filters.type.map { "--type \($0)" }, filters.from.map { "--from \($0)" },
                              filters.to.map { "--to \($0)" }, filters.issuer.map { "--issuer \($0)" }].compactMap { $0 }.joined(separator: " ")
            print("| `\(text)` | \(filterText) | \(total) | " + String(format: "%.1f | %.1f |", seconds[seconds.count / 2] * 1000, p95 * 1000))
            fflush(nil)  // a query can take seconds at 10^6 pages: show each as it is done
        }
    }
}
