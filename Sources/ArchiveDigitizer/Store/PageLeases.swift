import Foundation

/// Which worker is reading which page, and which worker builds which file's PDFs, when many workers
/// on many machines share one backlog through a PostgreSQL store (issue #8).
///
/// A worker claims pages under a lease and renews it while it works (`renew`, from a heartbeat
/// thread). A worker that dies simply stops renewing: once its lease has run out its pages go to
/// whoever claims next, so no page is OCR'd twice while a lease is alive. Only the worker holding a
/// page can record it done (`Catalogue.record` checks), so no result is recorded twice; a file's
/// PDFs are built by the one worker that claims the file once its last page is in. Lease times come
/// from the server's clock, never the workers', so machines whose clocks disagree still agree.
///
/// The leases are two columns of the catalogue's own tables, `worker` and `lease_until` on `pages`
/// and `files`, so a page's state and its holder change in one statement and cannot disagree.
/// Confined to the thread of its connection; each thread of a worker opens its own.
public struct PageLeases {
    private let connection: any SQLDatabase
    /// This worker's name, as `progress` shows it.
    public let worker: String
    /// How long a claim lasts without renewal.
    public let lease: Duration

    public init(on connection: any SQLDatabase, worker: String, lease: Duration) {
        self.connection = connection
        self.worker = worker
        self.lease = lease
    }

    /// Claims up to `limit` pages still to OCR, in file and page order: pages nobody holds, and pages
    /// whose holder's lease has run out (its worker is taken to be dead). Returns their ids.
    ///
    /// `SKIP LOCKED` lets concurrent claimers pass over each other's rows instead of waiting, so
    /// workers never block one another and never get the same page.
    ///
    /// First, every page whose holder's lease ran out is counted: that worker died or lost its machine
    /// with the page in hand, so the try counts as an attempt (`pages.attempts`). A page reaching
    /// `Catalogue.quarantineAttempts` so is quarantined instead of handed to the next worker, so a
    /// page that crashes whatever reads it cannot take every worker of the batch down in turn.
    public func claim(limit: Int) throws -> [Int] {
        precondition(limit > 0, "a claim asks for at least one page")
        try countAbandonedPages()
        return try connection.query("""
            UPDATE pages SET worker = ?, lease_until = now() + ? * interval '1 second'
             WHERE id IN (SELECT id FROM pages
                           WHERE state = 'pending' AND (worker IS NULL OR lease_until IS NULL OR lease_until < now())
                           ORDER BY file_id, page_number LIMIT ? FOR UPDATE SKIP LOCKED)
            RETURNING id
            """, [.text(worker), .real(seconds), .integer(Int64(limit))]).compactMap { $0.first?.int }.sorted()
    }

    /// Counts one attempt on each page left by a dead holder, quarantines those with enough, and frees
    /// the others for `claim`; each abandoned claim is counted once, as it is freed.
    private func countAbandonedPages() throws {
        let limit = Catalogue.quarantineAttempts
        try connection.query("""
            UPDATE pages SET attempts = attempts + 1,
                   state = CASE WHEN attempts + 1 >= \(limit) THEN 'quarantined' ELSE state END,
                   error_kind = CASE WHEN attempts + 1 >= \(limit) THEN 'crashed' ELSE error_kind END,
                   error = CASE WHEN attempts + 1 >= \(limit)
                                THEN 'the workers holding this page stopped ' || (attempts + 1) || ' times before finishing it (last: ' || worker || '); quarantined until digitize run --retry-failed'
                                ELSE error END,
                   worker = NULL, lease_until = NULL
             WHERE id IN (SELECT id FROM pages
                           WHERE state = 'pending' AND worker IS NOT NULL AND lease_until < now()
                           FOR UPDATE SKIP LOCKED)
            """)
    }

    /// Claims the building of `fileID`'s documents once its last page is recorded: true if this worker
    /// is now the one to build them (of workers claiming at once, the row's lock lets one through).
    func claimFile(_ fileID: Int) throws -> Bool {
        try !connection.query("""
            UPDATE files SET state = 'assembling', worker = ?, lease_until = now() + ? * interval '1 second'
             WHERE id = ? AND state IN ('pending', 'failed') RETURNING id
            """, [.text(worker), .real(seconds), .integer(Int64(fileID))]).isEmpty
    }

    /// Claims one file whose pages are all finished but whose documents nobody is building: files whose
    /// last pages were recorded by workers at the same instant (each saw the other's page still to do),
    /// and files whose builder's lease ran out. Nil when there is none.
    public func claimReadyFile() throws -> Int? {
        try connection.integer("""
            UPDATE files SET state = 'assembling', worker = ?, lease_until = now() + ? * interval '1 second'
             WHERE id = (SELECT f.id FROM files f
                          WHERE (f.state = 'pending' OR (f.state = 'assembling' AND (f.lease_until IS NULL OR f.lease_until < now())))
                            AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.file_id = f.id AND p.state = 'pending')
                          ORDER BY f.id LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING id
            """, [.text(worker), .real(seconds)])
    }

    /// Extends this worker's leases on everything it holds; returns how many pages and files that is.
    ///
    /// A lease that has run out is lost only when another worker claims what it covered: until then its
    /// holder may still renew or complete it, so finished work is not thrown away for a late heartbeat.
    @discardableResult
    public func renew() throws -> (pages: Int, files: Int) {
        let parameters: [SQLValue] = [.real(seconds), .text(worker)]
        let pages = try connection.query("""
            UPDATE pages SET lease_until = now() + ? * interval '1 second' WHERE worker = ? AND state = 'pending' RETURNING id
            """, parameters).count
        let files = try connection.query("""
            UPDATE files SET lease_until = now() + ? * interval '1 second' WHERE worker = ? AND state = 'assembling' RETURNING id
            """, parameters).count
        return (pages, files)
    }

    /// Gives back what this worker holds but has not finished (it is stopping), so others take it at once
    /// instead of waiting for the lease to run out.
    public func releaseAll() throws {
        try connection.transaction {
            try connection.query("UPDATE pages SET worker = NULL, lease_until = NULL WHERE worker = ? AND state = 'pending'",
                                 [.text(worker)])
            try connection.query("UPDATE files SET state = 'pending', lease_until = NULL WHERE worker = ? AND state = 'assembling'",
                                 [.text(worker)])
        }
    }

    /// Whether the whole backlog is finished: no page left to OCR and no file left to build, by anyone.
    public func isBacklogFinished() throws -> Bool {
        try connection.integer("""
            SELECT (SELECT count(*) FROM pages WHERE state = 'pending') + (SELECT count(*) FROM files WHERE state IN ('pending', 'assembling'))
            """) == 0
    }

    /// A name for this worker that differs between machines and between processes on one machine.
    public static func defaultWorkerName() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    private var seconds: Double {
        Double(lease.components.seconds) + Double(lease.components.attoseconds) / 1e18
    }
}

/// A worker finished building a file's documents after its lease on the file had run out and another
/// worker had taken the file over; its record is refused so the file is recorded once.
public struct LeaseLostError: Error, CustomStringConvertible {
    public let fileCode: String
    public let holder: String?

    public var description: String {
        "\(fileCode): another worker (\(holder ?? "none")) took over this file after this worker's lease ran out; "
            + "its documents are recorded by that worker. Give workers a longer --lease if this repeats."
    }
}
