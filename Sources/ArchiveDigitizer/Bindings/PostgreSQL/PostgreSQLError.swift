import Foundation

/// A problem with a PostgreSQL store. Every address in it is already masked and every message from
/// libpq or the server has had the password scrubbed, so printing it is always safe.
public enum PostgreSQLError: Error, Equatable, CustomStringConvertible {
    /// The `--store` value is not a connection string libpq can read.
    case invalidAddress(address: String, reason: String)
    /// The server could not be reached, or refused the user, password or database.
    case cannotConnect(address: String, reason: String)
    /// The connection broke during a statement (server restarted, network gone).
    case connectionLost(address: String, reason: String)
    /// The server refused a statement; `sqlState` is PostgreSQL's five-character error code.
    case statementFailed(sqlState: String, message: String)
    /// PostgreSQL's text type cannot hold the NUL character.
    case textContainsNUL

    public var description: String {
        switch self {
        case let .invalidAddress(address, reason):
            "The PostgreSQL store address “\(address)” cannot be used: \(reason). Write it as "
                + "postgresql://user@host:5432/database (keep the password in ~/.pgpass rather than in the address)."
        case let .cannotConnect(address, reason):
            "Cannot connect to the PostgreSQL store at \(address): \(reason). Check that the server is running and "
                + "reachable from this machine, and the user name, password (or ~/.pgpass) and database name."
        case let .connectionLost(address, reason):
            "The connection to the PostgreSQL store at \(address) was lost (\(reason)). Finished work is kept; "
                + "run the command again when the server is back."
        case let .statementFailed(sqlState, message):
            switch sqlState {
            case "53100":
                "The PostgreSQL server's disk is full (\(message)); ask its administrator to free space, then run again — finished work is kept."
            case "40001", "40P01":
                "Another worker changed the same rows at the same moment (\(message)); run again — finished work is kept."
            case "42501":
                "The PostgreSQL user may not do this: \(message). Ask the database administrator for rights on the catalogue's tables."
            default:
                "The PostgreSQL store refused a statement: \(message) (SQLSTATE \(sqlState))."
            }
        case .textContainsNUL:
            "A text value contains a NUL character, which PostgreSQL cannot store."
        }
    }

    /// libpq's multi-line messages ("connection to server … failed: FATAL:  password authentication failed …")
    /// on one line, without the trailing newline and doubled spaces.
    static func tidy(_ message: String) -> String {
        message.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ":  ", with: ": ") }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }
}
