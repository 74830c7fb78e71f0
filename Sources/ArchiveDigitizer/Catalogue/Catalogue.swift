import Foundation

/// The archive's catalogue and ledger: by default one SQLite database inside the archive
/// (`catalogue.sqlite`, WAL mode); for many workers, a PostgreSQL database (`--store`, issue #8).
///
/// Owned by one thread at a time: during a run, the pipeline's writer; otherwise the command.
/// Every change that records finished work is one transaction together with its ledger event.
public final class Catalogue {
    /// The underlying connection, for queries of reports and tests.
    public let connection: any SQLDatabase
    var ledger: Ledger
    /// The name recorded with each page and file this process finishes (`progress` shows each worker's share).
    public var worker = PageLeases.defaultWorkerName()
    /// Set when this process shares the backlog with other workers (a PostgreSQL store): it then records
    /// only pages it holds under a lease, and builds only files it has claimed. Nil: it works alone.
    public var lease: Duration?

    /// Opens or creates the SQLite catalogue at `path`.
    public convenience init(path: String, readOnly: Bool = false) throws {
        try self.init(database: SQLiteConnection(path: path, readOnly: readOnly), upgrading: !readOnly)
    }

    /// Opens the catalogue of the archive folder `archive` kept in `store`: its own SQLite file, or a
    /// shared PostgreSQL database (whose tables are created if missing; `readOnly` does not apply).
    public convenience init(store: StoreLocation, archive: URL, readOnly: Bool = false) throws {
        switch store {
        case .embedded:
            try self.init(path: archive.appendingPathComponent("catalogue.sqlite").path, readOnly: readOnly)
        case let .postgreSQL(address):
            try self.init(database: PostgreSQLConnection(address), upgrading: true)
        }
    }

    /// Uses an open connection; `upgrading` brings its tables up to this version first.
    public init(database: any SQLDatabase, upgrading: Bool) throws {
        connection = database
        ledger = Ledger(connection: database, runID: nil)
        if upgrading {
            try CatalogueSchema.upgrade(database)
        }
    }

    /// The SQLite connection when the catalogue is embedded (search's FTS5 index lives only there).
    public var sqlite: SQLiteConnection? { connection as? SQLiteConnection }

    // MARK: Runs

    /// Records the start of a run and makes its events refer to it.
    public func beginRun(scanFolder: String, arguments: [String]) throws -> Int {
        try connection.transaction {
            let id = try insertedID("INSERT INTO runs(started_at, scan_folder, arguments) VALUES (?,?,?) RETURNING id",
                                    [.text(Timestamp.string(Date())), .text(scanFolder), .text(arguments.joined(separator: " "))])
            ledger.runID = id
            try ledger.record("run-started", subject: scanFolder, detail: arguments.joined(separator: " "))
            return id
        }
    }

    /// Records how a run ended.
    public func finishRun(_ id: Int, outcome: String, pagesDone: Int, pagesFailed: Int) throws {
        try connection.transaction {
            try connection.query("UPDATE runs SET finished_at=?, outcome=?, pages_done=?, pages_failed=? WHERE id=?",
                                 [.text(Timestamp.string(Date())), .text(outcome), .integer(Int64(pagesDone)),
                                  .integer(Int64(pagesFailed)), .integer(Int64(id))])
            try ledger.record("run-finished", subject: "run \(id)", detail: "\(outcome): \(pagesDone) pages done, \(pagesFailed) failed")
        }
    }

    /// Appends a free-standing ledger event in its own transaction.
    public func log(_ kind: String, subject: String, detail: String = "") throws {
        try connection.transaction { try ledger.record(kind, subject: subject, detail: detail) }
    }

    // MARK: Ingest

    /// What the catalogue knows of a scan file from an earlier run.
    public struct KnownSource {
        public var id: Int
        public var size: Int64
        public var modified: Double
        public var sha256: String
        public var format: String
        public var frameCount: Int
        public var error: String?
    }

