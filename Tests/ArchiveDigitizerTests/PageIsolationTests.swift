import Foundation
import XCTest
@testable import ArchiveDigitizer

/// Pages are read in worker processes (`PageWorkerService`): a worker that dies inside a C call, or
/// a step that never ends, costs that page and not the batch. The faults are real — a SIGSEGV inside
/// libleptonica, an abort(), a decoding step that sleeps — set off through the worker-only test
/// variable `DIGITIZE_TEST_WORKER_FAULT` on one named scan file.
final class PageIsolationTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws { work = try TestSupport.temporaryFolder("isolation") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    private func run(_ extra: [String], fault: String?) throws -> TestSupport.Outcome {
        let scans = work.appendingPathComponent("scans")
        if !FileManager.default.fileExists(atPath: scans.path) {
            try TestSupport.copySampleScans(to: scans, files: ["HN-UB.02.015.0042"])
        }
        if let fault { setenv(PageWorkerService.faultVariable, fault, 1) } else { unsetenv(PageWorkerService.faultVariable) }
        defer { unsetenv(PageWorkerService.faultVariable) }
        return try TestSupport.run(["run", scans.path, "--archive", work.appendingPathComponent("archive").path, "--jobs", "2"] + extra)
    }

    private func pages() throws -> [String: [SQLValue]] {
        let db = try TestSupport.catalogue(work.appendingPathComponent("archive"))
        return Dictionary(uniqueKeysWithValues: try db.query("""
            SELECT s.name, p.state, p.attempts, coalesce(p.error_kind, ''), coalesce(p.error, '')
            FROM pages p JOIN sources s ON s.id = p.source_id
            """).map { ($0[0].string ?? "", Array($0.dropFirst())) })
    }

    func testASegfaultInsideLeptonicaQuarantinesThePageAndTheBatchFinishes() throws {
        let first = try run(["--quiet"], fault: "SIGSEGV@2.png")
        XCTAssertEqual(first.status, 2, first.output + first.errors)
        var states = try pages()
        XCTAssertEqual(states["2.png"]?[0], "quarantined", "\(states)")
        XCTAssertEqual(states["2.png"]?[1], 2, "tried once more in a fresh worker, then quarantined")
        XCTAssertEqual(states["2.png"]?[2], "crashed")
        XCTAssertTrue(states["2.png"]?[3].string?.contains("SIGSEGV, SIGSEGV") == true, "\(states)")
        for name in ["1.png", "3.jpg", "10.png"] { XCTAssertEqual(states[name]?[0], "done", "\(name): \(states)") }
        XCTAssertTrue(first.output.contains("1 failed (1 quarantined)"), first.output)
        XCTAssertTrue(first.output.contains("quarantined after 2 attempts"), first.output)
        let documents = try TestSupport.catalogue(work.appendingPathComponent("archive")).query("SELECT count(*) FROM documents")
        XCTAssertGreaterThan(documents.first?.first?.int ?? 0, 0, "the file's other pages became PDFs")

        let progress = try TestSupport.run(["progress", "--archive", work.appendingPathComponent("archive").path])
        XCTAssertTrue(progress.output.contains("Pages quarantined"), progress.output)
        XCTAssertTrue(progress.output.contains("2.png"), progress.output)

        // A plain rerun leaves it alone; --retry-failed tries it on purpose, and without the fault it is read.
        let rerun = try run(["--quiet"], fault: "SIGSEGV@2.png")
        XCTAssertEqual(try pages()["2.png"]?[0], "quarantined", rerun.output)
        let retried = try run(["--quiet", "--retry-failed"], fault: nil)
        XCTAssertEqual(retried.status, 0, retried.output + retried.errors)
        states = try pages()
        XCTAssertEqual(states["2.png"]?[0], "done", "\(states)")
    }

    func testAnAbortIsRetriedOnceAndNamedBySignal() throws {
        let outcome = try run(["--quiet"], fault: "SIGABRT@3.jpg")
        XCTAssertEqual(outcome.status, 2, outcome.output + outcome.errors)
        let states = try pages()
        XCTAssertEqual(states["3.jpg"]?[0], "quarantined")
        XCTAssertTrue(states["3.jpg"]?[3].string?.contains("SIGABRT") == true, "\(states)")
        XCTAssertEqual(states.values.filter { $0[0] == "done" }.count, 3)
    }

    func testADecodingStepPastItsDeadlineFailsThePageAndASecondTimeQuarantinesIt() throws {
        let config = work.appendingPathComponent("config.json")
        try Data(#"{"run": {"decode_timeout_seconds": 2}}"#.utf8).write(to: config)
        let first = try run(["--quiet", "--config", config.path], fault: "hang@1.png")
        XCTAssertEqual(first.status, 2, first.output + first.errors)
        var states = try pages()
        XCTAssertEqual(states["1.png"]?[0], "failed", "one timeout is one attempt: \(states)")
        XCTAssertEqual(states["1.png"]?[1], 1)
        XCTAssertEqual(states["1.png"]?[2], "timed-out")
        XCTAssertTrue(states["1.png"]?[3].string?.hasPrefix("decoding took longer than 2 s") == true, "\(states)")
        XCTAssertEqual(states.values.filter { $0[0] == "done" }.count, 3, "the batch went on")

        _ = try run(["--quiet", "--config", config.path, "--retry-failed"], fault: "hang@1.png")
        states = try pages()
        XCTAssertEqual(states["1.png"]?[0], "quarantined", "\(states)")
        XCTAssertEqual(states["1.png"]?[1], 2)
    }

    func testTheFaultVariableMatchesOnlyAnExactFileName() throws {
        // Not a file of this batch, and a malformed value: nothing happens.
        let outcome = try run(["--quiet"], fault: "SIGSEGV@2")
        XCTAssertEqual(outcome.status, 0, outcome.output + outcome.errors)
        XCTAssertEqual(try pages().values.filter { $0[0] == "done" }.count, 4)
    }
}
