import Foundation

/// Ingest: archival files (hồ sơ) with their inventory facts, scan files (sources) with their checksums,
/// and the pages they hold, kept in step with the scan folder across reruns.
extension Catalogue {
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

    func store(_ entry: InventoryEntry, fileID: Int) throws {
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
    func insertedID(_ sql: String, _ parameters: [SQLValue]) throws -> Int {
        guard let id = try connection.integer(sql, parameters) else {
            throw CatalogueError(message: "the catalogue did not return the id of a new row", code: 0)
        }
        return id
    }

    func markFileStale(_ fileID: Int) throws {
        try connection.query("UPDATE files SET state='pending', completed_at=NULL WHERE id=?", [.integer(Int64(fileID))])
    }
}
