import CPostgreSQL

/// One libpq result; owns the `PGresult*` and clears it when dropped, so no path leaks one.
///
/// Lives only inside `PostgreSQLConnection.query`, on that connection's thread.
final class PostgreSQLResult {
    let handle: OpaquePointer

    init(_ handle: OpaquePointer) { self.handle = handle }

    deinit { PQclear(handle) }

    /// Whether the statement ran (with or without rows).
    var isSuccess: Bool {
        let status = PQresultStatus(handle)
        return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK
    }

    /// The server's five-character error code (`23505`, `53100`, …), empty when libpq made the error itself.
    var sqlState: String {
        PQresultErrorField(handle, digitize_pq_diag_sqlstate()).map { String(cString: $0) } ?? ""
    }

    /// The server's one-line error message, else libpq's full one.
    var errorMessage: String {
        if let primary = PQresultErrorField(handle, digitize_pq_diag_message()) { return String(cString: primary) }
        return String(cString: PQresultErrorMessage(handle))
    }

    /// The rows, each value mapped from its column type to `SQLValue` (see `SQLValue.init(postgreSQLText:type:)`).
    var rows: [[SQLValue]] {
        let rowCount = PQntuples(handle)
        let columnCount = PQnfields(handle)
        let types = (0..<columnCount).map { PQftype(handle, $0) }
        return (0..<rowCount).map { row in
            (0..<columnCount).map { column in
                guard PQgetisnull(handle, row, column) == 0, let text = PQgetvalue(handle, row, column) else { return .null }
                return SQLValue(postgreSQLText: String(cString: text), type: types[Int(column)])
            }
        }
    }
}

extension SQLValue {
    /// Type OIDs from PostgreSQL's `pg_type` catalogue: fixed since the first releases, part of its wire protocol.
    enum PostgreSQLType {
        static let boolean: Oid = 16, bytea: Oid = 17, int8: Oid = 20, int2: Oid = 21, int4: Oid = 23
        static let float4: Oid = 700, float8: Oid = 701, numeric: Oid = 1700
    }

    /// Reads a value in PostgreSQL's text format: integers as `.integer`, floating and numeric as `.real`,
    /// booleans as `.integer` 1 or 0 (as SQLite stores them, so both stores give the same values), and
    /// everything else (text, dates, `bytea` in its `\x…` hex form, …) as `.text`.
    init(postgreSQLText text: String, type: Oid) {
        switch type {
        case PostgreSQLType.int2, PostgreSQLType.int4, PostgreSQLType.int8:
            self = Int64(text).map(SQLValue.integer) ?? .text(text)
        case PostgreSQLType.float4, PostgreSQLType.float8, PostgreSQLType.numeric:
            self = Double(text).map(SQLValue.real) ?? .text(text)
        case PostgreSQLType.boolean:
            self = .integer(text == "t" ? 1 : 0)
        default:
            self = .text(text)
        }
    }

    /// The parameter type to declare for this value: integers and reals are typed so the server never has to
    /// guess (`SELECT $1` returns a number); text and NULL are left for the server to infer from the column.
    var postgreSQLParameterType: Oid {
        switch self {
        case .integer: PostgreSQLType.int8
        case .real: PostgreSQLType.float8
        case .text, .null: 0
        }
    }

    /// The value in PostgreSQL's text format, or nil for NULL. Swift's shortest round-trip `Double` text
    /// (`0.1`, `1e-300`, `inf`, `nan`) is what `float8` reads back to the same bits.
    var postgreSQLParameterText: String? {
        switch self {
        case .null: nil
        case let .integer(number): String(number)
        case let .real(number): "\(number)"
        case let .text(text): text
        }
    }
}
