import Foundation

/// Why an account cannot be added, removed or used.
public enum AccountError: Error, CustomStringConvertible, Equatable {
    case exists(String)
    case unknown(String)
    case badName(String)
    case weakPassword

    public var description: String {
        switch self {
        case let .exists(name): "There is already an account named “\(name)”; remove it first to change it."
        case let .unknown(name): "There is no account named “\(name)”."
        case let .badName(name): "“\(name)” cannot be an account name: use letters, digits, dots, hyphens or underscores (at most 64)."
        case .weakPassword: "The password is too short: give at least 10 characters."
        }
    }
}

extension Catalogue {
    /// Adds an account; its password is kept only as a PBKDF2 hash (`PasswordHash`). Recorded in the ledger.
    public func addAccount(_ account: Account, password: String) throws {
        guard account.name.range(of: #"^[A-Za-z0-9._-]{1,64}$"#, options: .regularExpression) != nil else {
            throw AccountError.badName(account.name)
        }
        guard password.count >= 10 else { throw AccountError.weakPassword }
        let hash = try PasswordHash.make(password)
        try connection.transaction {
            guard try connection.query("SELECT 1 FROM users WHERE name = ?", [.text(account.name)]).isEmpty else {
                throw AccountError.exists(account.name)
            }
            try connection.query("INSERT INTO users(name, role, clearance, password_hash, created_at) VALUES (?,?,?,?,?)",
                                 [.text(account.name), .text(account.role.rawValue), .integer(Int64(account.clearance.rawValue)),
                                  .text(hash), .text(Timestamp.string(Date()))])
            try ledger.record("account-added", subject: account.name,
                              detail: "role \(account.role.rawValue), clearance \(account.clearance.mark.isEmpty ? "none" : account.clearance.mark)")
        }
    }

    /// Removes an account. Recorded in the ledger.
    public func removeAccount(named name: String) throws {
        try connection.transaction {
            guard try !connection.query("DELETE FROM users WHERE name = ? RETURNING name", [.text(name)]).isEmpty else {
                throw AccountError.unknown(name)
            }
            try ledger.record("account-removed", subject: name)
        }
    }

    /// Every account, by name.
    public func accounts() throws -> [Account] {
        try connection.query("SELECT name, role, clearance FROM users ORDER BY name COLLATE \"binary\"").compactMap(Self.account)
    }

    /// The account `name` if `password` is its password; nil otherwise (whichever was wrong).
    public func authenticate(name: String, password: String) throws -> Account? {
        guard let row = try connection.query("SELECT name, role, clearance, password_hash FROM users WHERE name = ?", [.text(name)]).first,
              let hash = row[3].string else {
            _ = PasswordHash.matches(password, stored: Self.decoyHash)  // as slow as a real check: names are not probed by timing
            return nil
        }
        return PasswordHash.matches(password, stored: hash) ? Self.account(row) : nil
    }

    private static func account(_ row: [SQLValue]) -> Account? {
        guard let name = row[0].string, let role = row[1].string.flatMap(AccountRole.init(rawValue:)) else { return nil }
        return Account(name: name, role: role, clearance: SecurityLevel(rawValue: row[2].int ?? 0) ?? .unmarked)
    }

    private static let decoyHash = "pbkdf2-sha256$\(PasswordHash.iterations)$00000000000000000000000000000000$"
        + String(repeating: "0", count: 64)
}
