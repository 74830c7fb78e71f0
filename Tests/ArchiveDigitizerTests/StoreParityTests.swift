import XCTest
@testable import ArchiveDigitizer

/// progress, verify and export on both stores (issue #8): the sample archive's catalogue, migrated into
/// a real PostgreSQL schema, gives the same exports, the same progress report and the same verification
/// as the SQLite catalogue it came from. Every check runs through one helper per command, once with the
/// embedded store and once with `--store postgresql://…`, and no output ever shows the password.
final class StoreParityTests: SampleArchiveTestCase {
    private var schema: PostgreSQLTestSchema!
    /// The report's clock for the library-level comparison.
    private let now = Timestamp.date("2025-06-10T12:00:00.000Z") ?? Date()

    /// One store under test: how the commands name it, and a connection to edit it as a person might.
    private struct Store {
        var name: String
        var options: [String]
        var connection: any SQLDatabase
    }

    override func setUpWithError() throws {
        try super.setUpWithError()
        schema = try PostgreSQLTestSchema.make()
    }

    override func tearDownWithError() throws {
        schema?.drop()
        try super.tearDownWithError()
    }

    /// Both stores holding the same catalogue: the copy's SQLite one, and PostgreSQL after `migrate`,
    /// with `edits` (portable SQL) applied to the SQLite catalogue first, so both get them.
    private func stores(editing edits: [String] = []) throws -> [Store] {
        let sqlite = try copy.catalogue()
        for edit in edits { try sqlite.execute(edit) }
        let url = try schema.url()
        let migrated = try TestSupport.run(["migrate", "--archive", copy.archive.path, "--store", url])
        XCTAssertEqual(migrated.status, 0, migrated.output + migrated.errors)
        return [Store(name: "sqlite", options: ["--archive", copy.archive.path], connection: sqlite),
                Store(name: "postgresql", options: ["--archive", copy.archive.path, "--store", url], connection: try schema.connect())]
    }

    /// Runs `digitize` and checks that nothing it printed shows the test server's password.
    private func run(_ arguments: [String], on store: Store) throws -> TestSupport.Outcome {
        let outcome = try TestSupport.run(arguments + store.options)
        let password = try XCTUnwrap(URLComponents(string: try PostgreSQLTestSchema.serverURL())?.password)
        XCTAssertFalse((outcome.output + outcome.errors).contains(password), "\(store.name): the password is never printed")
        return outcome
    }

