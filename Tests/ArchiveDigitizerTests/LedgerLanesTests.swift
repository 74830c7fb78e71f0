import Foundation
import XCTest
@testable import ArchiveDigitizer

/// The shared store's ledger lanes (issue #19) on the real throw-away server (`TEST_POSTGRES_URL`):
/// concurrent writers spread over lanes and `verify`'s chain check still proves every event — a
/// deleted or edited event, and a lane's end cut off before a seal, are caught — and a ledger made
/// as one chain (migrated from SQLite) goes on verifying once lanes are added to it.
final class LedgerLanesTests: XCTestCase {
    /// Appends `count` events from each of `writers` threads, each with its own connection and lane
    /// preference, several events per transaction (as `recordDocuments` does), then seals.
    private func appendConcurrently(in schema: PostgreSQLTestSchema, writers: Int, count: Int) throws {
        let failures = FailureList()
        let group = DispatchGroup()
        for writer in 0..<writers {
            group.enter()
            Thread {
                defer { group.leave() }
                do {
                    let connection = try schema.connect()
                    var ledger = Ledger(connection: connection, runID: nil)
                    ledger.preferredLane = Catalogue.lane(of: "writer-\(writer % 3)")  // several writers want one lane
                    for index in stride(from: 0, to: count, by: 2) {
                        try connection.transaction {
                            try ledger.record("page-done", subject: "w\(writer)/\(index)", detail: "text sha256 x; confidence 90")
                            try ledger.record("page-done", subject: "w\(writer)/\(index + 1)", detail: "text sha256 y; confidence 91")
                        }
                    }
                } catch {
                    failures.append("writer \(writer): \(error)")
                }
            }.start()
        }
        group.wait()
        XCTAssertEqual(failures.all, [])
        let connection = try schema.connect()
        _ = try connection.transaction { try Ledger(connection: connection, runID: nil).seal() }
    }

    private func check(_ schema: PostgreSQLTestSchema) throws -> VerificationReport {
        var report = VerificationReport(archive: "test", startedAt: Timestamp.string(Date()))
        try LedgerChainCheck(connection: try schema.connect()).run(into: &report)
        return report
    }

    func testConcurrentWritersUseSeveralLanesAndTheLedgerVerifies() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        _ = try Catalogue(database: try schema.connect(), upgrading: true)
        try appendConcurrently(in: schema, writers: 8, count: 60)
        let connection = try schema.connect()
        XCTAssertGreaterThan(try connection.integer("SELECT count(DISTINCT lane) FROM events WHERE lane > 0") ?? 0, 1)
        XCTAssertEqual(try connection.integer("SELECT count(*) FROM events WHERE kind = 'ledger-sealed' AND lane = 0"), 1)
        let report = try check(schema)
        XCTAssertEqual(report.problems.map(\.detail), [])
        XCTAssertEqual(report.eventsChecked, 8 * 60 + 1)
    }

    func testADeletedOrEditedEventInALaneIsCaught() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        _ = try Catalogue(database: try schema.connect(), upgrading: true)
        try appendConcurrently(in: schema, writers: 4, count: 20)
        let connection = try schema.connect()
        let lane = try XCTUnwrap(connection.integer("SELECT lane FROM events WHERE lane > 0 GROUP BY lane HAVING count(*) > 3 ORDER BY lane LIMIT 1"))
        let middle = try XCTUnwrap(connection.integer("SELECT id FROM events WHERE lane = ? ORDER BY id OFFSET 1 LIMIT 1", [.integer(Int64(lane))]))
        try connection.query("DELETE FROM events WHERE id = ?", [.integer(Int64(middle))])
        let edited = try XCTUnwrap(connection.integer("SELECT id FROM events WHERE lane = ? ORDER BY id DESC OFFSET 1 LIMIT 1", [.integer(Int64(lane))]))
        try connection.query("UPDATE events SET detail = 'text sha256 forged; confidence 99' WHERE id = ?", [.integer(Int64(edited))])
        let problems = try check(schema).problems
        XCTAssertTrue(problems.contains { $0.kind == .chainBroken && $0.detail.contains("does not follow") }, "\(problems)")
        XCTAssertTrue(problems.contains { $0.location == "events #\(edited)" && $0.detail.contains("was edited") }, "\(problems)")
    }

    func testALaneCutOffBeforeASealIsCaught() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        _ = try Catalogue(database: try schema.connect(), upgrading: true)
        try appendConcurrently(in: schema, writers: 4, count: 20)
        let connection = try schema.connect()
        // The last two events of a lane: the chain itself cannot tell, the seal after them can.
        let lane = try XCTUnwrap(connection.integer("SELECT lane FROM events WHERE lane > 0 ORDER BY id DESC LIMIT 1"))
        try connection.query("DELETE FROM events WHERE id IN (SELECT id FROM events WHERE lane = ? ORDER BY id DESC LIMIT 2)", [.integer(Int64(lane))])
        let problems = try check(schema).problems
        XCTAssertEqual(problems.count, 1, "\(problems)")
        XCTAssertTrue(problems.first?.detail.contains("names event #") == true && problems.first?.detail.contains("gone") == true, "\(problems)")
    }

    func testALedgerMigratedAsOneChainGoesOnVerifyingWithLanes() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let folder = try TestSupport.temporaryFolder("ledger-lanes")
        defer { try? FileManager.default.removeItem(at: folder) }
        let sqlite = try Catalogue(path: folder.appendingPathComponent("catalogue.sqlite").path)
        for index in 0..<10 { try sqlite.log("note", subject: "old \(index)", detail: "before the lanes") }
        let outcome = try CatalogueMigration(from: try XCTUnwrap(sqlite.sqlite), to: try schema.connect()).run()
        XCTAssertTrue(outcome.isChainPreserved)
        let connection = try schema.connect()
        XCTAssertEqual(try connection.integer("SELECT count(*) FROM events WHERE lane <> 0"), 0, "the old chain is lane 0")
        _ = try Catalogue(database: connection, upgrading: true)
        try appendConcurrently(in: schema, writers: 3, count: 10)
        let report = try check(schema)
        XCTAssertEqual(report.problems.map(\.detail), [])
        XCTAssertEqual(report.eventsChecked, 10 + 30 + 1)
        // The seal continues lane 0, the old chain.
        let sealPrevious = try connection.query("SELECT previous_hash FROM events WHERE kind = 'ledger-sealed'").first?.first?.string
        XCTAssertEqual(sealPrevious, outcome.sourceLedger.ledgerHeadHash)
    }
}

/// Failures gathered from several threads.
private final class FailureList: @unchecked Sendable {
    // Every access goes through `lock`.
    private let lock = NSLock()
    private var items: [String] = []
    func append(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}
