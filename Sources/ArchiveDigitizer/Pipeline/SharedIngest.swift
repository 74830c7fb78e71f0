/// Makes one `digitize run` at a time read scan folders into a shared store (issue #8).
///
/// Two runs started at once on two machines would otherwise both register the same new scans.
/// A PostgreSQL session advisory lock serialises them (the second waits, then finds every scan
/// already known, which costs it a `stat` per file); the server drops the lock if the holder dies.
/// `digitize worker` waits for the lock and lets go at once, so it starts on a backlog that is
/// whole. On the embedded store the archive folder's lock already keeps runs apart.
struct SharedIngest {
    let catalogue: Catalogue

    /// Runs `body` holding the ingest lock (`waitOnly`: runs it after the lock came free, not holding it).
    ///
    /// On a shared store, files whose documents could not be built are put back to be built again,
    /// as the embedded store's run retries them on start.
    func whileHeld(waitOnly: Bool, _ body: () throws -> Void) throws {
        let connection = catalogue.connection
        guard connection.dialect == .postgreSQL else { return try body() }
        let key: [SQLValue] = [.integer(PostgreSQLSchema.LockKey.ingest)]
        try connection.query("SELECT pg_advisory_lock(?)", key)
        if waitOnly {
            try connection.query("SELECT pg_advisory_unlock(?)", key)
            return try body()
        }
        defer { _ = try? connection.query("SELECT pg_advisory_unlock(?)", key) }
        try body()
        try connection.query("UPDATE files SET state = 'pending', worker = NULL, lease_until = NULL WHERE state = 'failed'")
    }
}