    private func json(_ text: String) throws -> [String: Any] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "not JSON:\n\(text)")
    }

    // MARK: export

    /// The file `format` exports from `store`.
    private func export(_ format: String, from store: Store) throws -> Data {
        let destination = copy.work.appendingPathComponent("export-\(store.name).\(format)")
        let outcome = try run(["export", format, "--to", destination.path], on: store)
        XCTAssertEqual(outcome.status, 0, "\(store.name): \(outcome.output)\(outcome.errors)")
        return try Data(contentsOf: destination)
    }

    func testExportsAreByteForByteTheSameFromBothStoresWhateverTheDatabaseCollation() throws {
        // A code starting with a lower-case letter sorts after upper-case ones in byte order, before them
        // in a linguistic collation: the exports must list files in byte order on both stores.
        let stores = try stores(editing: ["UPDATE files SET code = 'a.' || code WHERE code = 'HN-TU.01.037.0001'"])
        let linguistic = try stores[1].connection.query(
            "SELECT collname FROM pg_collation WHERE collname IN ('und-x-icu', 'en_US.utf8', 'en_US') ORDER BY collname DESC LIMIT 1")
        if let collation = linguistic.first?.first?.string {
            try stores[1].connection.execute("ALTER TABLE files ALTER COLUMN code TYPE text COLLATE \"\(collation)\"")
        }
        for format in ["json", "csv"] {
            let exports = try stores.map { try export(format, from: $0) }
            XCTAssertEqual(exports[0], exports[1], "\(format) export differs between the stores")
        }
        let json = try json(String(decoding: try export("json", from: stores[1]), as: UTF8.self))
        let codes = ((json["files"] as? [[String: Any]]) ?? []).compactMap { $0["file_code"] as? String }
        XCTAssertEqual(codes, ["HN-UB.02.015.0042", "HN-UB.02.015.0043", "a.HN-TU.01.037.0001"], "files in byte order")

        // XML carries the moment of export; apart from it, the same bytes.
        let xml = try stores.map { store in
            String(decoding: try export("xml", from: store), as: UTF8.self)
                .replacingOccurrences(of: #"exported="[^"]*""#, with: #"exported="…""#, options: .regularExpression)
        }
        XCTAssertEqual(xml[0], xml[1])
        XCTAssertTrue(xml[1].contains("<FileCode>a.HN-TU.01.037.0001</FileCode>"), xml[1])

        // BagIt: the same PDFs and the same catalogue files (the XML differs only by its moment of export).
        let manifests = try stores.map { store -> [String] in
            let bag = copy.work.appendingPathComponent("bag-\(store.name)")
            let outcome = try run(["export", "bagit", "--to", bag.path], on: store)
            XCTAssertEqual(outcome.status, 0, "\(store.name): \(outcome.output)\(outcome.errors)")
            return try String(contentsOf: bag.appendingPathComponent("manifest-sha256.txt"), encoding: .utf8)
                .split(separator: "\n").map(String.init).filter { !$0.hasSuffix("catalogue.xml") }
        }
        XCTAssertEqual(manifests[0], manifests[1])
        XCTAssertEqual(manifests[1].filter { $0.contains("data/documents/") }.count,
                       try stores[1].connection.integer("SELECT count(*) FROM documents"))
    }

    // MARK: progress

    /// Edits that put something in every attention category the SQL decides, in the same way on both stores.
    private static let attentionEdits = [
        "UPDATE pages SET state = 'failed', error_kind = 'decode', error = 'unreadable scan' WHERE id = (SELECT min(id) FROM pages)",
        "UPDATE pages SET mean_confidence = 12, page_number = NULL WHERE id = (SELECT max(id) FROM pages)",
        "UPDATE pages SET mean_confidence = 40 WHERE id = (SELECT max(id) - 1 FROM pages)",
        "UPDATE pages SET dpi = 150, dpi_recorded = 0, flag_too_dark = 1 WHERE id = (SELECT max(id) - 2 FROM pages)",
        "UPDATE files SET state = 'failed' WHERE code = 'HN-UB.02.015.0043'",
        """
        UPDATE documents SET metadata = '{"doc_type":"Quyết định","number":"12","date":"2025-01-02","confidence":{"number":0.31,"date":"high"}}'
        WHERE id = (SELECT min(id) FROM documents)
        """,
        "UPDATE documents SET metadata = 'not json' WHERE id = (SELECT max(id) FROM documents)",
        "UPDATE files SET inventory = '{\"fonds\":\"HN-UB\",\"inventory\":\"2\",\"box\":7}' WHERE code = 'HN-UB.02.015.0042'",
    ]

    func testProgressReportIsTheSameFromBothStoresApartFromTheStoreLine() throws {
        let stores = try stores(editing: Self.attentionEdits)
        let url = try schema.url()
        // Library level, one clock: the JSON is the same line for line, but for the store and the pages each
        // worker holds under a lease now, which only PostgreSQL has (SQLite: null; the run recorded its worker).
        let reports = try stores.map { store -> ProgressReport in
            let location = try StoreLocation(parsing: store.name == "sqlite" ? nil : url)
            let catalogue = try Catalogue(store: location, archive: copy.archive, readOnly: true)
            return try ProgressReport.make(catalogue: catalogue, archive: copy.archive.path, store: location,
                                           configuration: ProgressConfiguration(), now: now)
        }
        let lines = reports.map {
            $0.json.rendered().split(separator: "\n").filter { !$0.contains("\"store\":") && !$0.contains("\"pages_held\":") }
        }
        XCTAssertEqual(lines[0], lines[1])
        XCTAssertFalse(reports[0].workers.isEmpty, "the sample run records its worker")
        XCTAssertEqual(reports[0].workers.map(\.pagesHeld), reports[0].workers.map { _ in nil })
        XCTAssertEqual(reports[1].workers.map(\.pagesHeld), reports[1].workers.map { _ in 0 })
        XCTAssertEqual(reports[0].store, "sqlite")
        XCTAssertTrue(reports[1].store.contains(":***@"), reports[1].store)
        let counts = Dictionary(uniqueKeysWithValues: reports[1].attention.map { ($0.kind, $0.count) })
        XCTAssertEqual(counts[.failedPage], 1)
        XCTAssertEqual(counts[.failedFile], 1)
        XCTAssertEqual(counts[.lowConfidence], 2)
        XCTAssertEqual(counts[.lowResolution], 1)
        XCTAssertEqual(counts[.poorImage], 2, "the sample's too-light page and the dark one")
        XCTAssertGreaterThanOrEqual(counts[.metadataReview] ?? 0, 2, "uncertain number and unreadable record")
        let lowConfidence = try XCTUnwrap(reports[1].attention.first { $0.kind == .lowConfidence })
        XCTAssertNil(lowConfidence.items.first?.pageNumber, "an unnumbered page sorts first, as in SQLite")

        // Command line: the same figures; only the store, the clock and what depends on it differ.
        var figures: [[String: Any]] = []
        for store in stores {
            let outcome = try run(["progress", "--json"], on: store)
            XCTAssertEqual(outcome.status, 0, "\(store.name): \(outcome.errors)")
            var report = try json(outcome.output)
            XCTAssertEqual(report["store"] as? String, store.name == "sqlite" ? "sqlite" : try StoreLocation(parsing: url).masked)
            for key in ["store", "generated_at", "throughput", "estimate"] { report[key] = nil }
            report["workers"] = (report["workers"] as? [[String: Any]])?.map { $0.filter { $0.key != "pages_held" } }
            figures.append(report)
            let text = try run(["progress"], on: store)
            XCTAssertEqual(text.status, 0, text.errors)
            XCTAssertTrue(text.output.contains("Store      \(store.name == "sqlite" ? "sqlite" : "postgresql://")"), text.output)
            let page = copy.work.appendingPathComponent("progress-\(store.name).html")
            XCTAssertEqual(try run(["progress", "--html", page.path], on: store).status, 0)
            XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).contains("store <code>"))
        }
        XCTAssertEqual(NSDictionary(dictionary: figures[0]), NSDictionary(dictionary: figures[1]))
    }

    /// Gives the pages to workers as a shared run would record them, on either store.
    private func assignWorkers(on store: Store) throws {
        let ids = try store.connection.query("SELECT id FROM pages ORDER BY id").compactMap { $0[0].int }
        XCTAssertEqual(ids.count, 11)
        // alpha: 6 pages done at 10:00, 10:10, …, 10:50 → 6 pages in 50 minutes; beta: 3 done and 1 failed
        // between 10:00 and 12:00 → 4 pages in 2 hours; the last page is still waiting, held by gamma.
        for (index, id) in ids.prefix(6).enumerated() {
            try store.connection.query("UPDATE pages SET worker = ?, done_at = ? WHERE id = ?",
                                       [.text("alpha:101"), .text(String(format: "2025-06-10T10:%02d:00.000Z", index * 10)), .integer(Int64(id))])
        }
        for (index, id) in ids.dropFirst(6).prefix(4).enumerated() {
            try store.connection.query("UPDATE pages SET worker = ?, done_at = ?, state = ? WHERE id = ?",
                                       [.text("beta.example:202"), .text(String(format: "2025-06-10T%02d:%02d:00.000Z", 10 + index * 2 / 3, index * 40 % 60)),
                                        .text(index == 3 ? "failed" : "done"), .integer(Int64(id))])
        }
        try store.connection.query("UPDATE pages SET worker = 'gamma:303', state = 'pending', done_at = NULL WHERE id = ?",
                                   [.integer(Int64(ids[10]))])
        if store.connection.dialect == .postgreSQL {
            try store.connection.query("UPDATE pages SET lease_until = now() + interval '1 hour' WHERE id = ?", [.integer(Int64(ids[10]))])
        }
    }

    func testProgressShowsEachWorkersShareAndRateOnBothStores() throws {
        for store in try stores() {
            try assignWorkers(on: store)
            let outcome = try run(["progress", "--json"], on: store)
            XCTAssertEqual(outcome.status, 0, "\(store.name): \(outcome.errors)")
            let workers = (try json(outcome.output)["workers"] as? [[String: Any]]) ?? []
            XCTAssertEqual(workers.map { $0["worker"] as? String }, ["alpha:101", "beta.example:202", "gamma:303"], store.name)
            guard workers.count == 3 else { continue }
            let (alpha, beta, gamma) = (workers[0], workers[1], workers[2])
            XCTAssertEqual(alpha["pages_done"] as? Int, 6)
            XCTAssertEqual(alpha["pages_failed"] as? Int, 0)
            XCTAssertEqual(alpha["first_completion"] as? String, "2025-06-10T10:00:00.000Z")
            XCTAssertEqual(alpha["last_completion"] as? String, "2025-06-10T10:50:00.000Z")
            XCTAssertEqual(alpha["pages_per_hour"] as? Double ?? 0, 7.2, accuracy: 1e-9, "6 pages in 50 minutes")
            XCTAssertEqual(beta["pages_done"] as? Int, 3)
            XCTAssertEqual(beta["pages_failed"] as? Int, 1)
            XCTAssertEqual(beta["last_completion"] as? String, "2025-06-10T12:00:00.000Z")
            XCTAssertEqual(beta["pages_per_hour"] as? Double ?? 0, 2, accuracy: 1e-9, "4 pages in 2 hours")
            XCTAssertEqual(gamma["pages_done"] as? Int, 0)
            XCTAssertTrue(gamma["pages_per_hour"] is NSNull)
            if store.connection.dialect == .postgreSQL {
                XCTAssertEqual(alpha["pages_held"] as? Int, 0)
                XCTAssertEqual(gamma["pages_held"] as? Int, 1, "a pending page under a live lease is held now")
            } else {
                XCTAssertTrue(gamma["pages_held"] is NSNull, "SQLite has no leases")
            }

            let text = try run(["progress"], on: store).output
            let alphaLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("alpha:101") }, text)
            XCTAssertTrue(alphaLine.contains("2025-06-10 10:00:00") && alphaLine.contains("2025-06-10 10:50:00")
                          && alphaLine.hasSuffix("7.20"), String(alphaLine))
            let gammaLine = try XCTUnwrap(text.split(separator: "\n").first { $0.hasPrefix("gamma:303") }, text)
            XCTAssertTrue(gammaLine.contains(store.connection.dialect == .postgreSQL ? " 1 " : " — "), String(gammaLine))
            let page = copy.work.appendingPathComponent("workers-\(store.name).html")
            XCTAssertEqual(try run(["progress", "--html", page.path], on: store).status, 0)
            let html = try String(contentsOf: page, encoding: .utf8)
            XCTAssertTrue(html.contains("<h2>Workers</h2>") && html.contains("<code>beta.example:202</code>"), store.name)
        }
    }

    // MARK: verify

    private func verify(_ store: Store) throws -> (status: Int32, json: [String: Any]) {
        let outcome = try run(["verify", "--json"], on: store)
        return (outcome.status, try json(outcome.output))
    }

    private func problems(_ report: [String: Any]) -> [String] {
        ((report["problems"] as? [[String: Any]]) ?? []).map { "\($0["kind"] as? String ?? "") \($0["location"] as? String ?? "")" }
    }

    func testVerifyIsCleanOnBothStoresAndRecordsItsFixityEventInEach() throws {
        let stores = try stores()
        var checked: [NSDictionary] = []
        for store in stores {
            let first = try verify(store)
            XCTAssertEqual(first.status, 0, "\(store.name): \(problems(first.json))")
            XCTAssertEqual(first.json["mode"] as? String, "read-write")
            let event = try XCTUnwrap(first.json["fixity_event"] as? [String: Any])
            XCTAssertEqual(event["recorded"] as? Bool, true, "\(store.name): \(event)")
            let id = try XCTUnwrap(event["event_id"] as? Int)
            XCTAssertEqual(try store.connection.query("SELECT kind FROM events WHERE id = ?", [.integer(Int64(id))]).first?.first?.string,
                           "fixity-check", store.name)
            checked.append(NSDictionary(dictionary: try XCTUnwrap(first.json["checked"] as? [String: Any])))
            // The appended event keeps the chain intact.
            let text = try run(["verify"], on: store)
            XCTAssertEqual(text.status, 0, text.output)
            XCTAssertTrue(text.output.contains("CLEAN"), text.output)
        }
        XCTAssertEqual(checked[0], checked[1], "the same documents, rows and events checked on both")
        XCTAssertEqual(try stores[1].connection.integer("SELECT count(*) FROM events WHERE kind = 'fixity-check'"), 2)

        // A worker holding a page while the check runs: the shared store is still checked, and the report says so.
        try stores[1].connection.query("""
            UPDATE pages SET state = 'pending', worker = 'busy:1', lease_until = now() + interval '1 hour' WHERE id = (SELECT max(id) FROM pages)
            """)
        let busy = try verify(stores[1])
        XCTAssertEqual(busy.status, 0, "\(problems(busy.json))")
        XCTAssertTrue((busy.json["activity"] as? String)?.hasPrefix("1 worker(s) held pages") == true, "\(busy.json)")
        XCTAssertEqual((busy.json["fixity_event"] as? [String: Any])?["recorded"] as? Bool, true)
        XCTAssertTrue(try verify(stores[0]).json["activity"] is NSNull, "no leases on SQLite")
    }

    func testATamperedPDFAnEditedEventAndAnEditedPageAreFoundOnBothStores() throws {
        let stores = try stores()
        let pdf = try XCTUnwrap(try stores[0].connection.query("SELECT pdf_path FROM documents ORDER BY id LIMIT 1").first?.first?.string)
        try SampleArchive.flipByte(in: copy.archive.appendingPathComponent(pdf))
        let page = try XCTUnwrap(try stores[0].connection.integer("SELECT min(id) FROM pages WHERE state = 'done'"))
        var found: [[String]] = []
        for store in stores {
            try store.connection.query("UPDATE events SET detail = 'edited' WHERE id = 5")
            try store.connection.query("UPDATE pages SET text = 'rewritten' WHERE id = ?", [.integer(Int64(page))])
            let outcome = try verify(store)
            XCTAssertEqual(outcome.status, 1, store.name)
            let problems = problems(outcome.json)
            XCTAssertTrue(problems.contains("MISMATCH \(pdf)"), "\(store.name): \(problems)")
            XCTAssertTrue(problems.contains("CHAIN-BROKEN events #5"), "\(store.name): \(problems)")
            XCTAssertTrue(problems.contains { $0.hasPrefix("ROW-ALTERED pages #\(page) ") }, "\(store.name): \(problems)")
            found.append(problems)
        }
        XCTAssertEqual(found[0], found[1], "the same problems, in the same order, on both stores")
    }

    // MARK: command line

    func testAPasswordInABadStoreIsNeverPrinted() throws {
        let store = "postgresql://digitize:s3cret-pw@127.0.0.1:1/nowhere?connect_timeout=2"
        for arguments in [["progress"], ["verify"], ["export", "json", "--to", copy.work.appendingPathComponent("x.json").path]] {
            let outcome = try TestSupport.run(arguments + ["--archive", copy.archive.path, "--store", store])
            XCTAssertNotEqual(outcome.status, 0, arguments[0])
            XCTAssertFalse((outcome.output + outcome.errors).contains("s3cret-pw"), "\(arguments[0]): \(outcome.errors)")
            XCTAssertTrue(outcome.errors.contains("digitize:***@127.0.0.1"), "\(arguments[0]): \(outcome.errors)")
        }
        let unknown = try TestSupport.run(["progress", "--archive", copy.archive.path, "--store", "mysql://root:hunter2@db/x"])
        XCTAssertEqual(unknown.status, 64)
        XCTAssertFalse(unknown.errors.contains("hunter2"), unknown.errors)
    }
}
