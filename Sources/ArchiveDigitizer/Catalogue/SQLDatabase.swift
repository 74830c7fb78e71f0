/// What the two catalogue engines, SQLite (embedded, the default) and PostgreSQL (many workers),
/// have in common: parameterised queries, plain statements and all-or-nothing transactions.
///
/// The seed of the store interface of issue #8: code written against it runs on either engine.
public protocol SQLDatabase: AnyObject {
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
}
