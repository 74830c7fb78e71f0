import Foundation

/// The auditor's check (`digitize verify`): is everything the catalogue says the archive holds
/// really there, unchanged, and is the catalogue itself as digitize left it?
///
/// In order:
/// 1. In one read snapshot of the catalogue: the ledger's hash chain (`CHAIN-BROKEN`) and every
///    catalogue row against the ledger event that recorded it (`ROW-ALTERED`).
/// 2. Every output PDF's SHA-256 against the catalogue (`MISMATCH`, `MISSING`, `UNREADABLE`), and
///    every file under `documents/` that no row records (`UNEXPECTED`).
/// 3. With `checksSources`, every present source scan the same way.
/// 4. A `fixity-check` event appended to the ledger (see `FixityEvent`).
///
/// With the embedded catalogue the check takes the archive lock when it can, so no run changes the
/// archive meanwhile, and opens the catalogue read-write to record its event. When a `digitize run`
/// holds the lock, it still checks, read-only, and the report says the event was not recorded.
///
/// A shared PostgreSQL store is not guarded by the folder's lock: its workers on other machines
/// never see it, and taking it would only stop a worker on this one. There the catalogue and ledger
/// are checked in one snapshot of the database, the event is always recorded (the ledger serialises
/// appends itself), and the report says how many workers held pages meanwhile, since the PDFs they
/// were writing can show as UNEXPECTED.
/// Memory stays flat: rows are read in batches and joins with the ledger run inside the database.
public struct ArchiveVerifier {
    /// The archive to check.
    public let archive: ExistingArchive
    /// Whether to re-hash the source scans too (slow: they are the largest files).
    public var checksSources: Bool
    /// Called with a short line before each long step (for a progress display); may be nil.
    public var onStep: ((String) -> Void)?

    public init(archive: ExistingArchive, checksSources: Bool = false, onStep: ((String) -> Void)? = nil) {
        self.archive = archive
        self.checksSources = checksSources
        self.onStep = onStep
    }

