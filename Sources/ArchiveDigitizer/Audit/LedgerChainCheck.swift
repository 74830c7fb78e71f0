import Foundation

/// Recomputes the ledger's hash chain event by event (in batches, so memory stays flat).
///
/// Each event must name the previous event's hash, and its own hash must follow from that and its
/// fields (`Ledger.chainHash`). An edited event fails the second test; a deleted or inserted event
/// makes the next one fail the first. Checking continues past a break with the stored hash, so one
/// edit is reported once, not for every later event. Its SQL is plain, so it checks a ledger in
/// SQLite or one migrated to PostgreSQL alike.
struct LedgerChainCheck {
    let connection: any SQLDatabase
    var batchSize = 5_000

    func run(into report: inout VerificationReport) throws {
        var expectedPrevious = Ledger.genesis
        var previousID: Int? = nil
        var lastID = 0
        while true {
            let rows = try connection.query("""
                SELECT id, at, kind, subject, detail, previous_hash, hash FROM events
                WHERE id > \(connection.placeholder(1)) ORDER BY id LIMIT \(connection.placeholder(2))
                """, [.integer(Int64(lastID)), .integer(Int64(batchSize))])
            if rows.isEmpty { break }
            for row in rows {
                let id = row[0].int ?? 0
                let at = row[1].string ?? "", kind = row[2].string ?? "", subject = row[3].string ?? ""
                let detail = row[4].string ?? "", previous = row[5].string ?? "", hash = row[6].string ?? ""
                let location = "events #\(id)"
                if previous != expectedPrevious {
                    let after = previousID.map { "event #\($0)" } ?? "the start of the ledger"
                    report.problems.append(VerificationProblem(
                        kind: .chainBroken, location: location,
                        detail: "Event #\(id) (\(kind) \(subject)) does not follow \(after): an event was deleted, inserted or rewritten there.",
                        expected: expectedPrevious, found: previous))
                }
                let recomputed = Ledger.chainHash(previous: previous, at: at, kind: kind, subject: subject, detail: detail)
                if recomputed != hash {
                    report.problems.append(VerificationProblem(
                        kind: .chainBroken, location: location,
                        detail: "Event #\(id) (\(kind) \(subject)) was edited: its hash does not match its recorded fields.",
                        expected: recomputed, found: hash))
                }
                expectedPrevious = hash
                previousID = id
                lastID = id
                report.eventsChecked += 1
            }
        }
        report.ledgerHeadID = previousID
        report.ledgerHeadHash = previousID == nil ? nil : expectedPrevious
    }
}
