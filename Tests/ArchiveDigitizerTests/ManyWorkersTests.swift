import Foundation
import XCTest
@testable import ArchiveDigitizer

/// Many worker processes on one batch in a real PostgreSQL store (issue #8): three `digitize`
/// processes finish with the catalogue a single process makes; one of them killed with SIGKILL
/// mid-batch loses its pages to the other two once its lease runs out; verify is clean.
final class ManyWorkersTests: XCTestCase {
    /// Short enough that the kill test waits seconds, long enough that three processes sharing two
    /// cores renew in time (every third of it).
    private static let lease = "6"

    func testThreeWorkerProcessesMakeTheCatalogueOfASingleProcess() throws {
        let batch = try SharedBatch(name: "three-workers")
        defer { batch.remove() }
        let processes = try batch.startThreeWorkers()
        for process in processes { process.waitUntilExit() }
        for (index, process) in processes.enumerated() {
            XCTAssertEqual(process.terminationStatus, 0, "process \(index + 1): " + batch.log(of: index))
        }
        try batch.assertSameCatalogueAsASingleProcessRun()
        let workers = try batch.store.query("SELECT count(DISTINCT worker) FROM pages").first?.first?.int ?? 0
        XCTAssertGreaterThanOrEqual(workers, 2, "the pages were shared between the processes")
        try batch.assertEachResultRecordedOnceAndVerifyClean()
        // The store's password is in no output and nowhere in the catalogue's record of the runs.
        let password = try XCTUnwrap(URLComponents(string: try PostgreSQLTestSchema.serverURL())?.password)
        for index in processes.indices { XCTAssertFalse(batch.log(of: index).contains(password), "process \(index + 1) printed the password") }
        let recorded = try batch.store.query("SELECT arguments FROM runs UNION ALL SELECT detail FROM events WHERE kind = 'run-started'")
        XCTAssertEqual(recorded.count, 6)
        XCTAssertFalse(recorded.contains { $0[0].string?.contains(password) ?? true }, "\(recorded)")
        XCTAssertTrue(recorded.allSatisfy { $0[0].string?.contains(":***@") ?? false }, "\(recorded)")
    }

