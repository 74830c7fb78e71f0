import Foundation

/// What one `digitize verify` found: counts of what was checked and every problem.
public struct VerificationReport: Sendable {
    /// The archive folder.
    public var archive: String
    /// Where the catalogue is: `sqlite`, or the PostgreSQL address with its password as `***`.
    public var store = StoreLocation.embedded.masked
    /// When the check started (ledger timestamp format).
    public var startedAt: String
    /// Wall-clock seconds the check took.
    public var seconds = 0.0
    /// Whether the catalogue was opened read-write to record the fixity event: with the embedded catalogue,
    /// when the archive lock was held, so nothing could change meanwhile; always with a shared store.
    public var isReadWrite = false
    /// On a shared store, when workers were at work during the check (see `ArchiveVerifier`).
    public var activityNote: String?
    /// Output PDFs whose checksum was recomputed, and their bytes.
    public var documentsChecked = 0
    public var documentBytes: Int64 = 0
    /// Source scans whose checksum was recomputed (only with `--sources`), and their bytes.
    public var sourcesChecked = 0
    public var sourceBytes: Int64 = 0
    /// Whether source scans were checked at all.
    public var checksSources = false
    /// Scans not re-hashed because ingest had already recorded them as unreadable.
    public var sourcesSkipped = 0
    /// Catalogue rows compared with their ledger events (pages, documents, files, sources).
    public var rowsCrossChecked = 0
    /// Ledger events whose hash was recomputed.
    public var eventsChecked = 0
    /// The last event of the chain before this check: id and hash. An auditor can note it elsewhere;
    /// a later chain that does not contain it was rewritten.
    public var ledgerHeadID: Int?
    public var ledgerHeadHash: String?
    /// Every problem, in the order found: files, then ledger, then catalogue rows.
    public var problems: [VerificationProblem] = []
    /// The id of the fixity-check event this run appended, if it could.
    public var fixityEventID: Int?
    /// Why the fixity event was not recorded, when it was not.
    public var fixityNote: String?

    public init(archive: String, startedAt: String) {
        self.archive = archive
        self.startedAt = startedAt
    }

    /// No problem of any kind.
    public var isClean: Bool { problems.isEmpty }

    /// Problems by kind, every kind present (zero when none).
    public var counts: [(VerificationProblem.Kind, Int)] {
        VerificationProblem.Kind.allCases.map { kind in (kind, problems.filter { $0.kind == kind }.count) }
    }

    /// Whether the ledger's hash chain held.
    public var isChainIntact: Bool { !problems.contains { $0.kind == .chainBroken } }
}
