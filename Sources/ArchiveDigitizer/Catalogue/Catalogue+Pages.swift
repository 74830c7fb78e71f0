import Foundation

/// OCR results: the pages still to read, and each page's outcome recorded with its ledger event.
extension Catalogue {
    /// Pages still to OCR, in file and page order.
    public func pendingPages() throws -> [PageJob] {
        try pageJobs(where: "p.state = 'pending'")
    }

    /// The pages `ids` (claimed by this worker), in file and page order.
    public func pages(_ ids: [Int]) throws -> [PageJob] {
        guard !ids.isEmpty else { return [] }
        return try pageJobs(where: "p.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", ids.map { .integer(Int64($0)) })
    }

    func pageJobs(where condition: String, _ parameters: [SQLValue] = []) throws -> [PageJob] {
        try connection.query("""
            SELECT p.id, p.file_id, s.path, s.format, p.frame, f.code, s.name
            FROM pages p JOIN sources s ON s.id = p.source_id JOIN files f ON f.id = p.file_id
            WHERE \(condition) ORDER BY f.id, p.page_number
            """, parameters).compactMap { row in
            guard let id = row[0].int, let file = row[1].int, let path = row[2].string,
                  let format = row[3].string.flatMap(ScanFormat.init(rawValue:)), let frame = row[4].int else { return nil }
            let name = row[6].string ?? ""
            let frameCount = frame > 0 || format == .pdf || format == .tiff ? " page \(frame + 1)" : ""
            return PageJob(pageID: id, fileID: file, location: PageLocation(path: path, format: format, frame: frame),
                           label: "\(row[5].string ?? "")/\(name)\(frameCount)")
        }
    }

