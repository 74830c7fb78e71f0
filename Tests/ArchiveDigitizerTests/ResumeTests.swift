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

    func testKilledRunResumesToTheSameCatalogueAsAnUninterruptedRun() throws {
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: ["HN-TU.01.037.0001", "HN-UB.02.015.0042"])
        let clean = work.appendingPathComponent("clean")
        XCTAssertEqual(try TestSupport.run(["run", scans.path, "--archive", clean.path, "--quiet"]).status, 0)

        let killed = work.appendingPathComponent("killed")
        var kills = 0
        // Kill at three moments: early (during OCR of the first pages), mid-batch, and later.
        for threshold in [1, 3, 6] {
            let process = try TestSupport.start(["run", scans.path, "--archive", killed.path, "--jobs", "2"], outputTo: work)
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning && Date() < deadline {
                if let done = try? Self.pagesDone(in: killed), done >= threshold { break }
                usleep(20_000)
            }
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                kills += 1
            }
            process.waitUntilExit()
        }
        XCTAssertGreaterThan(kills, 0, "the run finished before it could be killed")
        let final = try TestSupport.run(["run", scans.path, "--archive", killed.path, "--quiet"])
        XCTAssertEqual(final.status, 0, final.output + final.errors)
        XCTAssertEqual(try TestSupport.fingerprint(of: killed), try TestSupport.fingerprint(of: clean))
        let db = try TestSupport.catalogue(killed)
        XCTAssertEqual(try db.query("SELECT count(*) FROM pages").first?.first?.int, 8, "no duplicate page rows")
        XCTAssertEqual(try db.query("SELECT count(*), count(DISTINCT source_id || '/' || frame) FROM pages").first,
                       [.integer(8), .integer(8)])
        XCTAssertTrue(TestSupport.files(under: killed).allSatisfy { !$0.contains(DurableFile.temporaryPrefix) },
                      "half-written files left: \(TestSupport.files(under: killed))")
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
