import Foundation

/// The append-only, hash-chained event log (sổ ghi) of everything the tool did to the archive.
///
/// Each event's hash covers the previous event's hash and the event's own fields, so deleting
/// or editing an event — or a catalogue row whose checksum an event recorded — breaks the
/// chain and `verify` can say where.
public struct Ledger {
    let connection: any SQLDatabase
    /// The run the events belong to, if any.
    var runID: Int?

    /// The hash that starts the chain.
    public static let genesis = String(repeating: "0", count: 64)

    /// Appends an event; call inside the transaction that makes the change it describes.
    ///
    /// In a shared PostgreSQL store many workers append at once: an advisory lock held until the
    /// transaction ends gives the chain one order, so each event follows the one before it.
    public func record(_ kind: String, subject: String, detail: String = "", at date: Date = Date()) throws {
        if connection.dialect == .postgreSQL {
            try connection.query("SELECT pg_advisory_xact_lock(?)", [.integer(PostgreSQLSchema.LockKey.ledger)])
        }
        let previous = try connection.query("SELECT hash FROM events ORDER BY id DESC LIMIT 1").first?.first?.string ?? Self.genesis
        let timestamp = Timestamp.string(date)
        let hash = Self.chainHash(previous: previous, at: timestamp, kind: kind, subject: subject, detail: detail)
        try connection.query(
            "INSERT INTO events(at, run_id, kind, subject, detail, previous_hash, hash) VALUES (?,?,?,?,?,?,?)",
            [.text(timestamp), runID.map { .integer(Int64($0)) } ?? .null, .text(kind), .text(subject), .text(detail),
             .text(previous), .text(hash)])
    }

    /// The hash of one event given the previous one.
    public static func chainHash(previous: String, at: String, kind: String, subject: String, detail: String) -> String {
        SHA256Digest.hex(of: Data([previous, at, kind, subject, detail].joined(separator: "\u{1F}").utf8))
    }
}
