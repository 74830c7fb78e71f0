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
    /// records a file's last page claims the building of its documents in the same transaction.
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
        return try connection.transaction {
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
                updated = try connection.query("""
                    UPDATE pages SET state='failed', error_kind=?, error=?, done_at=?, worker=?, lease_until=NULL WHERE id=?\(held) RETURNING id
                    """, [.text(failure.kind), .text(failure.message), .text(now), .text(worker), .integer(id)] + holder)
            }
            guard !updated.isEmpty else { return .takenOver }
            let buildsFile = try lease == nil ? false : claimFileIfComplete(outcome.job.fileID)
            switch outcome.result {
            case let .success((page, _)):
                try ledger.record("page-done", subject: outcome.job.label,
                                  detail: "text sha256 \(SHA256Digest.hex(of: Data(page.text.utf8))); confidence \(Int(page.meanConfidence))")
            case let .failure(failure):
                try ledger.record("page-failed", subject: outcome.job.label, detail: failure.message)
            }
            return .recorded(buildsFile: buildsFile)
        }
    }

    /// What became of a page result.
    public enum PageRecording: Equatable {
        /// Recorded; `buildsFile` when it was the file's last page on a shared backlog and this worker
        /// now builds the file's documents.
        case recorded(buildsFile: Bool)
        /// Not recorded: the lease ran out and another worker took the page (shared backlog only).
        case takenOver
    }

    /// Inside `record`'s transaction, on a shared store: locks the file's row, so of two workers
    /// recording the file's last pages at once the second sees the first's, then claims the building
    /// of the file's documents if no page is left.
    func claimFileIfComplete(_ fileID: Int) throws -> Bool {
        guard let lease else { return false }
        try connection.query("SELECT id FROM files WHERE id = ? FOR UPDATE", [.integer(Int64(fileID))])
        guard try pendingPageCount(fileID: fileID) == 0 else { return false }
        return try PageLeases(on: connection, worker: worker, lease: lease).claimFile(fileID)
    }
}