    func testAKilledWorkersPagesAreFinishedByTheOthersAfterItsLeaseRunsOut() throws {
        let batch = try SharedBatch(name: "killed-worker")
        defer { batch.remove() }
        let processes = try batch.startThreeWorkers()
        let victim = processes[2]
        let victimName = "\(ProcessInfo.processInfo.hostName):\(victim.processIdentifier)"
        // Kill it once it has recorded a page and holds others: mid-batch, with work in its hands.
        var held: [Int] = []
        for _ in 0..<1_200 {
            let done = try batch.store.query("SELECT count(*) FROM pages WHERE worker = ? AND state = 'done'", [.text(victimName)])
            held = try batch.store.query("SELECT id FROM pages WHERE worker = ? AND state = 'pending'", [.text(victimName)]).compactMap { $0[0].int }
            if (done.first?.first?.int ?? 0) >= 1 && !held.isEmpty { break }
            if !victim.isRunning { break }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertTrue(victim.isRunning, "the victim was still working")
        XCTAssertFalse(held.isEmpty, "the victim held pages when it was killed")
        kill(victim.processIdentifier, SIGKILL)
        let killedAt = Date()
        victim.waitUntilExit()
        for process in processes.prefix(2) { process.waitUntilExit() }
        let finishedAt = Date()
        for index in 0..<2 {
            XCTAssertEqual(processes[index].terminationStatus, 0, "survivor \(index + 1): " + batch.log(of: index))
        }
        XCTAssertEqual(victim.terminationReason, .uncaughtSignal)

        // The victim's pages were finished by the survivors, each once.
        let rescued = try batch.store.query(
            "SELECT worker, state FROM pages WHERE id IN (\(held.map(String.init).joined(separator: ",")))")
        XCTAssertEqual(rescued.count, held.count)
        for row in rescued {
            XCTAssertEqual(row[1].string, "done")
            XCTAssertNotEqual(row[0].string, victimName, "a survivor recorded the page the victim held")
        }
        try batch.assertSameCatalogueAsASingleProcessRun()
        try batch.assertEachResultRecordedOnceAndVerifyClean()

        // `progress --store` shows each worker's share: the victim's pages done before it died, the rest by the others.
        let progress = try TestSupport.run(["progress", "--store", batch.url, "--archive", batch.archive.path, "--json"])
        XCTAssertEqual(progress.status, 0, progress.errors)
        let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(progress.output.utf8)) as? [String: Any])
        let shares = try XCTUnwrap(report["workers"] as? [[String: Any]])
        let done = Dictionary(uniqueKeysWithValues: shares.compactMap { share in
            (share["worker"] as? String).map { ($0, share["pages_done"] as? Int ?? -1) } })
        XCTAssertEqual(done.values.reduce(0, +), 11, "\(done)")
        XCTAssertGreaterThanOrEqual(done[victimName] ?? 0, 1, "the victim's finished pages stay its own")
        XCTAssertGreaterThanOrEqual(done.count, 2, "\(done)")
        XCTAssertTrue(shares.allSatisfy { ($0["pages_held"] as? Int) == 0 }, "no claim is left once the batch is finished")
        print(String(format: "many workers: killed worker's %d page(s) finished by the others; kill to batch end %.1f s (lease %@ s)",
                     held.count, finishedAt.timeIntervalSince(killedAt), Self.lease))
    }

    /// One batch in a fresh PostgreSQL schema, its scans and its shared archive folder.
    private struct SharedBatch {
        let schema: PostgreSQLTestSchema
        let url: String
        let store: PostgreSQLConnection
        let work: URL
        var scans: URL { work.appendingPathComponent("scans") }
        var archive: URL { work.appendingPathComponent("Archive") }

        init(name: String) throws {
            schema = try PostgreSQLTestSchema.make()
            url = try schema.url()
            store = try schema.connect()
            work = try TestSupport.temporaryFolder(name)
            try TestSupport.copySampleScans(to: scans)
        }

        /// `digitize run` (which reads the scans into the store) and, once the pages are in, two
        /// `digitize worker`s; one OCR thread each, so each holds only a few pages at a time.
        func startThreeWorkers() throws -> [Process] {
            let common = ["--archive", archive.path, "--store", url, "--jobs", "1", "--lease", ManyWorkersTests.lease, "--quiet"]
            let run = try TestSupport.start(["run", scans.path, "--inventory", TestSupport.sampleScans.appendingPathComponent("inventory.csv").path]
                                            + common, outputTo: logFolder(0))
            for _ in 0..<1_200 where try pageCount() < 11 && run.isRunning { Thread.sleep(forTimeInterval: 0.05) }
            return [run] + (try (1...2).map { try TestSupport.start(["worker"] + common, outputTo: logFolder($0)) })
        }

        private func pageCount() throws -> Int {
            // The tables appear with the run's first connection.
            (try? store.query("SELECT count(*) FROM pages").first?.first?.int) ?? 0
        }

        private func logFolder(_ index: Int) throws -> URL {
            let folder = work.appendingPathComponent("log-\(index)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder
        }

        func log(of index: Int) -> String {
            let folder = work.appendingPathComponent("log-\(index)")
            return ["out.txt", "err.txt"].compactMap { try? String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8) }
                .joined(separator: "\n")
        }

        /// Pages (text and state), documents (pages, title, metadata) and files (state, counts) equal
        /// the sample archive's, which one `digitize run` made on the same scans.
        func assertSameCatalogueAsASingleProcessRun(file: StaticString = #filePath, line: UInt = #line) throws {
            let reference = try SampleArchive.copy("single-process")
            defer { try? FileManager.default.removeItem(at: reference.work) }
            let single = try reference.catalogue()
            let comparisons = [
                "SELECT f.code, p.page_number, p.state, p.text, p.mean_confidence, p.words FROM pages p JOIN files f ON f.id = p.file_id ORDER BY f.code, p.page_number",
                "SELECT doc_code, ordinal, first_page, last_page, title, metadata, pdf_path, pdf_sha256, pdf_size FROM documents ORDER BY doc_code",
                "SELECT code, state, page_count, document_count, title, derived_title, derived_start_date, derived_end_date FROM files ORDER BY code",
            ]
            for sql in comparisons {
                let shared = try store.query(sql)
                XCTAssertFalse(shared.isEmpty, sql, file: file, line: line)
                XCTAssertEqual(shared, try single.query(sql), sql, file: file, line: line)
            }
        }

        /// Every page's result and every document's PDF recorded exactly once; verify finds nothing wrong.
        func assertEachResultRecordedOnceAndVerifyClean(file: StaticString = #filePath, line: UInt = #line) throws {
            for kind in ["page-done", "document-written", "file-completed"] {
                let repeated = try store.query("SELECT subject FROM events WHERE kind = ? GROUP BY subject HAVING count(*) > 1", [.text(kind)])
                XCTAssertEqual(repeated, [], "\(kind) recorded more than once", file: file, line: line)
            }
            XCTAssertEqual(try store.query("SELECT count(*) FROM events WHERE kind = 'page-done'"), [[11]], file: file, line: line)
            XCTAssertEqual(try store.query("SELECT count(*) FROM events WHERE kind = 'document-written'"), [[7]], file: file, line: line)
            XCTAssertEqual(try store.query("SELECT count(*) FROM pages WHERE lease_until IS NOT NULL OR state <> 'done'"), [[0]],
                           "no lease outlives the batch", file: file, line: line)
            let address = try PostgreSQLAddress(url)
            let report = try ArchiveVerifier(archive: ExistingArchive(archive, store: .postgreSQL(address))).verify()
            XCTAssertEqual(report.problems.map { "\($0.kind) \($0.location)" }, [], file: file, line: line)
            XCTAssertEqual(report.documentsChecked, 7, file: file, line: line)
            XCTAssertGreaterThan(report.eventsChecked, 0, file: file, line: line)
        }

        func remove() {
            try? FileManager.default.removeItem(at: work)
            schema.drop()
        }
    }
}
