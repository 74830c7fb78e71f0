import CSQLite
import Foundation

/// A value bound to or read from an SQL statement.
public enum SQLValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)

    public var int: Int? { if case let .integer(value) = self { return Int(value) }; if case let .real(value) = self { return Int(value) }; return nil }
    public var double: Double? { if case let .real(value) = self { return value }; if case let .integer(value) = self { return Double(value) }; return nil }
    public var string: String? { if case let .text(value) = self { return value }; return nil }
}

extension SQLValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral {
    public init(stringLiteral value: String) { self = .text(value) }
    public init(integerLiteral value: Int) { self = .integer(Int64(value)) }
    public init(nilLiteral: ()) { self = .null }
}

/// A problem with the catalogue database.
public struct CatalogueError: Error, CustomStringConvertible {
    public let message: String
    public let code: Int32
    public var description: String {
        if code == SQLITE_FULL { return "The disk holding the catalogue is full; free some space and run again — finished work is kept." }
        if code == SQLITE_BUSY || code == SQLITE_LOCKED { return "The catalogue is busy: another digitize command is using this archive." }
        if code == SQLITE_CORRUPT || code == SQLITE_NOTADB { return "The catalogue database is damaged (\(message)); restore it from a backup or rebuild it." }
        return "Catalogue error: \(message)"
    }
}

/// One SQLite connection; owns the `sqlite3*` handle and closes it when dropped.
///
/// Confined to one thread: the pipeline's single catalogue writer, or the command that opened it.
public final class SQLiteConnection: SQLDatabase {
    private let handle: OpaquePointer
    private var statements: [String: OpaquePointer] = [:]
    /// FTS5 auxiliary functions already registered here: FTS5 keeps every registration until the
    /// connection closes, so each name is registered once.
    /// The FTS5 functions registered on this connection, with the object each was given (`registerFTS5Function`).
    private var fts5Functions: [String: AnyObject] = [:]

