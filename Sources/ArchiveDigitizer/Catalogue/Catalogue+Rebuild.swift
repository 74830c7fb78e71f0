import Foundation

/// A document as the catalogue records it: what `PDFRebuilder` needs to write its PDF again.
public struct RecordedDocument: Sendable, Equatable {
    public var code: String
    public var firstPage: Int
    public var lastPage: Int
    /// The metadata as recorded (with any archivist's corrections), not extracted again.
    public var metadata: DocumentMetadata
    /// Path of the PDF relative to the archive folder.
    public var relativePath: String
    public var sha256: String
}

extension Catalogue {
    /// The ids and codes of the files whose documents are built, in file order; only `fileCode`'s
    /// when given (empty when there is no such file).
    public func builtFiles(code fileCode: String? = nil) throws -> [(id: Int, code: String)] {
        let filter = fileCode == nil ? "" : " AND code = ?"
        return try connection.query("SELECT id, code FROM files WHERE state = 'done'\(filter) ORDER BY id",
                                    fileCode.map { [.text($0)] } ?? []).compactMap { row in
            guard let id = row[0].int, let code = row[1].string else { return nil }
            return (id, code)
        }
    }

    /// The file that holds the document `documentCode`, if the catalogue has it.
    public func fileCode(ofDocument documentCode: String) throws -> String? {
        try connection.query("SELECT f.code FROM documents d JOIN files f ON f.id = d.file_id WHERE d.doc_code = ?",
                             [.text(documentCode)]).first?.first?.string
    }

    /// The documents recorded for `fileID`, in ordinal order.
    public func recordedDocuments(fileID: Int) throws -> [RecordedDocument] {
        let decoder = JSONDecoder()
        return try connection.query("""
            SELECT doc_code, first_page, last_page, metadata, pdf_path, pdf_sha256 FROM documents WHERE file_id = ? ORDER BY ordinal
            """, [.integer(Int64(fileID))]).compactMap { row in
            guard let code = row[0].string, let first = row[1].int, let last = row[2].int, let path = row[4].string else { return nil }
            let metadata = row[3].string.flatMap { try? decoder.decode(DocumentMetadata.self, from: Data($0.utf8)) } ?? DocumentMetadata()
            return RecordedDocument(code: code, firstPage: first, lastPage: last, metadata: metadata, relativePath: path,
                                    sha256: row[5].string ?? "")
        }
    }

    /// Records that `document`'s PDF was written again as `written`, in one transaction with its
    /// ledger events: the old PDF superseded, the new one written (what `verify` checks rows against).
    public func recordRebuilt(_ document: RecordedDocument, as written: WrittenPDF, reason: String) throws {
        try connection.transaction {
            try connection.query("UPDATE documents SET pdf_size = ?, pdf_sha256 = ?, image_encodings = ? WHERE doc_code = ?",
                                 [.integer(Int64(written.size)), .text(written.sha256),
                                  .text(written.imageEncodings.joined(separator: ",")), .text(document.code)])
            try ledger.record("document-superseded", subject: document.code,
                              detail: "\(document.relativePath) sha256 \(document.sha256) is replaced by a PDF rebuilt from the stored OCR results (\(reason))")
            try ledger.record("document-written", subject: document.code,
                              detail: "\(document.relativePath) sha256 \(written.sha256) size \(written.size)")
        }
    }
}