    /// Runs the whole check. Throws only when the catalogue cannot be read at all.
    public func verify() throws -> VerificationReport {
        let started = Date()
        var report = VerificationReport(archive: archive.folder.path, startedAt: Timestamp.string(started))
        report.store = archive.store.masked
        report.checksSources = checksSources
        var lock: ArchiveLock? = nil
        if archive.store == .embedded {
            do {
                lock = try ArchiveLock(archive: archive.folder)
            } catch let error as ArchiveBusyError {
                report.fixityNote = "Verified read-only; the fixity-check event was not recorded: \(error) "
                    + "While a run writes, its half-written PDFs show as UNEXPECTED; verify again when it has finished."
            } catch {
                report.fixityNote = "Verified read-only; the fixity-check event was not recorded: \(error)"
            }
        }
        let recordsEvent = lock != nil || archive.store != .embedded
        let catalogue = try archive.openCatalogue(readOnly: !recordsEvent)
        report.isReadWrite = recordsEvent
        let connection = catalogue.connection
        if connection.dialect == .postgreSQL { report.activityNote = try Self.workersActive(connection) }

        onStep?("Checking the ledger's hash chain and the catalogue against it…")
        let crossCheck = CatalogueLedgerCrossCheck(connection: connection)
        try crossCheck.prepare()
        // One snapshot for both checks, even while workers of a shared store keep recording.
        try connection.execute(connection.dialect == .postgreSQL ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN")
        do {
            try LedgerChainCheck(connection: connection).run(into: &report)
            try crossCheck.run(into: &report)
            try connection.execute("COMMIT")
        } catch {
            try? connection.execute("ROLLBACK")
            throw error
        }

        onStep?("Recomputing the checksums of the searchable PDFs…")
        try checkDocuments(connection, into: &report)
        try findUnexpectedFiles(connection, into: &report)
        if checksSources {
            onStep?("Recomputing the checksums of the source scans…")
            try checkSources(connection, into: &report)
        }
        let order = Dictionary(uniqueKeysWithValues: VerificationProblem.Kind.allCases.enumerated().map { ($1, $0) })
        report.problems = report.problems.enumerated()
            .sorted { (order[$0.element.kind] ?? 0, $0.offset) < (order[$1.element.kind] ?? 0, $1.offset) }
            .map(\.element)
        report.seconds = Date().timeIntervalSince(started)
        if recordsEvent { FixityEvent.record(&report, in: catalogue) }
        withExtendedLifetime(lock) {}
        return report
    }

    /// On a shared store: a note when workers hold pages or files under a live lease, else nil.
    private static func workersActive(_ connection: any SQLDatabase) throws -> String? {
        let workers = try connection.integer("""
            SELECT count(DISTINCT worker) FROM (
                SELECT worker FROM pages WHERE state = 'pending' AND lease_until > now()
                UNION ALL SELECT worker FROM files WHERE lease_until > now()) AS holding
            """) ?? 0
        guard workers > 0 else { return nil }
        return "\(workers) worker(s) held pages or files under a lease while this check ran: the catalogue was checked "
            + "in one snapshot, but PDFs they were writing can show as UNEXPECTED; verify again when they have finished."
    }

    private func checkDocuments(_ connection: any SQLDatabase, into report: inout VerificationReport) throws {
        var lastID = 0
        while true {
            let rows = try connection.query(
                "SELECT id, pdf_path, pdf_sha256, pdf_size FROM documents WHERE id > ? ORDER BY id LIMIT 500",
                [.integer(Int64(lastID))])
            if rows.isEmpty { break }
            for row in rows {
                lastID = row[0].int ?? lastID
                let relative = row[1].string ?? ""
                let outcome = FileFixity.check(path: archive.resolve(relative).path, location: relative,
                                               expectedSHA256: row[2].string ?? "", expectedSize: row[3].int.map(Int64.init))
                report.documentsChecked += 1
                report.documentBytes += outcome.bytes
                if let problem = outcome.problem { report.problems.append(problem) }
            }
        }
    }

    /// Lists every non-folder entry under `documents/` into a temporary table and reports those no
    /// document row records.
    private func findUnexpectedFiles(_ connection: any SQLDatabase, into report: inout VerificationReport) throws {
        try connection.createTemporaryTable("verify_on_disk", columns: "path TEXT PRIMARY KEY")
        let onDisk = connection.temporaryTable("verify_on_disk")
        let root = archive.documentsFolder.path
        if let walker = FileManager.default.enumerator(atPath: root) {
            var batch: [String] = []
            func flush() throws {
                guard !batch.isEmpty else { return }
                try connection.execute("BEGIN")
                do {
                    for path in batch {
                        try connection.query("INSERT INTO \(onDisk)(path) VALUES (?) ON CONFLICT DO NOTHING", [.text(path)])
                    }
                    try connection.execute("COMMIT")
                } catch {
                    try? connection.execute("ROLLBACK")
                    throw error
                }
                batch.removeAll(keepingCapacity: true)
            }
            while let relative = walker.nextObject() as? String {
                var info = stat()
                guard lstat(root + "/" + relative, &info) == 0, info.st_mode & S_IFMT != S_IFDIR else { continue }
                batch.append(ArchiveLayout.documentsFolderName + "/" + relative)
                if batch.count >= 1_000 { try flush() }
            }
            try flush()
        }
        let strays = try connection.query("""
            SELECT path FROM \(onDisk)
            WHERE path NOT IN (SELECT pdf_path FROM documents WHERE pdf_path IS NOT NULL) ORDER BY path COLLATE "binary"
            """)
        for row in strays {
            guard let path = row[0].string else { continue }
            let name = (path as NSString).lastPathComponent
            let detail = name.hasPrefix(DurableFile.temporaryPrefix)
                ? "A half-written file left by an interrupted run; the next `digitize run` removes it."
                : "No catalogue row records this file: it was added by hand, or is left over from an earlier build."
            let outcome = (try? SHA256Digest.hex(ofFileAt: archive.resolve(path).path))
            report.problems.append(VerificationProblem(kind: .unexpected, location: path, detail: detail, found: outcome))
        }
        try connection.execute("DROP TABLE IF EXISTS \(onDisk)")
    }

    private func checkSources(_ connection: any SQLDatabase, into report: inout VerificationReport) throws {
        var lastID = 0
        while true {
            let rows = try connection.query("""
                SELECT id, path, sha256, size, error FROM sources WHERE state = 'present' AND id > ? ORDER BY id LIMIT 500
                """, [.integer(Int64(lastID))])
            if rows.isEmpty { break }
            for row in rows {
                lastID = row[0].int ?? lastID
                if row[4].string != nil {
                    report.sourcesSkipped += 1  // ingest already recorded this scan as unreadable
                    continue
                }
                let path = row[1].string ?? ""
                let outcome = FileFixity.check(path: path, location: path, expectedSHA256: row[2].string ?? "",
                                               expectedSize: row[3].int.map(Int64.init))
                report.sourcesChecked += 1
                report.sourceBytes += outcome.bytes
                if let problem = outcome.problem { report.problems.append(problem) }
            }
        }
    }
}
