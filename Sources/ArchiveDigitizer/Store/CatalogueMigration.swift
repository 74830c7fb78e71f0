import Foundation

/// Copies an archive's SQLite catalogue and ledger into an empty PostgreSQL database
/// (`digitize migrate`), so that many workers can later share it (issue #8).
///
/// Every row keeps its id and every ledger event its timestamp and hashes, so the hash chain that
/// `verify` checks is the same chain afterwards: the migration proves it by recomputing the chain
/// on the PostgreSQL side and comparing its head with the SQLite ledger's. The tables are
/// `PostgreSQLSchema`'s; the columns copied are read from SQLite itself (`PRAGMA table_info`), so a
/// column PostgreSQL lacked would fail the copy rather than be dropped. The search index and the
/// document filter keys are derived data: they are made afresh when the store is first opened.
public struct CatalogueMigration {
    /// The catalogue's tables in the order their rows can be inserted (referenced tables first): the
    /// reading room's accounts and the human corrections a rerun must keep move with the rest.
    static let tables = ["meta", "runs", "files", "sources", "pages", "documents", "events", "users", "corrections"]

    let source: SQLiteConnection
    let target: PostgreSQLConnection
    /// Rows read from SQLite at a time, so memory stays flat on a catalogue of millions of pages.
    var batchSize = 1_000

    /// A migration from the catalogue open on `source` into the database `target` is connected to.
    public init(from source: SQLiteConnection, to target: PostgreSQLConnection) {
        self.source = source
        self.target = target
    }

    /// What was copied, and the ledger checked on both sides.
    public struct Outcome: Sendable {
        /// Rows copied per table, in copy order.
        public var rows: [(table: String, count: Int)]
        /// The SQLite ledger's check: events, head hash, problems (expected none).
        public var sourceLedger: VerificationReport
        /// The same check recomputed on the PostgreSQL copy.
        public var targetLedger: VerificationReport

        /// Whether the copy's chain is intact and ends where the original's does.
        public var isChainPreserved: Bool {
            targetLedger.problems.isEmpty && targetLedger.eventsChecked == sourceLedger.eventsChecked
                && targetLedger.ledgerHeadHash == sourceLedger.ledgerHeadHash
        }
    }

    /// Creates the tables, copies every row and makes the documents' filter keys (`document_keys`) in
    /// one transaction (all or nothing), then checks the chain.
    /// `onTable` is told each table's name before it is copied.
    public func run(onTable: (String) -> Void = { _ in }) throws -> Outcome {
        let started = Timestamp.string(Date())
        var sourceLedger = VerificationReport(archive: "SQLite catalogue", startedAt: started)
        try LedgerChainCheck(connection: source).run(into: &sourceLedger)
        var rows: [(table: String, count: Int)] = []
        try PostgreSQLSchema.create(on: target)
        try target.transaction {
            for table in Self.tables {
                let columns = try self.columns(of: table)
                let existing = try target.query("SELECT count(*) FROM \(Self.quoted(table))", []).first?.first?.int ?? 0
                guard existing == 0 else { throw MigrationError.targetNotEmpty(table: table, rows: existing) }
                onTable(table)
                rows.append((table, try copyRows(of: table, columns: columns)))
                if columns.contains("id") {
                    // Rows arrived with their ids; new rows must number on from the largest.
                    try target.query("""
                        SELECT setval(pg_get_serial_sequence('\(table)', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM \(Self.quoted(table))), false)
                        """)
                }
            }
            // The documents' filter keys, as `digitize run` makes them when it records documents: without
            // them every filtered search would read and fold every document's metadata again.
            try DocumentKeys.refresh(target)
        }
        var targetLedger = VerificationReport(archive: target.address.masked, startedAt: started)
        try LedgerChainCheck(connection: target).run(into: &targetLedger)
        return Outcome(rows: rows, sourceLedger: sourceLedger, targetLedger: targetLedger)
    }

    /// The names of `table`'s columns in the SQLite catalogue.
    private func columns(of table: String) throws -> [String] {
        let columns = try source.query("SELECT name FROM pragma_table_info(?) ORDER BY cid", [.text(table)]).map { $0[0].string ?? "" }
        guard !columns.isEmpty, columns.allSatisfy({ !$0.isEmpty }) else { throw MigrationError.missingTable(table) }
        return columns
    }

    /// Copies `table` in rowid order, `batchSize` rows at a time; returns how many rows were copied.
    private func copyRows(of table: String, columns: [String]) throws -> Int {
        let list = columns.map(Self.quoted).joined(separator: ", ")
        let insert = "INSERT INTO \(Self.quoted(table)) (\(list)) VALUES (\(columns.indices.map { target.placeholder($0 + 1) }.joined(separator: ", ")))"
        var lastRow: Int64 = .min
        var count = 0
        while true {
            let rows = try source.query("SELECT rowid, \(list) FROM \(Self.quoted(table)) WHERE rowid > ? ORDER BY rowid LIMIT ?",
                                        [.integer(lastRow), .integer(Int64(batchSize))])
            guard let last = rows.last?.first?.int else { return count }
            for row in rows { try target.query(insert, Array(row.dropFirst())) }
            count += rows.count
            lastRow = Int64(last)
        }
    }

    /// An identifier in double quotes, so column names such as `text` or `at` are never keywords.
    static func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
}

/// Why a catalogue could not be moved into PostgreSQL.
public enum MigrationError: Error, CustomStringConvertible, Equatable {
    /// The PostgreSQL database already holds rows: migrating again would duplicate or mix catalogues.
    case targetNotEmpty(table: String, rows: Int)
    /// The SQLite catalogue lacks one of the catalogue's tables: not an archive written by `digitize run`.
    case missingTable(String)

    public var description: String {
        switch self {
        case let .targetNotEmpty(table, rows):
            return "The PostgreSQL database already holds a catalogue (\(rows) row(s) in \(table)); nothing was copied. "
                + "Migrate into an empty database."
        case let .missingTable(table):
            return "The archive's catalogue has no \(table) table: it is not a catalogue written by digitize run."
        }
    }
}
