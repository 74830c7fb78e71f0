import XCTest
@testable import ArchiveDigitizer

/// The catalogue the search benchmarks measure (`SearchPerformanceTests` on SQLite,
/// `PostgreSQLSearchPerformanceTests` on PostgreSQL): 100,000 done pages in 1,000 files of 100 pages
/// and 10,000 documents, with Vietnamese text drawn from the SampleScans ground truth, the same every
/// time (`SeededGenerator`), and the queries both time.
enum SearchBenchmarkCatalogue {
    /// Fills the empty SQLite catalogue `catalogue` in one transaction.
    static func fill(_ catalogue: Catalogue) throws {
        let truth = try GroundTruth.load()
        let vocabulary = truth.files.flatMap { $0.pages.flatMap { $0.words.map(\.text) } }
        XCTAssertGreaterThan(vocabulary.count, 500)
        var generator = SeededGenerator(seed: 2025)
        try catalogue.connection.transaction {
            let db = try XCTUnwrap(catalogue.sqlite)
            for file in 0..<1_000 {
                let code = String(format: "HN-BENCH.01.%03d.%04d", file / 100, file)
                try db.query("INSERT INTO files(code, folder, state, page_count, document_count, inventory) VALUES (?,?,'done',100,10,?)",
                             [.text(code), .text(code), .text(#"{"fonds":"HN-BENCH","inventory":"01","box":"\#(file / 100)"}"#)])
                let fileID = db.lastInsertedRow
                try db.query("INSERT INTO sources(file_id, name, path, relative_path, sha256, format, frame_count) VALUES (?,?,?,?,?,'pdf',100)",
                             [.integer(Int64(fileID)), .text("scan.pdf"), .text("/scans/\(code)/scan.pdf"), .text("\(code)/scan.pdf"), .text("")])
                let sourceID = db.lastInsertedRow
                for document in 0..<10 {
                    let type = ["Quyết định", "Thông báo", "Công văn", "Kế hoạch", "Báo cáo"][document % 5]
                    try db.query("""
                        INSERT INTO documents(file_id, ordinal, doc_code, first_page, last_page, title, metadata, pdf_path)
                        VALUES (?,?,?,?,?,?,?,?)
                        """, [.integer(Int64(fileID)), .integer(Int64(document + 1)), .text(code + String(format: ".%03d", document + 1)),
                              .integer(Int64(document * 10 + 1)), .integer(Int64(document * 10 + 10)), .text(type),
                              .text(#"{"doc_type":"\#(type)","date":"20\#(10 + file % 15)-0\#(1 + document % 9)-15","issuer":"Thành ủy Hà Nội"}"#),
                              .text("documents/\(code)/\(code).pdf")])
                }
                for frame in 0..<100 {
                    var words: [String] = []
                    for _ in 0..<220 {
                        // Skewed toward the start of the vocabulary, so some words are common and some rare.
                        let position = Double(generator.next() % 1_000_000) / 1_000_000
                        words.append(vocabulary[Int(position * position * Double(vocabulary.count - 1))])
                    }
                    if (file * 100 + frame) % 2_000 == 0 { words.insert("THƯỢNG KHẨN", at: 3) }
                    try db.query("""
                        INSERT INTO pages(file_id, source_id, frame, page_number, state, text, mean_confidence, dpi, done_at)
                        VALUES (?,?,?,?,'done',?,90,300,'2025-06-01T00:00:00.000Z')
                        """, [.integer(Int64(fileID)), .integer(Int64(sourceID)), .integer(Int64(frame)), .integer(Int64(frame + 1)),
                              .text(words.joined(separator: " "))])
                }
            }
        }
    }

    /// The queries timed: common, rare, phrase and prefix words, and filtered searches.
    static func cases() throws -> [(String, SearchFilters)] { try SearchBenchmarkQueries.all() }

    /// The median and 95th percentile of `timings`.
    static func percentiles(_ timings: [Double]) -> (p50: Double, p95: Double) {
        let sorted = timings.isEmpty ? [0] : timings.sorted()
        return (sorted[sorted.count / 2], sorted[min(sorted.count - 1, Int((Double(sorted.count) * 0.95).rounded(.up)) - 1)])
    }
}