    /// Records one page's OCR result or failure, with its ledger event, in one transaction.
    ///
    /// When the backlog is shared (`lease` set), the page is recorded only if this worker still holds
    /// it (else `.takenOver`: its lease ran out and another worker has it), and the worker that
    /// records a file's last page claims the building of its documents just after the page's
    /// transaction commits (`claimFileIfComplete`).
    ///
    /// `words` are in pixels of the page as displayed upright (the stored image turned clockwise
    /// by `rotation`); `quality_flags` lists the page's flags (space-separated) and each flag also
    /// has its own 0/1 column (`flag_low_confidence`, `flag_below_200_dpi`, `flag_too_dark`,
    /// `flag_too_light`, `flag_heavy_skew`) for reports to query; `corrections` is the JSON list of
    /// words the Vietnamese post-correction changed (`[{"i": index, "from": …, "to": …}]`).
    @discardableResult
    public func record(_ outcome: PageOutcome) throws -> PageRecording {
        let now = Timestamp.string(Date())
        let id = Int64(outcome.job.pageID)
        // Shared backlog: only the page's holder records it, and only once.
        let held = lease == nil ? "" : " AND state = 'pending' AND worker = ?"
        let holder: [SQLValue] = lease == nil ? [] : [.text(worker)]
        let recorded: Bool = try LatencyProbe.shared.measure(.pageRecord) { try connection.transaction {
            let updated: [[SQLValue]]
            switch outcome.result {
            case let .success((page, facts)):
                let words = (try? String(data: JSONEncoder.sorted.encode(page.words), encoding: .utf8)) ?? "[]"
                let corrections = (try? String(data: JSONEncoder.sorted.encode(page.corrections), encoding: .utf8)) ?? "[]"
                let flag = { (name: String) -> SQLValue in .integer(facts.qualityFlags.contains(name) ? 1 : 0) }
                updated = try connection.query("""
                    UPDATE pages SET state='done', error_kind=NULL, error=NULL, width=?, height=?, dpi=?, dpi_recorded=?,
                    colour=?, compression=?, skew=?, ink=?, is_blank=?, had_text_layer=?, mean_confidence=?, text=?, words=?,
                    ocr_seconds=?, done_at=?, rotation=?, paper_level=?, ink_level=?, quality_flags=?,
                    flag_low_confidence=?, flag_below_200_dpi=?, flag_too_dark=?, flag_too_light=?, flag_heavy_skew=?,
                    corrections=?, worker=?, lease_until=NULL WHERE id=?\(held) RETURNING id
                    """, [.integer(Int64(facts.width)), .integer(Int64(facts.height)), .integer(Int64(facts.dpi)),
                          .integer(facts.isResolutionRecorded ? 1 : 0), .text(facts.colour), .text(facts.compression),
                          facts.skewDegrees.map { .real($0) } ?? .null, .real(facts.inkCoverage),
                          .integer(facts.isBlank ? 1 : 0), .integer(facts.hadTextLayer ? 1 : 0),
                          .real(page.meanConfidence), .text(page.text), .text(words),
                          .real(outcome.ocrSeconds), .text(now), .integer(Int64(facts.rotation)),
                          facts.paperLevel.map { .integer(Int64($0)) } ?? .null, facts.inkLevel.map { .integer(Int64($0)) } ?? .null,
                          .text(facts.qualityFlags.joined(separator: " ")),
                          flag("low-confidence"), flag("below-200-dpi"), flag("too-dark"), flag("too-light"), flag("heavy-skew"),
                          .text(corrections), .text(worker), .integer(id)] + holder)
            case let .failure(failure):
                // Two tries that killed the worker or ran past a deadline make a poison page: quarantined.
                let aborted = Int64(failure.abortedAttempts)
                updated = try connection.query("""
                    UPDATE pages SET state = CASE WHEN attempts + ? >= \(Self.quarantineAttempts) THEN 'quarantined' ELSE 'failed' END,
                    attempts = attempts + ?, error_kind=?, error=?, done_at=?, worker=?, lease_until=NULL WHERE id=?\(held) RETURNING id
                    """, [.integer(aborted), .integer(aborted), .text(failure.kind), .text(failure.message), .text(now),
                          .text(worker), .integer(id)] + holder)
            }
            guard !updated.isEmpty else { return false }
            switch outcome.result {
            case let .success((page, _)):
                try ledger.record("page-done", subject: outcome.job.label,
                                  detail: "text sha256 \(SHA256Digest.hex(of: Data(page.text.utf8))); confidence \(Int(page.meanConfidence))")
            case let .failure(failure):
                try ledger.record("page-failed", subject: outcome.job.label, detail: failure.message)
            }
            return true
        } }
        guard recorded else { return .takenOver }
        return .recorded(buildsFile: try claimFileIfComplete(outcome.job.fileID))
    }

    /// Tries at a page ending with its worker dead or past a deadline after which it is quarantined:
    /// left alone by every run and worker until `--retry-failed` asks for it on purpose.
    public static let quarantineAttempts = 2

    /// What became of a page result.
    public enum PageRecording: Equatable {
        /// Recorded; `buildsFile` when it was the file's last page on a shared backlog and this worker
        /// now builds the file's documents.
        case recorded(buildsFile: Bool)
        /// Not recorded: the lease ran out and another worker took the page (shared backlog only).
        case takenOver
    }

    /// On a shared store, after a page's transaction has committed: claims the building of the file's
    /// documents if no page of it is left to do. Every page is counted only after its own record
    /// commits, so of the workers recording a file's last pages, the last to commit sees none left
    /// (some may see none and race): `claimFile`'s `UPDATE … WHERE state IN ('pending', 'failed')` is
    /// re-checked under the row's lock, so exactly one of them claims it. Checking inside the record's
    /// transaction instead meant locking the file's row for every page until commit: the workers on one
    /// file then recorded one at a time (`make bench-scale`, issue #19). A worker that dies between
    /// the commit and the claim leaves the file to `claimReadyFile`.
    func claimFileIfComplete(_ fileID: Int) throws -> Bool {
        guard let lease, try pendingPageCount(fileID: fileID) == 0 else { return false }
        return try PageLeases(on: connection, worker: worker, lease: lease).claimFile(fileID)
    }
}
