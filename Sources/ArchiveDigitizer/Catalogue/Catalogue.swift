import Foundation

/// The archive's catalogue and ledger: by default one SQLite database inside the archive
/// (`catalogue.sqlite`, WAL mode); for many workers, a PostgreSQL database (`--store`, issue #8).
///
/// Owned by one thread at a time: during a run, the pipeline's writer; otherwise the command.
/// Every change that records finished work is one transaction together with its ledger event.
public final class Catalogue {
    /// The underlying connection, for queries of reports and tests.
    public let connection: any SQLDatabase
    var ledger: Ledger
    /// The name recorded with each page and file this process finishes (`progress` shows each worker's share).
    public var worker = PageLeases.defaultWorkerName()
    /// Set when this process shares the backlog with other workers (a PostgreSQL store): it then records
    /// only pages it holds under a lease, and builds only files it has claimed. Nil: it works alone.
    public var lease: Duration?

    /// Opens or creates the SQLite catalogue at `path`.
    public convenience init(path: String, readOnly: Bool = false) throws {
        try self.init(database: SQLiteConnection(path: path, readOnly: readOnly), upgrading: !readOnly)
    }

    /// Opens the catalogue of the archive folder `archive` kept in `store`: its own SQLite file, or a
    /// shared PostgreSQL database (whose tables are created if missing; `readOnly` does not apply).
    public convenience init(store: StoreLocation, archive: URL, readOnly: Bool = false) throws {
        switch store {
        case .embedded:
            try self.init(path: ArchiveLayout.cataloguePath(in: archive), readOnly: readOnly)
        case let .postgreSQL(address):
            try self.init(database: PostgreSQLConnection(address), upgrading: true)
        }
    }

    /// Uses an open connection; `upgrading` brings its tables up to this version first.
    public init(database: any SQLDatabase, upgrading: Bool) throws {
        connection = database
        ledger = Ledger(connection: database, runID: nil)
        if upgrading {
            try CatalogueSchema.upgrade(database)
        }
    }

    /// The SQLite connection when the catalogue is embedded (search's FTS5 index lives only there).
    public var sqlite: SQLiteConnection? { connection as? SQLiteConnection }
}

extension JSONEncoder {
    /// Sorted keys, so stored JSON is byte-stable from run to run.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
