import Foundation

extension Catalogue {
    /// How many attempts the page `pageID` has used up if it is quarantined; nil if it is not.
    public func quarantinedAttempts(pageID: Int) throws -> Int? {
        try connection.query("SELECT attempts FROM pages WHERE id = ? AND state = 'quarantined'", [.integer(Int64(pageID))]).first?.first?.int
    }

    /// Puts failed pages of scans still present back in the queue (`digitize run --retry-failed`).
    ///
    /// A rerun normally leaves failed pages alone — a damaged scan stays damaged until it is
    /// replaced, and a replaced scan is noticed by its checksum. This is for failures that were
    /// not the scan's fault: a file that was briefly unavailable, an OCR timeout on a busy machine.
    /// Quarantined pages (`Catalogue.quarantineAttempts`) come back too, keeping their attempt count:
    /// one more crash or timeout quarantines them again.
    /// Pages whose scan could not even be opened at ingest are retried by re-reading the scan.
    /// - Returns: how many pages were put back.
    @discardableResult
    public func retryFailedPages() throws -> Int {
        try connection.transaction {
            let count = try connection.query("""
                SELECT count(*) FROM pages p JOIN sources s ON s.id = p.source_id WHERE p.state IN ('failed', 'quarantined') AND s.state = 'present'
                """).first?.first?.int ?? 0
            guard count > 0 else { return 0 }
            // Scans that failed at ingest are forgotten so the next ingest reads them afresh.
            try connection.query("""
                DELETE FROM pages WHERE source_id IN (SELECT id FROM sources WHERE error IS NOT NULL AND state = 'present')
                """)
            try connection.query("DELETE FROM sources WHERE error IS NOT NULL AND state = 'present'")
            try connection.query("""
                UPDATE pages SET state = 'pending', error_kind = NULL, error = NULL
                WHERE state IN ('failed', 'quarantined') AND source_id IN (SELECT id FROM sources WHERE state = 'present')
                """)
            try connection.query("""
                UPDATE files SET state = 'pending', completed_at = NULL WHERE id IN (SELECT file_id FROM pages WHERE state = 'pending')
                """)
            try ledger.record("retry-failed", subject: "pages", detail: "\(count) failed page(s) put back in the queue")
            return count
        }
    }
}