    /// The file row for `code`, created if new; inventory facts refreshed.
    public func fileID(for scanned: ScannedFile, inventory: InventoryEntry?) throws -> Int {
        try connection.transaction {
            if let id = try connection.query("SELECT id FROM files WHERE code=?", [.text(scanned.code)]).first?.first?.int {
                if let inventory { try store(inventory, fileID: id) }
                return id
            }
            let id = try insertedID("INSERT INTO files(code, folder) VALUES (?,?) RETURNING id",
                                    [.text(scanned.code), .text(scanned.relativeFolder)])
            if let inventory { try store(inventory, fileID: id) }
            try ledger.record("file-registered", subject: scanned.code, detail: scanned.relativeFolder)
            return id
        }
    }

    private func store(_ entry: InventoryEntry, fileID: Int) throws {
        let extra = (try? String(data: JSONEncoder.sorted.encode(entry.extra), encoding: .utf8)) ?? "{}"
        try connection.query("""
            UPDATE files SET title=?, start_date=?, end_date=?, retention=?, shelf_metres=?, inventory=? WHERE id=?
            """, [.text(entry.title), .text(entry.startDate), .text(entry.endDate), .text(entry.retention),
                  entry.shelfMetres.map { .real($0) } ?? .null, .text(extra), .integer(Int64(fileID))])
    }

    /// The recorded state of the scan `name` in file `fileID`.
    public func knownSource(fileID: Int, name: String) throws -> KnownSource? {
        guard let row = try connection.query(
            "SELECT id, size, modified, sha256, format, frame_count, error FROM sources WHERE file_id=? AND name=?",
            [.integer(Int64(fileID)), .text(name)]).first else { return nil }
        return KnownSource(id: row[0].int ?? 0, size: Int64(row[1].int ?? -1), modified: row[2].double ?? -1,
                           sha256: row[3].string ?? "", format: row[4].string ?? "", frameCount: row[5].int ?? 0,
                           error: row[6].string)
    }

    /// Records a scan file seen on disk: new, unchanged (only the path/mtime refreshed) or changed
    /// (its pages are reset for OCR and the file's documents must be rebuilt; the change is logged).
    public func registerSource(fileID: Int, fileCode: String, source: SourceFile, sha256: String,
                               format: ScanFormat?, frameCount: Int, error: IngestError?) throws {
        let name = (source.relativePath as NSString).lastPathComponent
        try connection.transaction {
            let known = try knownSource(fileID: fileID, name: name)
            let formatName = format?.rawValue ?? ""
            if let known, known.sha256 == sha256 {
                try connection.query("UPDATE sources SET path=?, relative_path=?, size=?, modified=?, state='present' WHERE id=?",
                                     [.text(source.path), .text(source.relativePath), .integer(source.size),
                                      .real(source.modified), .integer(Int64(known.id))])
                return
            }
            let sourceID: Int
            if let known {
                sourceID = known.id
                try connection.query("DELETE FROM pages WHERE source_id=?", [.integer(Int64(sourceID))])
                try connection.query("""
                    UPDATE sources SET path=?, relative_path=?, size=?, modified=?, sha256=?, format=?, frame_count=?,
                    state='present', error=? WHERE id=?
                    """, [.text(source.path), .text(source.relativePath), .integer(source.size), .real(source.modified),
                          .text(sha256), .text(formatName), .integer(Int64(frameCount)),
                          error.map { .text($0.description) } ?? .null, .integer(Int64(sourceID))])
                try markFileStale(fileID)
                try ledger.record("source-changed", subject: "\(fileCode)/\(name)",
                                  detail: "sha256 \(known.sha256) -> \(sha256); pages will be OCR'd again and documents rebuilt")
            } else {
                sourceID = try insertedID("""
                    INSERT INTO sources(file_id, name, path, relative_path, size, modified, sha256, format, frame_count, error)
                    VALUES (?,?,?,?,?,?,?,?,?,?) RETURNING id
                    """, [.integer(Int64(fileID)), .text(name), .text(source.path), .text(source.relativePath),
                          .integer(source.size), .real(source.modified), .text(sha256), .text(formatName),
                          .integer(Int64(frameCount)), error.map { .text($0.description) } ?? .null])
                try markFileStale(fileID)
                try ledger.record("source-added", subject: "\(fileCode)/\(name)", detail: "sha256 \(sha256)")
            }
            for frame in 0..<max(frameCount, 1) {
                if let error {
                    try connection.query("""
                        INSERT INTO pages(file_id, source_id, frame, state, error_kind, error, done_at) VALUES (?,?,?,'failed',?,?,?)
                        """, [.integer(Int64(fileID)), .integer(Int64(sourceID)), .integer(Int64(frame)),
                              .text(error.kind), .text(error.description), .text(Timestamp.string(Date()))])
                    try ledger.record("page-failed", subject: "\(fileCode)/\(name)#\(frame + 1)", detail: error.description)
                } else {
                    try connection.query("INSERT INTO pages(file_id, source_id, frame) VALUES (?,?,?)",
                                         [.integer(Int64(fileID)), .integer(Int64(sourceID)), .integer(Int64(frame))])
                }
            }
        }
    }

