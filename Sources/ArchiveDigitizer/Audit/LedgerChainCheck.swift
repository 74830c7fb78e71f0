import Foundation

/// Recomputes the ledger's hash chains event by event (in batches, so memory stays flat).
///
/// Each event must name the previous event's hash in its lane (`Ledger`: an SQLite catalogue, and
/// any ledger made before the lanes, is all lane 0), and its own hash must follow from that and its
/// fields (`Ledger.chainHash`). An edited event fails the second test; a deleted or inserted event
/// makes the next one in its lane fail the first. Each `ledger-sealed` event (lane 0) must name events
/// that are there with the hashes it gives (`LedgerSeal`), so cutting off a lane's last events before
/// a seal is caught too. Checking continues past a break with the stored hash, so one edit is
/// reported once, not for every later event. Its SQL is plain, so it checks a ledger in SQLite or one
/// migrated to PostgreSQL alike.
struct LedgerChainCheck {
    let connection: any SQLDatabase
    var batchSize = 5_000

    func run(into report: inout VerificationReport) throws {
        var expectedPrevious: [Int: String] = [:]
        var previousID: [Int: Int] = [:]
        var seals: [(id: Int, seal: LedgerSeal)] = []
        var lastID = 0
        var lastHash: String? = nil
        // SQLite's catalogue has one chain and no lane column.
        let lane = connection.dialect == .postgreSQL ? "lane" : "0"
        while true {
            let rows = try connection.query("""
                SELECT id, at, kind, subject, detail, previous_hash, hash, \(lane) FROM events
                WHERE id > \(connection.placeholder(1)) ORDER BY id LIMIT \(connection.placeholder(2))
                """, [.integer(Int64(lastID)), .integer(Int64(batchSize))])
            if rows.isEmpty { break }
            for row in rows {
                let id = row[0].int ?? 0
                let at = row[1].string ?? "", kind = row[2].string ?? "", subject = row[3].string ?? ""
                let detail = row[4].string ?? "", previous = row[5].string ?? "", hash = row[6].string ?? ""
                let laneNumber = row[7].int ?? 0
                let location = "events #\(id)"
                let expected = expectedPrevious[laneNumber] ?? Ledger.genesis
                if previous != expected {
                    let after = previousID[laneNumber].map { "event #\($0)" }
                        ?? (laneNumber == 0 ? "the start of the ledger" : "the start of lane \(laneNumber)")
                    report.problems.append(VerificationProblem(
                        kind: .chainBroken, location: location,
                        detail: "Event #\(id) (\(kind) \(subject)) does not follow \(after): an event was deleted, inserted or rewritten there.",
                        expected: expected, found: previous))
                }
                let recomputed = Ledger.chainHash(previous: previous, at: at, kind: kind, subject: subject, detail: detail)
                if recomputed != hash {
                    report.problems.append(VerificationProblem(
                        kind: .chainBroken, location: location,
                        detail: "Event #\(id) (\(kind) \(subject)) was edited: its hash does not match its recorded fields.",
                        expected: recomputed, found: hash))
                }
                if laneNumber == 0, kind == LedgerSeal.kind, let seal = LedgerSeal(detail: detail) { seals.append((id, seal)) }
                expectedPrevious[laneNumber] = hash
                previousID[laneNumber] = id
                lastID = id
                lastHash = hash
                report.eventsChecked += 1
            }
        }
        try checkSeals(seals, into: &report)
        report.ledgerHeadID = lastHash == nil ? nil : lastID
        report.ledgerHeadHash = lastHash
    }

    /// Each seal's named events must be there, in their lane, before the seal, with the hash it names.
    private func checkSeals(_ seals: [(id: Int, seal: LedgerSeal)], into report: inout VerificationReport) throws {
        for (sealID, seal) in seals {
            let ids = seal.heads.map(\.eventID)
            var stored: [Int: (lane: Int, hash: String)] = [:]
            let lane = connection.dialect == .postgreSQL ? "lane" : "0"
            for row in try connection.query(
                "SELECT id, \(lane), hash FROM events WHERE id IN (\(ids.indices.map { connection.placeholder($0 + 1) }.joined(separator: ",")))",
                ids.map { .integer(Int64($0)) }) {
                if let id = row[0].int { stored[id] = (row[1].int ?? 0, row[2].string ?? "") }
            }
            for head in seal.heads {
                let found = stored[head.eventID]
                guard let found, found.lane == head.lane, found.hash == head.hash, head.eventID < sealID else {
                    report.problems.append(VerificationProblem(
                        kind: .chainBroken, location: "events #\(sealID)",
                        detail: "The seal event #\(sealID) names event #\(head.eventID) as the last of lane \(head.lane), but "
                            + (found == nil ? "that event is gone: events of the lane were deleted."
                                : "that event is not the one sealed: events of the lane were rewritten."),
                        expected: head.hash, found: found?.hash))
                    continue
                }
            }
        }
    }
}
