/// What the two catalogue engines, SQLite (embedded, the default) and PostgreSQL (many workers),
/// have in common: parameterised queries, plain statements and all-or-nothing transactions.
///
/// The store interface of issue #8: the catalogue, the ledger, progress, verify and export are
/// written against it, in SQL both engines read alike. Statements write their parameters as `?`
/// (or `?1` to repeat one); the PostgreSQL connection numbers them `$1`, `$2`, … itself. The few
/// places where the engines differ (the search index, leases, temporary tables) ask `dialect`.
public protocol SQLDatabase: AnyObject {
    /// Which engine this is.
    var dialect: SQLDialect { get }
    /// The statement that opens a write transaction (`BEGIN IMMEDIATE` takes SQLite's write lock at
    /// once, so two writers never deadlock half-way; PostgreSQL's `BEGIN` locks row by row).
    var beginTransaction: String { get }
    /// How a statement names its `position`-th parameter (1-based): `?` in SQLite, `$1` in PostgreSQL.
    func placeholder(_ position: Int) -> String
    /// Runs statements without parameters or results (schema, transaction control).
    func execute(_ sql: String) throws
    /// Runs one statement with `parameters` bound to its placeholders; returns its rows.
    @discardableResult
    func query(_ sql: String, _ parameters: [SQLValue]) throws -> [[SQLValue]]
}

/// The catalogue engines.
public enum SQLDialect: Sendable, Equatable {
    /// The embedded catalogue inside the archive folder (`catalogue.sqlite`).
    case sqlite
    /// A shared PostgreSQL database (`--store postgresql://…`).
    case postgreSQL
}

extension SQLDatabase {
    /// Runs `body` in one transaction: all of it is recorded, or none.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute(beginTransaction)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs one statement without parameters; returns its rows.
    @discardableResult
    public func query(_ sql: String) throws -> [[SQLValue]] {
        try query(sql, [])
    }

    /// `name` qualified as this connection's temporary table (`temp.` in SQLite, `pg_temp.` in PostgreSQL),
    /// so no statement can reach a real table of that name instead.
    public func temporaryTable(_ name: String) -> String {
        (dialect == .sqlite ? "temp." : "pg_temp.") + name
    }

    /// Creates the temporary table `name` (as `temporaryTable(name)`) afresh, seen only by this
    /// connection and dropped when it closes. SQLite stores it by its primary key (`WITHOUT ROWID`).
    /// PostgreSQL allows no CREATE in a read-only transaction, so call this before opening one.
    public func createTemporaryTable(_ name: String, columns: String) throws {
        try execute("""
            DROP TABLE IF EXISTS \(temporaryTable(name));
            CREATE TEMP TABLE \(name)(\(columns))\(dialect == .sqlite ? " WITHOUT ROWID" : "");
            """)
    }

    /// The first column of the first row, as an integer (counts, ids), or nil when there is none.
    public func integer(_ sql: String, _ parameters: [SQLValue] = []) throws -> Int? {
        try query(sql, parameters).first?.first?.int
    }
}