    /// Marks sources of `fileID` not seen in this walk as missing; their pages leave the documents.
    public func markMissingSources(fileID: Int, fileCode: String, present names: Set<String>) throws {
        let rows = try connection.query("SELECT id, name FROM sources WHERE file_id=? AND state='present'", [.integer(Int64(fileID))])
        for row in rows {
            guard let id = row[0].int, let name = row[1].string, !names.contains(name) else { continue }
            try connection.transaction {
                try connection.query("UPDATE sources SET state='missing' WHERE id=?", [.integer(Int64(id))])
                try connection.query("UPDATE pages SET state='missing' WHERE source_id=?", [.integer(Int64(id))])
                try markFileStale(fileID)
                try ledger.record("source-missing", subject: "\(fileCode)/\(name)",
                                  detail: "the scan is no longer in the scan folder; its pages are left out of rebuilt documents")
            }
        }
    }

    /// Numbers the file's pages 1…n in natural order of scan names, then frame.
    public func renumberPages(fileID: Int) throws {
        let rows = try connection.query("""
            SELECT p.id, s.name, p.frame FROM pages p JOIN sources s ON s.id = p.source_id
            WHERE p.file_id=? AND p.state != 'missing'
            """, [.integer(Int64(fileID))])
        let ordered = rows.sorted { lhs, rhs in
            let left = lhs[1].string ?? "", right = rhs[1].string ?? ""
            if left != right { return NaturalOrder.isOrderedBefore(left, right) }
            return (lhs[2].int ?? 0) < (rhs[2].int ?? 0)
        }
        try connection.transaction {
            for (index, row) in ordered.enumerated() {
                try connection.query("UPDATE pages SET page_number=? WHERE id=? AND (page_number IS NULL OR page_number != ?)",
                                     [.integer(Int64(index + 1)), row[0], .integer(Int64(index + 1))])
            }
            try connection.query("UPDATE files SET page_count=? WHERE id=?", [.integer(Int64(ordered.count)), .integer(Int64(fileID))])
        }
    }

    /// Runs an `INSERT … RETURNING id` and gives the new row's id.
    private func insertedID(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        guard let id = try connection.integer(sql, parameters) else {
            throw CatalogueError(message: "the catalogue did not return the id of a new row", code: 0)
        }
        return id
    }

    private func markFileStale(_ fileID: Int) throws {
        try connection.query("UPDATE files SET state='pending', completed_at=NULL WHERE id=?", [.integer(Int64(fileID))])
    }

    // MARK: OCR results

    /// Pages still to OCR, in file and page order.
    public func pendingPages() throws -> [PageJob] {
        try pageJobs(where: "p.state = 'pending'")
    }

