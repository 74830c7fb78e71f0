import XCTest
@testable import ArchiveDigitizer

/// Work is never lost: a run killed with SIGKILL resumes to the same catalogue as an uninterrupted
/// run; new scans are picked up; bad pages are recorded and the batch goes on; a second command
/// on a busy archive is refused.
final class ResumeTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws {
        work = try TestSupport.temporaryFolder("resume")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    /// SIGKILL at random moments — during start-up, ingest, OCR, PDF writing, catalogue commits —
    /// then a final run: the catalogue equals an uninterrupted run's. `make test` kills 4 times;
    /// `make torture` sets TORTURE_KILLS=24.
    func testKilledRunResumesToTheSameCatalogueAsAnUninterruptedRun() throws {
        let wanted = Int(ProcessInfo.processInfo.environment["TORTURE_KILLS"] ?? "") ?? 4
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: wanted > 4 ? [] : ["HN-TU.01.037.0001", "HN-UB.02.015.0042"])
        let pageCount = wanted > 4 ? 11 : 8
        let clean = work.appendingPathComponent("clean")
        XCTAssertEqual(try TestSupport.run(["run", scans.path, "--archive", clean.path, "--quiet"]).status, 0)
        let expected = try TestSupport.fingerprint(of: clean)

        var generator = SystemRandomNumberGenerator()
        var kills = 0, completedBatches = 0, attempts = 0
        var archive = work.appendingPathComponent("killed-0")
        while kills < wanted && attempts < wanted * 4 {
            attempts += 1
            let process = try TestSupport.start(["run", scans.path, "--archive", archive.path, "--jobs", "2"], outputTo: work)
            // Random moments from 0.1 s (start-up, ingest) to 4 s (OCR, PDFs, commits).
            let delay = Double.random(in: 0.1...4.0, using: &generator)
            let deadline = Date().addingTimeInterval(delay)
            while process.isRunning && Date() < deadline { usleep(10_000) }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
                process.waitUntilExit()
            } else {
                // The batch finished between kills: check it, then start over on a new archive.
                process.waitUntilExit()
                XCTAssertEqual(process.terminationStatus, 0)
                XCTAssertEqual(try TestSupport.fingerprint(of: archive), expected, "batch \(completedBatches) after kills")
                completedBatches += 1
                archive = work.appendingPathComponent("killed-\(completedBatches)")
            }
        }
        print("torture: \(kills) SIGKILLs survived over \(completedBatches + 1) batch(es)")
        XCTAssertGreaterThanOrEqual(kills, wanted, "the run finished too fast to be killed \(wanted) times")
        let final = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"])
        XCTAssertEqual(final.status, 0, final.output + final.errors)
        XCTAssertEqual(try TestSupport.fingerprint(of: archive), expected)
        let db = try TestSupport.catalogue(archive)
        XCTAssertEqual(try db.query("SELECT count(*), count(DISTINCT source_id || '/' || frame) FROM pages").first,
                       [.integer(Int64(pageCount)), .integer(Int64(pageCount))], "no duplicate page rows")
        XCTAssertEqual(try db.query("SELECT count(*), count(DISTINCT doc_code) FROM documents").first?.first,
                       try db.query("SELECT count(DISTINCT doc_code) FROM documents").first?.first)
        XCTAssertTrue(TestSupport.files(under: archive).allSatisfy { !$0.contains(DurableFile.temporaryPrefix) },
                      "half-written files left: \(TestSupport.files(under: archive))")
        let documents = Set(try db.query("SELECT pdf_path FROM documents").compactMap { $0[0].string })
        let onDisk = Set(TestSupport.files(under: archive.appendingPathComponent("documents")).filter { $0.hasSuffix(".pdf") }.map { "documents/" + $0 })
        XCTAssertEqual(onDisk, documents, "every PDF on disk is catalogued and every catalogued PDF exists")
        let verify = try TestSupport.run(["verify", "--archive", archive.path, "--sources"])
        XCTAssertEqual(verify.status, 0, "verify is clean after the kills: \(verify.output)\(verify.errors)")
    }

    func testNewAndChangedScansArePickedUpOnRerun() throws {
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: ["HN-UB.02.015.0042"])
        let folder = scans.appendingPathComponent("HN-UB.02.015.0042")
        let held = work.appendingPathComponent("10.png")
        try FileManager.default.moveItem(at: folder.appendingPathComponent("10.png"), to: held)
        let archive = work.appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"]).status, 0)
        try FileManager.default.moveItem(at: held, to: folder.appendingPathComponent("10.png"))
        let second = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"])
        XCTAssertEqual(second.status, 0)
        XCTAssertTrue(second.output.contains("1 OCR'd now, 3 already done before"), second.output)
        let db = try TestSupport.catalogue(archive)
        XCTAssertEqual(try db.query("SELECT max(last_page) FROM documents").first?.first?.int, 4, "documents rebuilt with the new page")
        // A scan replaced by a different one is OCR'd again and the change is logged.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("2.png"))
        try FileManager.default.copyItem(at: folder.appendingPathComponent("1.png"), to: folder.appendingPathComponent("2.png"))
        let third = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"])
        XCTAssertTrue(third.output.contains("1 OCR'd now"), third.output)
        XCTAssertEqual(try db.query("SELECT count(*) FROM events WHERE kind = 'source-changed'").first?.first?.int, 1)
    }

    func testBadPagesAreRecordedWithReasonsAndTheBatchGoesOn() throws {
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: ["HN-UB.02.015.0042"])
        let folder = scans.appendingPathComponent("HN-UB.02.015.0042")
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("4.tif").path, contents: Data()))
        try Data((0..<4000).map { UInt8(truncatingIfNeeded: $0 &* 7919) }).write(to: folder.appendingPathComponent("5.png"))
        let png = try Data(contentsOf: folder.appendingPathComponent("2.png"))
        try png.prefix(png.count / 3).write(to: folder.appendingPathComponent("6.png"))
        let archive = work.appendingPathComponent("archive")
        let run = try TestSupport.run(["run", scans.path, "--archive", archive.path])
        XCTAssertEqual(run.status, 2, "exit code says something failed:\n\(run.output)\n\(run.errors)")
        XCTAssertTrue(run.output.contains("4.tif is empty (0 bytes)"), run.output)
        XCTAssertTrue(run.output.contains("5.png is not a TIFF, PNG, JPEG or PDF"), run.output)
        XCTAssertTrue(run.output.contains("6.png"), run.output)
        let db = try TestSupport.catalogue(archive)
        XCTAssertEqual(try db.query("SELECT count(*) FROM pages WHERE state = 'done'").first?.first?.int, 4)
        XCTAssertEqual(try db.query("SELECT count(*) FROM pages WHERE state = 'failed' AND error != ''").first?.first?.int, 3)
        XCTAssertEqual(try db.query("SELECT count(*) FROM documents").first?.first?.int ?? 0 > 0, true, "the good pages still became a PDF")
        // A rerun does not retry the same bad files, and says so by its exit code staying clean of new work.
        let rerun = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"])
        XCTAssertTrue(rerun.output.contains("0 OCR'd now"), rerun.output)
    }

    func testRetryFailedPutsFailedPagesBackInTheQueue() throws {
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: ["HN-UB.02.015.0042"])
        let folder = scans.appendingPathComponent("HN-UB.02.015.0042")
        XCTAssertTrue(FileManager.default.createFile(atPath: folder.appendingPathComponent("4.png").path, contents: Data()))
        let archive = work.appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"]).status, 2)
        // A page that failed for a passing reason (say, the file server was away): recorded as failed.
        let db = try TestSupport.catalogue(archive)
        try db.query("UPDATE pages SET state = 'failed', error = 'file server unavailable' WHERE page_number = 2")
        let plain = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"])
        XCTAssertTrue(plain.output.contains("0 OCR'd now"), "a plain rerun leaves failures alone: \(plain.output)")
        let retried = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--retry-failed", "--quiet"])
        XCTAssertEqual(retried.status, 2, "the empty file still fails: \(retried.output)")
        XCTAssertTrue(retried.output.contains("1 OCR'd now"), retried.output)
        XCTAssertTrue(retried.output.contains("4.png is empty"), retried.output)
        XCTAssertEqual(try db.query("SELECT state FROM pages WHERE page_number = 2").first?.first?.string, "done")
        XCTAssertEqual(try db.query("SELECT count(*) FROM pages").first?.first?.int, 5, "no duplicate rows")
        XCTAssertEqual(try db.query("SELECT count(*) FROM events WHERE kind = 'retry-failed'").first?.first?.int, 1)
    }

    func testASecondCommandOnABusyArchiveIsRefused() throws {
        let archive = work.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        let lock = try ArchiveLock(archive: archive)
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: ["HN-UB.02.015.0043"])
        let refused = try TestSupport.run(["run", scans.path, "--archive", archive.path])
        XCTAssertEqual(refused.status, 75)
        XCTAssertTrue(refused.errors.contains("Another digitize command"), refused.errors)
        withExtendedLifetime(lock) {}
    }

    static func pagesDone(in archive: URL) throws -> Int {
        let path = archive.appendingPathComponent("catalogue.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        let db = try SQLiteConnection(path: path, readOnly: true)
        return try db.query("SELECT count(*) FROM pages WHERE state = 'done'").first?.first?.int ?? 0
    }
}
