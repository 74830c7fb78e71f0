import Foundation

/// Assembly: files whose pages are all in, the input their PDFs are built from, and the documents
/// recorded with their PDFs' checksums (superseding older ones).
extension Catalogue {
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
        return AssemblyJob(fileID: fileID, fileCode: code, fileTitle: file[1].string ?? "", pages: pages)
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
    func deriveFileFacts(fileID: Int) throws {
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
    func checkStillBuilding(fileID: Int, fileCode: String) throws {
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