    /// SQLite's "copy this string now" destructor, which Swift cannot import as a macro.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// Opens (creating if needed) the database at `path`, in WAL mode with full durability.
    public init(path: String, readOnly: Bool = false) throws {
        var pointer: OpaquePointer?
        let flags = readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)
        let status = sqlite3_open_v2(path, &pointer, flags | SQLITE_OPEN_NOMUTEX, nil)
        guard status == SQLITE_OK, let pointer else {
            let message = pointer.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)"
            if let pointer { sqlite3_close_v2(pointer) }
            throw CatalogueError(message: "\(message) (\(path))", code: status)
        }
        handle = pointer
        sqlite3_busy_timeout(handle, 10_000)
        sqlite3_extended_result_codes(handle, 0)
        if !readOnly {
            try execute("PRAGMA journal_mode=WAL")
            try execute("PRAGMA synchronous=FULL")
        }
        try execute("PRAGMA foreign_keys=ON")
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        sqlite3_close_v2(handle)
    }

    /// Runs one or more statements without parameters or results.
    public func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let status = sqlite3_exec(handle, sql, nil, nil, &message)
        if status != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? "error \(status)"
            sqlite3_free(message)
            throw CatalogueError(message: text, code: status)
        }
    }

    /// Runs a parameterised statement and returns its rows.
    @discardableResult
    public func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [[SQLValue]] {
        let statement = try prepared(sql)
        defer { sqlite3_reset(statement); sqlite3_clear_bindings(statement) }
        // Too few values would bind NULL to the rest without a word from SQLite.
        let expected = Int(sqlite3_bind_parameter_count(statement))
        guard expected == parameters.count else {
            throw CatalogueError(message: "a statement expects \(expected) value(s) but was given \(parameters.count): \(sql.prefix(80))",
                                 code: SQLITE_RANGE)
        }
        for (index, value) in parameters.enumerated() {
            let position = Int32(index + 1)
            let status: Int32
            switch value {
            case .null: status = sqlite3_bind_null(statement, position)
            case let .integer(number): status = sqlite3_bind_int64(statement, position, number)
            case let .real(number): status = sqlite3_bind_double(statement, position, number)
            case let .text(text): status = sqlite3_bind_text(statement, position, text, -1, Self.transient)
            }
            guard status == SQLITE_OK else { throw error(status) }
        }
        var rows: [[SQLValue]] = []
        while true {
            let status = sqlite3_step(statement)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else { throw error(status) }
            let columns = sqlite3_column_count(statement)
            var row: [SQLValue] = []
            row.reserveCapacity(Int(columns))
            for column in 0..<columns {
                switch sqlite3_column_type(statement, column) {
                case SQLITE_INTEGER: row.append(.integer(sqlite3_column_int64(statement, column)))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, column)))
                case SQLITE_NULL: row.append(.null)
                default:
                    if let text = sqlite3_column_text(statement, column) {
                        row.append(.text(String(cString: text)))
                    } else { row.append(.null) }
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// The rowid of the last insert.
    public var lastInsertedRow: Int { Int(sqlite3_last_insert_rowid(handle)) }

    /// Opens a write transaction; see `SQLDatabase.transaction`.
    public var beginTransaction: String { "BEGIN IMMEDIATE" }

    /// SQLite; see `SQLDatabase.dialect`.
    public var dialect: SQLDialect { .sqlite }

    /// SQLite's positional parameter; see `SQLDatabase.placeholder`.
    public func placeholder(_ position: Int) -> String { "?" }

    /// Registers `function` as an FTS5 auxiliary function named `name` (usable as `name(pages_fts)`
    /// in a MATCH query), once per connection; it lives as long as the connection. `context` is made
    /// on the first registration only: the object the function reaches through `xUserData`, kept
    /// alive until SQLite drops the function. Returns the context of the registration in force.
    ///
    /// FTS5 hands out its registration table only through SQL: `SELECT fts5(?1)` with a pointer
    /// bound under the type "fts5_api_ptr". Throws when this SQLite has no FTS5.
    @discardableResult
    func registerFTS5Function(named name: String, context: () -> AnyObject = { FTS5NoContext() },
                              _ function: fts5_extension_function) throws -> AnyObject {
        if let registered = fts5Functions[name] { return registered }
        var statement: OpaquePointer?
        var status = sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status) }
        defer { sqlite3_finalize(statement) }
        var api: UnsafeMutablePointer<fts5_api>?
        // SQLite compares the type string when the statement runs, so it must live until the step.
        status = "fts5_api_ptr".withCString { type in
            withUnsafeMutablePointer(to: &api) { slot in
                sqlite3_bind_pointer(statement, 1, UnsafeMutableRawPointer(slot), type, nil)
                return sqlite3_step(statement)
            }
        }
        guard status == SQLITE_ROW, let api, api.pointee.iVersion >= 2, let create = api.pointee.xCreateFunction else {
            throw CatalogueError(message: "this SQLite has no FTS5 extension API (\(status))", code: status == SQLITE_ROW ? SQLITE_ERROR : status)
        }
        let made = context()
        let retained = Unmanaged.passRetained(made)
        status = create(api, name, retained.toOpaque(), function, { pointer in
            if let pointer { Unmanaged<AnyObject>.fromOpaque(pointer).release() }
        })
        guard status == SQLITE_OK else {
            retained.release()  // FTS5 calls the destructor only for a function it registered
            throw CatalogueError(message: "cannot register the FTS5 function \(name)", code: status)
        }
        fts5Functions[name] = made
        return made
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        var statement: OpaquePointer?
        let status = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status) }
        statements[sql] = statement
        return statement
    }

    private func error(_ status: Int32) -> CatalogueError {
        CatalogueError(message: String(cString: sqlite3_errmsg(handle)), code: status)
    }
}

/// The context of an FTS5 function registered without one.
private final class FTS5NoContext {}
