import Foundation

/// What a reading-room account may do.
public enum AccountRole: String, Sendable, CaseIterable, Comparable {
    /// Searches and reads (độc giả).
    case reader
    /// Also corrects metadata and document boundaries (người kiểm tra).
    case reviewer
    /// Also sees every security level and manages accounts (quản trị).
    case administrator

    private var rank: Int { AccountRole.allCases.firstIndex(of: self) ?? 0 }
    public static func < (lhs: AccountRole, rhs: AccountRole) -> Bool { lhs.rank < rhs.rank }
}

/// The security marks of Party and state documents (độ mật), in rising order, and the clearance an
/// administrator grants a reader: a document is shown only to someone cleared for its mark.
public enum SecurityLevel: Int, Sendable, CaseIterable, Comparable {
    case unmarked = 0
    case confidential = 1   // MẬT
    case secret = 2         // TỐI MẬT
    case topSecret = 3      // TUYỆT MẬT

    /// The mark as printed on the document ("" for none).
    public var mark: String {
        switch self {
        case .unmarked: ""
        case .confidential: "MẬT"
        case .secret: "TỐI MẬT"
        case .topSecret: "TUYỆT MẬT"
        }
    }

    /// The level of a recorded mark; any mark not recognised counts as the highest, so a misread
    /// mark hides a document rather than shows it.
    public init(mark: String) {
        let trimmed = mark.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { self = .unmarked; return }
        self = SecurityLevel.allCases.first { $0.mark == trimmed.uppercased() } ?? .topSecret
    }

    /// Parses a clearance as typed: `none`, `mat`, `toi-mat`, `tuyet-mat` (or the marks themselves).
    public init?(clearance text: String) {
        let key = SearchQuery.key(text).replacingOccurrences(of: " ", with: "-")
        switch key {
        case "none", "0", "": self = .unmarked
        case "mat", "1": self = .confidential
        case "toi-mat", "2": self = .secret
        case "tuyet-mat", "3": self = .topSecret
        default: return nil
        }
    }

    public static func < (lhs: SecurityLevel, rhs: SecurityLevel) -> Bool { lhs.rawValue < rhs.rawValue }

    /// The marks above this level: documents bearing them are hidden from someone with this clearance.
    public var hiddenMarks: [String] {
        SecurityLevel.allCases.filter { $0 > self }.map(\.mark)
    }
}

/// A reading-room account as the catalogue keeps it (`users`); the password only as its hash.
public struct Account: Sendable, Equatable {
    public var name: String
    public var role: AccountRole
    /// The highest security mark this account may read; administrators read every level.
    public var clearance: SecurityLevel

    public init(name: String, role: AccountRole, clearance: SecurityLevel) {
        self.name = name
        self.role = role
        self.clearance = role == .administrator ? .topSecret : clearance
    }

    /// Whether this account may read a document marked `level`.
    public func mayRead(_ level: SecurityLevel) -> Bool { level <= clearance }
}
