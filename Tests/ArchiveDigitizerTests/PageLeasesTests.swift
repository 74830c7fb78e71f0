import Dispatch
import Foundation
import Synchronization
import XCTest
@testable import ArchiveDigitizer

/// Lease-based page claims for many workers, against the real throw-away server (`TEST_POSTGRES_URL`).
final class PageLeasesTests: XCTestCase {
    func testThreeConcurrentClaimersTakeEveryPageExactlyOnce() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let setup = try schema.connect()
        let leases = PageLeases(on: setup)
        try leases.createTable()
        let pages = Array(Int64(1)...600)
        XCTAssertEqual(try leases.add(pages: pages), 600)
        XCTAssertEqual(try leases.add(pages: [1, 2, 601]), 1, "pages already on the backlog are not added again")

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
                    let leases = PageLeases(on: connection)
                    ready.signal()
                    go.wait()
                    while case let claimed = try leases.claim(worker: worker, limit: 4, lease: .seconds(120)), !claimed.isEmpty {
                        for page in claimed where try !leases.complete(page: page, worker: worker) {
                            outcome.failures.withLock { $0.append("\(worker) could not complete page \(page) it had claimed") }
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
        XCTAssertEqual(all.count, 601, "no page was claimed twice")
        XCTAssertEqual(Set(all), Set(pages + [601]), "every page was claimed")
        XCTAssertEqual(try setup.query("SELECT count(*) FROM page_claims WHERE state = 'done' AND attempts = 1"), [[601]])
        // Each worker's share, as `progress --store` will show it, adds up to what it claimed.
        let shares = try leases.shares()
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: shares.map { ($0.worker, $0.pagesDone) }), claims.mapValues(\.count))
        XCTAssertEqual(shares.map(\.pagesHeld), Array(repeating: 0, count: shares.count))
    }

    func testLeaseRunsOutAndAnotherWorkerFinishesThePagesWhileTheLateCompletionIsRefused() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let (first, second, third) = (try schema.connect(), try schema.connect(), try schema.connect())
        let leases = PageLeases(on: first)
        try leases.createTable()
        try leases.add(pages: Array(1...6))

        XCTAssertEqual(try leases.claim(worker: "stalled", limit: 3, lease: .seconds(300)), [1, 2, 3])
        // While that lease is alive nobody else gets those pages.
        XCTAssertEqual(try PageLeases(on: second).claim(worker: "steady", limit: 10, lease: .seconds(300)), [4, 5, 6])
        XCTAssertEqual(try PageLeases(on: third).claim(worker: "rescuer", limit: 10, lease: .seconds(300)), [])
        XCTAssertEqual(try leases.shares().first { $0.worker == "stalled" }?.pagesHeld, 3)

        // The stalled worker's last heartbeat gives it one more second; then it stops renewing.
        XCTAssertEqual(try leases.renew(pages: [1, 2, 3], worker: "stalled", lease: .seconds(1)), [1, 2, 3])
        try waitUntilLeasesRunOut(pages: [1, 2, 3], on: third)

        let rescued = try PageLeases(on: third).claim(worker: "rescuer", limit: 10, lease: .seconds(300))
        XCTAssertEqual(rescued, [1, 2, 3])
        XCTAssertEqual(try third.query("SELECT page_id, attempts FROM page_claims WHERE page_id <= 3 ORDER BY page_id"),
                       [[1, 2], [2, 2], [3, 2]])

        // The stalled worker wakes up: it holds nothing any more and may not record its results.
        XCTAssertEqual(try leases.renew(pages: [1, 2, 3], worker: "stalled", lease: .seconds(300)), [])
        XCTAssertFalse(try leases.complete(page: 1, worker: "stalled"))
        for page in rescued { XCTAssertTrue(try PageLeases(on: third).complete(page: page, worker: "rescuer")) }
        for page: Int64 in [4, 5, 6] { XCTAssertTrue(try PageLeases(on: second).complete(page: page, worker: "steady")) }
        // Done is done: neither the holder nor anyone else records a page twice.
        XCTAssertFalse(try PageLeases(on: third).complete(page: 1, worker: "rescuer"))
        XCTAssertFalse(try leases.complete(page: 2, worker: "stalled"))
        XCTAssertEqual(try PageLeases(on: second).claim(worker: "steady", limit: 10, lease: .seconds(300)), [])

        let shares = try leases.shares()
        XCTAssertEqual(shares.map(\.worker), ["rescuer", "steady"], "the stalled worker holds and finished nothing")
        XCTAssertEqual(shares.map(\.pagesDone), [3, 3])
        XCTAssertEqual(try first.query("SELECT count(*) FROM page_claims WHERE state = 'done'"), [[6]])
    }

    /// Waits (polling the server's clock, which decides leases) until `pages`' leases have run out.
    private func waitUntilLeasesRunOut(pages: [Int64], on connection: PostgreSQLConnection) throws {
        let ids = "{" + pages.map(String.init).joined(separator: ",") + "}"
        for _ in 0..<600 {
            let live = try connection.query("SELECT count(*) FROM page_claims WHERE page_id = ANY($1::bigint[]) AND lease_until >= now()", [.text(ids)])
            if live == [[0]] { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        XCTFail("the one-second leases were still alive after 30 seconds")
    }
}

/// What the claimer threads report; each field has one lock.
private final class Outcome: Sendable {
    let claims = Mutex<[String: [Int64]]>([:])
    let failures = Mutex<[String]>([])
}
