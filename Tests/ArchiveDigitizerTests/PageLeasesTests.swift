import Dispatch
import Foundation
import XCTest
@testable import ArchiveDigitizer

/// Lease-based claims of pages and files for many workers, on the catalogue's own tables in the real
/// throw-away server (`TEST_POSTGRES_URL`), and `Catalogue.record`'s refusal of a page it no longer holds.
final class PageLeasesTests: XCTestCase {
    func testThreeConcurrentClaimersTakeEveryPageExactlyOnce() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let setup = try Self.catalogue(in: schema, pages: 600)

        let workers = ["worker-a", "worker-b", "worker-c"]
        let outcome = Outcome()
        let ready = DispatchSemaphore(value: 0), go = DispatchSemaphore(value: 0), finished = DispatchGroup()
        for worker in workers {
            finished.enter()
            // Each worker has its own connection on its own thread, as on separate machines.
            Thread {
                defer { finished.leave() }
                do {
                    let connection = try schema.connect()
                    let leases = PageLeases(on: connection, worker: worker, lease: .seconds(120))
                    ready.signal()
                    go.wait()
                    while case let claimed = try leases.claim(limit: 4), !claimed.isEmpty {
                        let list = claimed.map(String.init).joined(separator: ",")
                        let done = try connection.query("UPDATE pages SET state = 'done', lease_until = NULL WHERE id IN (\(list)) AND worker = ? RETURNING id",
                                                        [.text(worker)])
                        if done.count != claimed.count {
                            outcome.failures.withLock { $0.append("\(worker) could not finish pages \(claimed) it had claimed") }
                        }
                        outcome.claims.withLock { $0[worker, default: []] += claimed }
                    }
                } catch {
                    ready.signal()
                    outcome.failures.withLock { $0.append("\(worker): \(error)") }
                }
            }.start()
        }
        for _ in workers { ready.wait() }
        for _ in workers { go.signal() }
        finished.wait()

