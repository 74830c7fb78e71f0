import CPostgreSQL
import Foundation

/// One connection to a PostgreSQL store; owns the libpq `PGconn*` and closes it when dropped.
///
/// Confined to one thread, like `SQLiteConnection`: each worker opens its own. Statements are always
/// parameterised (`PQexecParams`), so no value read from a scan or an inventory can change the SQL.
/// A lost connection is reported, not silently re-opened: a transaction in flight is gone with it.
public final class PostgreSQLConnection: SQLDatabase {
    private let handle: OpaquePointer
    /// Where this connection goes; its `description` is masked, so it can go into any message.
    public let address: PostgreSQLAddress

    /// Connects, waiting at most 10 seconds unless the address sets `connect_timeout`.
    ///
    /// The address's own settings win over these defaults, except the client encoding, which is always
    /// UTF-8 because every string is read back as UTF-8.
    public init(_ address: PostgreSQLAddress) throws {
        let settings: [(keyword: String, value: String)] = [
            ("connect_timeout", "10"), ("fallback_application_name", "digitize"),
            ("dbname", address.connectionString), ("client_encoding", "UTF8"),
        ]
        let connection = withCStrings(settings.map(\.keyword) + [nil]) { keywords in
            withCStrings(settings.map(\.value) + [nil]) { values in
                PQconnectdbParams(keywords, values, 1)  // 1: `dbname` holds a whole connection string
            }
        }
        guard let connection else { throw PostgreSQLError.cannotConnect(address: address.masked, reason: "out of memory") }
        guard PQstatus(connection) == CONNECTION_OK else {
            let reason = address.scrubbed(PostgreSQLError.tidy(String(cString: PQerrorMessage(connection))))
            PQfinish(connection)
            throw PostgreSQLError.cannotConnect(address: address.masked, reason: reason)
        }
        // libpq prints server notices ("table … does not exist, skipping") on stderr; they are not for archivists.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        self.handle = connection
        self.address = address
    }

    deinit { PQfinish(handle) }

    /// Runs one or more statements without parameters or results (schema changes, `BEGIN`, `SET`).
    public func execute(_ sql: String) throws {
        guard let pointer = PQexec(handle, sql) else { throw failure(of: nil) }
        let result = PostgreSQLResult(pointer)
        guard result.isSuccess else { throw failure(of: result) }
    }

    /// Runs one statement with `$1`, `$2`, … (or SQLite's `?`, `?1`, see `numberingPlaceholders`) bound to
    /// `parameters` and returns its rows.
    ///
    /// Values travel separately from the SQL text, so quotes or semicolons in them are only data.
    @discardableResult
    public func query(_ sql: String, _ parameters: [SQLValue] = []) throws -> [[SQLValue]] {
        let sql = Self.numberingPlaceholders(sql)
        let texts = parameters.map(\.postgreSQLParameterText)
        if texts.contains(where: { $0?.contains("\u{0}") == true }) { throw PostgreSQLError.textContainsNUL }
        let types = parameters.map(\.postgreSQLParameterType)
        let pointer = withCStrings(texts) { values in
            PQexecParams(handle, sql, Int32(parameters.count), types, values, nil, nil, 0)  // 0: text format
        }
        guard let pointer else { throw failure(of: nil) }
        let result = PostgreSQLResult(pointer)
        guard result.isSuccess else { throw failure(of: result) }
        return result.rows
    }

    /// Opens a write transaction; see `SQLDatabase.transaction`.
    public var beginTransaction: String { "BEGIN" }

    /// PostgreSQL; see `SQLDatabase.dialect`.
    public var dialect: SQLDialect { .postgreSQL }

    /// PostgreSQL's numbered parameter; see `SQLDatabase.placeholder`.
    public func placeholder(_ position: Int) -> String { "$\(position)" }

    /// The statement with SQLite's parameters written as PostgreSQL's: each bare `?` becomes the next
    /// `$n`, and `?7` becomes `$7`, so one SQL text serves both stores. Question marks inside quoted
    /// strings, quoted names and comments are left alone; the catalogue's SQL uses no operator spelled `?`.
    static func numberingPlaceholders(_ sql: String) -> String {
        guard sql.contains("?") else { return sql }
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var next = 1
        var quote: Character? = nil
        var inComment = false
        var characters = sql.makeIterator()
        var pending: Character? = characters.next()
        while let character = pending {
            pending = characters.next()
            if inComment {
                result.append(character)
                if character == "\n" { inComment = false }
            } else if let open = quote {
                result.append(character)
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
                result.append(character)
            } else if character == "-" && pending == "-" {
                inComment = true
                result.append(character)
            } else if character == "?" {
                var digits = ""
                while let digit = pending, digit.isASCII, digit.isNumber {
                    digits.append(digit)
                    pending = characters.next()
                }
                if digits.isEmpty {
                    result += "$\(next)"
                    next += 1
                } else {
                    result += "$" + digits
                    next = max(next, (Int(digits) ?? 0) + 1)
                }
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The error for a failed call: a lost connection, else the server's refusal, with the password scrubbed.
    private func failure(of result: PostgreSQLResult?) -> PostgreSQLError {
        let connectionMessage = address.scrubbed(PostgreSQLError.tidy(String(cString: PQerrorMessage(handle))))
        if PQstatus(handle) != CONNECTION_OK {
            return .connectionLost(address: address.masked, reason: connectionMessage)
        }
        guard let result else { return .statementFailed(sqlState: "", message: connectionMessage) }
        return .statementFailed(sqlState: result.sqlState, message: address.scrubbed(PostgreSQLError.tidy(result.errorMessage)))
    }
}

/// Calls `body` with C strings for `strings` (nil stays a null pointer), all kept in one buffer that lives
/// exactly as long as the call: libpq copies what it needs before returning.
private func withCStrings<Result>(_ strings: [String?], _ body: ([UnsafePointer<CChar>?]) -> Result) -> Result {
    var storage: [CChar] = []
    var offsets: [Int?] = []
    for string in strings {
        guard let string else { offsets.append(nil); continue }
        offsets.append(storage.count)
        storage.append(contentsOf: string.utf8CString)
    }
    return storage.withUnsafeBufferPointer { buffer in
        body(offsets.map { offset in offset.flatMap { offset in buffer.baseAddress.map { UnsafePointer($0 + offset) } } })
    }
}
