import Foundation

/// Where the catalogue and ledger live: the value of the `--store` option every verb will take (issue #8).
///
/// SQLite inside the archive stays the default, so a user who never asks for more sees no change;
/// PostgreSQL is for many workers on many machines sharing one backlog.
public enum StoreLocation: Sendable, Equatable, CustomStringConvertible {
    /// The SQLite catalogue inside the archive folder (`catalogue.sqlite`): one machine, nothing to set up.
    case embedded
    /// A PostgreSQL database shared by every worker.
    case postgreSQL(PostgreSQLAddress)

    /// Reads a `--store` value: absent, empty or `sqlite` is the embedded catalogue; a `postgresql://` or
    /// `postgres://` URL, or libpq's `key=value` form, is PostgreSQL. Anything else is refused with a
    /// message that shows what to type, and never the password it may contain.
    public init(parsing value: String?) throws {
        let trimmed = (value ?? "").trimmingCharacters(in: .whitespaces)
        let lowercased = trimmed.lowercased()
        if trimmed.isEmpty || lowercased == "sqlite" {
            self = .embedded
        } else if lowercased.hasPrefix("postgresql://") || lowercased.hasPrefix("postgres://")
                    || trimmed.firstMatch(of: /^[A-Za-z_]+\s*=/) != nil {
            self = .postgreSQL(try PostgreSQLAddress(trimmed))
        } else {
            throw StoreLocationError.unrecognised(masked: PostgreSQLAddress.masking(trimmed))
        }
    }

    /// What every log, error and progress line prints: `sqlite`, or the PostgreSQL address with its password as `***`.
    public var masked: String {
        switch self {
        case .embedded: "sqlite"
        case let .postgreSQL(address): address.masked
        }
    }

    public var description: String { masked }
}

/// A `--store` value that names no store digitize knows.
public enum StoreLocationError: Error, Equatable, CustomStringConvertible {
    case unrecognised(masked: String)

    public var description: String {
        switch self {
        case let .unrecognised(masked):
            "“\(masked)” is not a store digitize knows. Give --store sqlite (the default: the catalogue inside the archive) "
                + "or --store postgresql://user@host:5432/database for a PostgreSQL database shared by many machines."
        }
    }
}
