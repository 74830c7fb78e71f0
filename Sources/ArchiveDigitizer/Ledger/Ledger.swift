import Foundation

/// The append-only, hash-chained event log (sổ ghi) of everything the tool did to the archive.
///
/// Each event's hash covers the previous event's hash and the event's own fields, so deleting
/// or editing an event — or a catalogue row whose checksum an event recorded — breaks the
/// chain and `verify` can say where.
///
/// An SQLite catalogue has one writer and one chain (lane 0). A shared PostgreSQL store has many
/// workers appending at once; one chain would make each wait for the one before it to commit
/// (measured in `make bench-scale`, issue #19), so their events go into `laneCount` chains, lanes
/// 1…`laneCount`, each with its own lock and its own genesis, and lane 0 (where a ledger made before
/// the lanes, or migrated from SQLite, already is) holds `ledger-sealed` events that name every lane's
/// last event: deleting or editing any event breaks its lane, and cutting a lane's end off breaks the
/// seal after it. `LedgerChainCheck` checks all of it.
public struct Ledger {
    let connection: any SQLDatabase
    /// The run the events belong to, if any.
    var runID: Int?
    /// On a shared store, the lane this writer tries first: workers spread over the lanes by name
    /// (`Catalogue.worker`), so two seldom want the same one.
    var preferredLane = 1

    /// The hash that starts the chain (and every lane).
    public static let genesis = String(repeating: "0", count: 64)

    /// How many lanes a shared store's workers spread their events over.
    public static let laneCount = 32

    /// Appends an event; call inside the transaction that makes the change it describes.
    ///
    /// In a shared PostgreSQL store many workers append at once: the event goes into the first free
    /// lane from this writer's preferred one, whose advisory lock, held until the transaction ends,
    /// gives that lane one order. Only when every lane is busy does it wait, for its preferred one.
    public func record(_ kind: String, subject: String, detail: String = "", at date: Date = Date()) throws {
        try LatencyProbe.shared.measure(.ledgerAppend) {
            let lane = connection.dialect == .postgreSQL ? try takeLane() : 0
            try append(kind, subject: subject, detail: detail, at: date, lane: lane)
        }
    }

    /// The hash of one event given the previous one.
    public static func chainHash(previous: String, at: String, kind: String, subject: String, detail: String) -> String {
        SHA256Digest.hex(of: Data([previous, at, kind, subject, detail].joined(separator: "\u{1F}").utf8))
    }

    /// Shared store: the lane this transaction appends to, locked until it ends. A transaction that
    /// already holds a lane gets it again at once (advisory locks are re-entrant), so it never waits
    /// while holding one, and lanes cannot deadlock.
    private func takeLane() throws -> Int {
        for step in 0..<Self.laneCount {
            let lane = 1 + (preferredLane - 1 + step) % Self.laneCount
            if try connection.integer("SELECT CASE WHEN pg_try_advisory_xact_lock(?) THEN 1 ELSE 0 END",
                                      [.integer(PostgreSQLSchema.LockKey.ledger(lane: lane))]) == 1 {
                return lane
            }
        }
        try connection.query("SELECT pg_advisory_xact_lock(?)", [.integer(PostgreSQLSchema.LockKey.ledger(lane: preferredLane))])
        return preferredLane
    }

    /// Appends to `lane`, whose lock the caller holds (SQLite: the one writer).
    private func append(_ kind: String, subject: String, detail: String, at date: Date, lane: Int) throws {
        let timestamp = Timestamp.string(date)
        let runValue: SQLValue = runID.map { .integer(Int64($0)) } ?? .null
        if connection.dialect == .sqlite {
            let previous = try connection.query("SELECT hash FROM events ORDER BY id DESC LIMIT 1").first?.first?.string ?? Self.genesis
            let hash = Self.chainHash(previous: previous, at: timestamp, kind: kind, subject: subject, detail: detail)
            try connection.query(
                "INSERT INTO events(at, run_id, kind, subject, detail, previous_hash, hash) VALUES (?,?,?,?,?,?,?)",
                [.text(timestamp), runValue, .text(kind), .text(subject), .text(detail), .text(previous), .text(hash)])
            return
        }
        let previous = try connection.query("SELECT hash FROM events WHERE lane = ? ORDER BY id DESC LIMIT 1",
                                            [.integer(Int64(lane))]).first?.first?.string ?? Self.genesis
        let hash = Self.chainHash(previous: previous, at: timestamp, kind: kind, subject: subject, detail: detail)
        try connection.query(
            "INSERT INTO events(at, run_id, kind, subject, detail, previous_hash, hash, lane) VALUES (?,?,?,?,?,?,?,?)",
            [.text(timestamp), runValue, .text(kind), .text(subject), .text(detail), .text(previous), .text(hash),
             .integer(Int64(lane))])
    }

    // MARK: Seals (shared store)

    /// Appends to lane 0 a `ledger-sealed` event naming every lane's last event, inside the caller's
    /// transaction; nothing when no lane has changed since the last seal, or on SQLite (one chain).
    /// `waits: false` gives up at once when another worker is sealing.
    @discardableResult
    public func seal(waits: Bool = true) throws -> Bool {
        guard connection.dialect == .postgreSQL else { return false }
        let key = SQLValue.integer(PostgreSQLSchema.LockKey.ledger(lane: 0))
        if waits {
            try connection.query("SELECT pg_advisory_xact_lock(?)", [key])
        } else if try connection.integer("SELECT CASE WHEN pg_try_advisory_xact_lock(?) THEN 1 ELSE 0 END", [key]) != 1 {
            return false
        }
        let heads = try connection.query("""
            SELECT g.lane, e.id, e.hash FROM generate_series(1, ?) AS g(lane)
            CROSS JOIN LATERAL (SELECT id, hash FROM events WHERE lane = g.lane ORDER BY id DESC LIMIT 1) e ORDER BY g.lane
            """, [.integer(Int64(Self.laneCount))]).compactMap { row -> LedgerSeal.Head? in
            guard let lane = row[0].int, let id = row[1].int, let hash = row[2].string else { return nil }
            return LedgerSeal.Head(lane: lane, eventID: id, hash: hash)
        }
        guard !heads.isEmpty else { return false }
        let seal = LedgerSeal(heads: heads)
        let last = try connection.query("SELECT kind, detail FROM events WHERE lane = 0 ORDER BY id DESC LIMIT 1").first
        if last?[0].string == LedgerSeal.kind, last?[1].string == seal.detail { return false }
        try append(LedgerSeal.kind, subject: LedgerSeal.subject, detail: seal.detail, at: Date(), lane: 0)
        return true
    }

    /// Seals (without waiting) when the last event of lane 0 is older than `interval` seconds: the
    /// heartbeats of all workers call it, and about one seal per interval is written in all.
    public func sealIfDue(every interval: Double) throws {
        guard connection.dialect == .postgreSQL else { return }
        let age = try connection.query("""
            SELECT extract(epoch FROM now() - max(at)::timestamptz) FROM events WHERE id = (SELECT max(id) FROM events WHERE lane = 0)
            """).first?.first?.double
        if let age, age < interval { return }
        try seal(waits: false)
    }
}