        XCTAssertEqual(outcome.failures.withLock { $0 }, [])
        let claims = outcome.claims.withLock { $0 }
        let all = claims.values.flatMap { $0 }
        XCTAssertEqual(all.count, 600, "no page was claimed twice")
        XCTAssertEqual(Set(all).count, 600, "every page was claimed")
        let recorded = try setup.connection.query("SELECT worker, count(*) FROM pages WHERE state = 'done' GROUP BY worker ORDER BY worker")
        XCTAssertEqual(recorded, claims.sorted { $0.key < $1.key }.map { [.text($0.key), .integer(Int64($0.value.count))] })
        XCTAssertTrue(try PageLeases(on: setup.connection, worker: "late", lease: .seconds(1)).isBacklogFinished() == false,
                      "the file still waits for its documents")
    }

    func testLeaseRunsOutAndAnotherWorkerFinishesThePagesWhileTheLateResultIsRefused() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let stalled = try Self.catalogue(in: schema, pages: 6, worker: "stalled")
        let steady = try Self.catalogue(in: schema, pages: 0, worker: "steady")
        let rescuer = try Self.catalogue(in: schema, pages: 0, worker: "rescuer")
        func leases(_ catalogue: Catalogue, _ seconds: Int64 = 300) -> PageLeases {
            PageLeases(on: catalogue.connection, worker: catalogue.worker, lease: .seconds(seconds))
        }

        XCTAssertEqual(try leases(stalled).claim(limit: 3), [1, 2, 3])
        // While that lease is alive nobody else gets those pages.
        XCTAssertEqual(try leases(steady).claim(limit: 10), [4, 5, 6])
        XCTAssertEqual(try leases(rescuer).claim(limit: 10), [])

        // The stalled worker's last heartbeat gives it one more second; then it stops renewing.
        XCTAssertEqual(try leases(stalled, 1).renew().pages, 3)
        for _ in 0..<600 where try stalled.connection.integer("SELECT count(*) FROM pages WHERE lease_until >= now() AND worker = 'stalled'") != 0 {
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTAssertEqual(try leases(rescuer).claim(limit: 10), [1, 2, 3])

        // The stalled worker wakes up: it holds nothing any more and may not record its result.
        XCTAssertEqual(try leases(stalled).renew().pages, 0)
        XCTAssertEqual(try stalled.record(Self.outcome(page: 1)), .takenOver)
        XCTAssertEqual(try stalled.connection.integer("SELECT count(*) FROM events WHERE kind = 'page-done'"), 0)
        // The holders record theirs; whoever records the file's last page builds its documents, once.
        var builders: [String] = []
        for (catalogue, pages) in [(rescuer, 1...3), (steady, 4...6)] {
            for page in pages {
                let recording = try catalogue.record(Self.outcome(page: page))
                XCTAssertNotEqual(recording, .takenOver)
                if recording == .recorded(buildsFile: true) { builders.append(catalogue.worker) }
            }
        }
        XCTAssertEqual(builders.count, 1, "one worker builds the file")
        XCTAssertEqual(try steady.record(Self.outcome(page: 4)), .takenOver, "done is done: a page is recorded once")
        XCTAssertNil(try leases(rescuer).claimReadyFile(), "the file's builder holds it")
        XCTAssertEqual(try stalled.connection.query("SELECT worker, count(*) FROM pages GROUP BY worker ORDER BY worker"),
                       [["rescuer", 3], ["steady", 3]])
        XCTAssertEqual(try stalled.connection.integer("SELECT count(*) FROM events WHERE kind = 'page-done'"), 6)
        XCTAssertFalse(try leases(stalled).isBacklogFinished(), "the file's documents are still to build")
    }

    /// A page whose holders die with it (a crash no worker process survives, a machine lost) is
    /// counted each time its lease runs out and quarantined at the second, instead of being handed
    /// to every worker of the batch in turn.
    func testAPageWhoseHoldersDieTwiceIsQuarantinedNotClaimedAgain() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let first = try Self.catalogue(in: schema, pages: 2, worker: "first")
        func leases(_ worker: String, _ seconds: Int64) -> PageLeases {
            PageLeases(on: first.connection, worker: worker, lease: .seconds(seconds))
        }
        func waitForLeasesToRunOut() throws {
            for _ in 0..<600 where try first.connection.integer("SELECT count(*) FROM pages WHERE lease_until >= now()") != 0 {
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
        XCTAssertEqual(try leases("first", 1).claim(limit: 1), [1])
        try waitForLeasesToRunOut()
        XCTAssertEqual(try leases("second", 1).claim(limit: 1), [1], "one death: the page is tried again")
        XCTAssertEqual(try first.connection.integer("SELECT attempts FROM pages WHERE id = 1"), 1)
        try waitForLeasesToRunOut()
        XCTAssertEqual(try leases("third", 300).claim(limit: 5), [2], "two deaths: the page is not handed out again")
        XCTAssertEqual(try first.connection.query("SELECT state, attempts, error_kind FROM pages WHERE id = 1"),
                       [["quarantined", 2, "crashed"]])
        XCTAssertTrue(try first.connection.query("SELECT error FROM pages WHERE id = 1").first?.first?.string?.contains("second") == true)
        // --retry-failed puts it back on purpose.
        XCTAssertEqual(try first.retryFailedPages(), 1)
        XCTAssertEqual(try leases("fourth", 300).claim(limit: 5), [1])
    }

    func testAFileWhoseBuilderDiedIsClaimedAgainAfterItsLease() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let dying = try Self.catalogue(in: schema, pages: 2, worker: "dying")
        let survivor = try Self.catalogue(in: schema, pages: 0, worker: "survivor")
        _ = try PageLeases(on: dying.connection, worker: "dying", lease: .seconds(1)).claim(limit: 2)
        dying.lease = .seconds(1)
        XCTAssertEqual(try dying.record(Self.outcome(page: 1)), .recorded(buildsFile: false))
        XCTAssertEqual(try dying.record(Self.outcome(page: 2)), .recorded(buildsFile: true))
        let leases = PageLeases(on: survivor.connection, worker: "survivor", lease: .seconds(300))
        XCTAssertNil(try leases.claimReadyFile(), "the builder's lease is alive")
        Thread.sleep(forTimeInterval: 1.2)
        XCTAssertEqual(try leases.claimReadyFile(), 1, "the dead builder's file is claimed again")
        XCTAssertThrowsError(try dying.recordDocuments(fileID: 1, fileCode: "HN-TEST.01", documents: [])) { error in
            XCTAssertTrue(error is LeaseLostError, "\(error)")
        }
        XCTAssertEqual(try survivor.recordDocuments(fileID: 1, fileCode: "HN-TEST.01", documents: []), [])
        XCTAssertTrue(try leases.isBacklogFinished())
    }

    /// A catalogue in `schema` (tables created on first open) with one file of `pages` pending pages,
    /// and a writer named `worker` that shares the backlog.
    private static func catalogue(in schema: PostgreSQLTestSchema, pages: Int, worker: String = "setup") throws -> Catalogue {
        let catalogue = try Catalogue(database: try schema.connect(), upgrading: true)
        catalogue.worker = worker
        catalogue.lease = .seconds(300)
        guard pages > 0 else { return catalogue }
        let db = catalogue.connection
        try db.query("INSERT INTO files(code, folder) VALUES ('HN-TEST.01', 'HN-TEST.01')")
        try db.query("INSERT INTO sources(file_id, name, path, relative_path, sha256, format, frame_count) VALUES (1, 'scan.pdf', '/x/scan.pdf', 'scan.pdf', 'x', 'pdf', ?)",
                     [.integer(Int64(pages))])
        try db.query("INSERT INTO pages(file_id, source_id, frame, page_number) SELECT 1, 1, n - 1, n FROM generate_series(1, ?::int) n",
                     [.integer(Int64(pages))])
        return catalogue
    }

    private static func outcome(page: Int) -> PageOutcome {
        let facts = PageFacts(width: 100, height: 100, dpi: 300, isResolutionRecorded: true, colour: "gray", compression: "none",
                              skewDegrees: nil, inkCoverage: 0.1, isBlank: false, hadTextLayer: false)
        let job = PageJob(pageID: page, fileID: 1, location: PageLocation(path: "/x/scan.pdf", format: .pdf, frame: page - 1),
                          label: "HN-TEST.01/scan.pdf page \(page)")
        return PageOutcome(job: job, result: .success((RecognizedPage(text: "trang \(page)", words: [], meanConfidence: 90), facts)),
                           decodeSeconds: 0, ocrSeconds: 0)
    }
}

/// What the claimer threads report; each field has one lock. An `NSLock` (a pthread mutex), not
/// `Synchronization.Mutex`: ThreadSanitizer sees the pthread lock and release, while the three
/// claimers' updates under a `Mutex` were reported as a Swift access race (`make test-tsan`).
private final class Outcome: Sendable {
    let claims = LockedValue<[String: [Int]]>([:])
    let failures = LockedValue<[String]>([])
}

/// A value behind an `NSLock`, used the way `Mutex.withLock` is.
private final class LockedValue<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) throws -> Result) rethrows -> Result {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