    /// The pages `ids` (claimed by this worker), in file and page order.
    public func pages(_ ids: [Int]) throws -> [PageJob] {
        guard !ids.isEmpty else { return [] }
        return try pageJobs(where: "p.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))", ids.map { .integer(Int64($0)) })
    }

    private func pageJobs(where condition: String, _ parameters: [SQLValue] = []) throws -> [PageJob] {
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
    private func claimFileIfComplete(_ fileID: Int) throws -> Bool {
        guard let lease else { return false }
        try connection.query("SELECT id FROM files WHERE id = ? FOR UPDATE", [.integer(Int64(fileID))])
        guard try pendingPageCount(fileID: fileID) == 0 else { return false }
        return try PageLeases(on: connection, worker: worker, lease: lease).claimFile(fileID)
    }

    // MARK: Assembly

    /// Files whose every page is finished but whose documents are not (yet, or no longer) built.
    public func filesReadyToAssemble() throws -> [Int] {
        try connection.query("""
            SELECT f.id FROM files f WHERE f.state != 'done'
            AND NOT EXISTS (SELECT 1 FROM pages p WHERE p.file_id = f.id AND p.state = 'pending')
            ORDER BY f.id
            """).compactMap { $0[0].int }
    }

    /// Number of pages of `fileID` still waiting for OCR.
    public func pendingPageCount(fileID: Int) throws -> Int {
        try connection.query("SELECT count(*) FROM pages WHERE file_id=? AND state='pending'", [.integer(Int64(fileID))]).first?.first?.int ?? 0
    }

    /// The OCR'd pages of a file in page order, ready for document splitting and PDF writing.
    public func assemblyInput(fileID: Int) throws -> AssemblyJob? {
        guard let file = try connection.query("SELECT code, title FROM files WHERE id=?", [.integer(Int64(fileID))]).first,
              let code = file[0].string else { return nil }
        let rows = try connection.query("""
            SELECT p.page_number, s.path, s.format, p.frame, s.frame_count, p.compression, p.dpi, p.width, p.height, p.words, p.text,
            p.rotation FROM pages p JOIN sources s ON s.id = p.source_id
            WHERE p.file_id=? AND p.state='done' ORDER BY p.page_number
            """, [.integer(Int64(fileID))])
        let decoder = JSONDecoder()
        let pages: [AssembledPage] = rows.compactMap { row in
            guard let number = row[0].int, let path = row[1].string,
                  let format = row[2].string.flatMap(ScanFormat.init(rawValue:)) else { return nil }
            let words = row[9].string.flatMap { try? decoder.decode([RecognizedWord].self, from: Data($0.utf8)) } ?? []
            let pdf = PDFPage(location: PageLocation(path: path, format: format, frame: row[3].int ?? 0),
                              isSingleFrame: (row[4].int ?? 1) == 1, compression: row[5].string ?? "",
                              dpi: row[6].int ?? 300, width: row[7].int ?? 0, height: row[8].int ?? 0, words: words,
                              rotation: row[11].int ?? 0)
            return AssembledPage(pageNumber: number, pdf: pdf, text: row[10].string ?? "")
        }
        return AssemblyJob(fileID: fileID, fileCode: code, fileTitle: file[1].string ?? "", pages: pages,
                           corrections: try fileCorrections(fileCode: code))
    }

    /// Replaces the file's documents with `documents` and marks the file done, in one transaction,
    /// with the documents' search filter keys (`DocumentKeys`).
    /// - Returns: paths (relative to the archive) of earlier PDFs that the new documents no longer use.
    @discardableResult
    public func recordDocuments(fileID: Int, fileCode: String, documents: [AssembledDocument]) throws -> [String] {
        try connection.transaction {
            try checkStillBuilding(fileID: fileID, fileCode: fileCode)
            let previous = try connection.query("SELECT doc_code, pdf_path, pdf_sha256 FROM documents WHERE file_id=?", [.integer(Int64(fileID))])
            let kept = Set(documents.map(\.relativePath))
            var superseded: [String] = []
            for row in previous {
                guard let path = row[1].string, !kept.contains(path) else { continue }
                superseded.append(path)
                try ledger.record("document-superseded", subject: row[0].string ?? path,
                                  detail: "\(path) sha256 \(row[2].string ?? "") is replaced by the file's rebuilt documents")
            }
            try connection.query("DELETE FROM documents WHERE file_id=?", [.integer(Int64(fileID))])
            let now = Timestamp.string(Date())
            for document in documents {
                try connection.query("""
                    INSERT INTO documents(file_id, ordinal, doc_code, first_page, last_page, title, metadata, pdf_path,
                    pdf_size, pdf_sha256, image_encodings, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
                    """, [.integer(Int64(fileID)), .integer(Int64(document.ordinal)), .text(document.code),
                          .integer(Int64(document.firstPage)), .integer(Int64(document.lastPage)), .text(document.title),
                          .text(document.metadataJSON), .text(document.relativePath), .integer(Int64(document.written.size)),
                          .text(document.written.sha256), .text(document.written.imageEncodings.joined(separator: ",")), .text(now)])
                try ledger.record("document-written", subject: document.code,
                                  detail: "\(document.relativePath) sha256 \(document.written.sha256) size \(document.written.size)")
            }
            try DocumentKeys.refresh(connection)
            try connection.query("UPDATE files SET state='done', document_count=?, completed_at=?, worker=?, lease_until=NULL WHERE id=?",
                                 [.integer(Int64(documents.count)), .text(now), .text(worker), .integer(Int64(fileID))])
            try deriveFileFacts(fileID: fileID)
            try ledger.record("file-completed", subject: fileCode, detail: "\(documents.count) document(s)")
            return superseded
        }
    }

    /// Derives a file's title (its first document's), first and last date (its documents' earliest and
    /// latest) from its documents, kept beside the inventory's facts so neither hides the other:
    /// exports show the inventory's where it gives them, these elsewhere.
    private func deriveFileFacts(fileID: Int) throws {
        let date = "CASE WHEN json_valid(metadata) THEN nullif(json_extract(metadata, '$.date'), '') END"
        try connection.query("""
            UPDATE files SET
                derived_title = (SELECT title FROM documents WHERE file_id = ?1 AND coalesce(title, '') != '' ORDER BY ordinal LIMIT 1),
                derived_start_date = (SELECT min(\(date)) FROM documents WHERE file_id = ?1),
                derived_end_date = (SELECT max(\(date)) FROM documents WHERE file_id = ?1)
            WHERE id = ?1
            """, [.integer(Int64(fileID))])
    }

    /// On a shared store, locks the file's row and checks that this worker still holds the building of
    /// its documents: a worker that paused longer than its lease may have lost it to another.
    private func checkStillBuilding(fileID: Int, fileCode: String) throws {
        guard lease != nil else { return }
        let row = try connection.query("SELECT state, worker FROM files WHERE id = ? FOR UPDATE", [.integer(Int64(fileID))]).first
        guard row?[0].string == "assembling", row?[1].string == worker else {
            throw LeaseLostError(fileCode: fileCode, holder: row?[1].string)
        }
    }

    /// Records that a file's documents could not be written.
    public func recordAssemblyFailure(fileID: Int, fileCode: String, message: String) throws {
        try connection.transaction {
            try checkStillBuilding(fileID: fileID, fileCode: fileCode)
            try connection.query("UPDATE files SET state='failed', worker=?, lease_until=NULL WHERE id=?",
                                 [.text(worker), .integer(Int64(fileID))])
            try ledger.record("file-failed", subject: fileCode, detail: message)
        }
    }

    /// Output paths currently recorded, relative to the archive.
    public func recordedOutputs() throws -> [String: String] {
        var result: [String: String] = [:]
        for row in try connection.query("SELECT pdf_path, pdf_sha256 FROM documents") {
            if let path = row[0].string { result[path] = row[1].string ?? "" }
        }
        return result
    }
}

extension JSONEncoder {
    /// Sorted keys, so stored JSON is byte-stable from run to run.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
