/// One thing `verify` found wrong, with where it is and what was expected.
public struct VerificationProblem: Sendable, Equatable {
    /// The kinds of problem, named as the report prints them.
    public enum Kind: String, Sendable, CaseIterable {
        /// A file's SHA-256 (or size) differs from the one the catalogue recorded.
        case mismatch = "MISMATCH"
        /// A file the catalogue records is not on disk.
        case missing = "MISSING"
        /// A file under `documents/` that no catalogue row records (including `.partial-*` leftovers).
        case unexpected = "UNEXPECTED"
        /// A recorded file that is there but cannot be read (permissions, a folder in its place, I/O error).
        case unreadable = "UNREADABLE"
        /// A ledger event whose hash does not follow from its fields and the previous event's hash.
        case chainBroken = "CHAIN-BROKEN"
        /// A catalogue row that disagrees with the ledger event that recorded it (edited outside digitize).
        case rowAltered = "ROW-ALTERED"
    }

    public var kind: Kind
    /// The file (relative to the archive for archive files, absolute for scans) or row (`events #12`, `pages #7`).
    public var location: String
    /// A sentence for the auditor: what is wrong and what it means.
    public var detail: String
    /// What the catalogue or ledger says, when there is a value to compare.
    public var expected: String?
    /// What was found.
    public var found: String?

    public init(kind: Kind, location: String, detail: String, expected: String? = nil, found: String? = nil) {
        self.kind = kind
        self.location = location
        self.detail = detail
        self.expected = expected
        self.found = found
    }
}
