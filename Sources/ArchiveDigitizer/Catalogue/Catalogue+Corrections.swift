import Foundation

/// Why a correction cannot be made, in words a reviewer can act on.
public enum CorrectionError: Error, CustomStringConvertible, Equatable {
    case unknownDocument(String)
    case unknownField(String)
    case badValue(field: String, value: String, reason: String)
    case badSplit(document: String, page: Int, pages: Int)
    case notNeighbours(String, String)
    case noReason

    public var description: String {
        switch self {
        case let .unknownDocument(code): "There is no document “\(code)” in the catalogue."
        case let .unknownField(field):
            "“\(field)” is not a field that can be corrected; use one of: \(FileCorrections.correctableFields.joined(separator: ", "))."
        case let .badValue(field, value, reason): "“\(value)” cannot be the \(field): \(reason)."
        case let .badSplit(document, page, pages):
            "\(document) has \(pages) page(s): it can be split at page 2 to \(max(2, pages)), not at page \(page) (the page that begins the new document)."
        case let .notNeighbours(first, second):
            "\(first) and \(second) are not neighbouring documents of one file: only a document and the one after it can be merged."
        case .noReason: "Say why (--reason): the ledger keeps the reason with every correction."
        }
    }
}

/// Human corrections (issue #15): a field, a split, a merge, a review mark. Each is recorded with its
/// ledger event (who, old value, new value, why; the event's time is when) in one transaction, and
/// the file's PDFs are then rebuilt from the stored OCR results by `rebuildFileDocuments` (no OCR),
/// which applies every correction on record, as every later run does.
extension Catalogue {
    /// The corrections on record for the file `fileCode`.
    public func fileCorrections(fileCode: String) throws -> FileCorrections {
        var corrections = FileCorrections()
        for row in try connection.query("SELECT first_page, field, value FROM corrections WHERE file_code = ?", [.text(fileCode)]) {
            guard let first = row[0].int, let field = row[1].string, let value = row[2].string else { continue }
            if field == "boundaries" {
                corrections.spans = FileCorrections.spans(from: value)
            } else if FileCorrections.keyPaths[field] != nil {
                corrections.fields[first, default: [:]][field] = value
            }
        }
        return corrections
    }

    /// Sets `field` of document `code` to `value`, and rebuilds the file's PDFs.
    public func correct(_ code: String, field: String, value: String, by person: String, reason: String, archive: URL) throws {
        guard FileCorrections.keyPaths[field] != nil else { throw CorrectionError.unknownField(field) }
        let value = value.trimmingCharacters(in: .whitespacesAndNewlines)
        try Self.check(field: field, value: value)
        let document = try correctable(code)
        let old = document.metadata[keyPath: FileCorrections.keyPaths[field] ?? \.docType]
        try record(document, firstPage: document.firstPage, field: field, value: value, by: person, reason: reason,
                   event: "document-corrected", detail: [("field", field), ("old", old), ("new", value)])
        try rebuildFileDocuments(fileID: document.fileID, archive: archive)
    }

    /// Marks document `code` reviewed: it leaves the review queue; nothing else changes.
    public func markReviewed(_ code: String, by person: String, reason: String) throws {
        let document = try correctable(code)
        try record(document, firstPage: document.firstPage, field: "reviewed", value: "yes", by: person, reason: reason,
                   event: "document-reviewed", detail: [])
    }

    /// Splits document `code` so that its page `page` (1-based within the document) begins a new one;
    /// the file's documents are renumbered and rebuilt.
    public func split(_ code: String, atPage page: Int, by person: String, reason: String, archive: URL) throws {
        let document = try correctable(code)
        let count = document.lastPage - document.firstPage + 1
        guard page >= 2 && page <= count else { throw CorrectionError.badSplit(document: code, page: page, pages: count) }
        let spans = try documentSpans(fileID: document.fileID)
        let cut = document.firstPage + page - 1
        let new = spans.flatMap { span in
            span.firstPage == document.firstPage
                ? [DocumentSpan(firstPage: span.firstPage, lastPage: cut - 1), DocumentSpan(firstPage: cut, lastPage: span.lastPage)]
                : [span]
        }
        try record(document, firstPage: 0, field: "boundaries", value: FileCorrections.text(of: new), by: person, reason: reason,
                   event: "document-split", detail: [("old", FileCorrections.text(of: spans)), ("new", FileCorrections.text(of: new)),
                                                     ("at_file_page", String(cut))])
        try rebuildFileDocuments(fileID: document.fileID, archive: archive)
    }

    /// Merges document `code` with `next`, the document after it in the same file; renumbered and rebuilt.
    public func merge(_ code: String, with next: String, by person: String, reason: String, archive: URL) throws {
        let first = try correctable(code), second = try correctable(next)
        guard first.fileID == second.fileID, second.ordinal == first.ordinal + 1 else { throw CorrectionError.notNeighbours(code, next) }
        let spans = try documentSpans(fileID: first.fileID)
        let new = spans.compactMap { span -> DocumentSpan? in
            if span.firstPage == second.firstPage { return nil }
            return span.firstPage == first.firstPage ? DocumentSpan(firstPage: span.firstPage, lastPage: second.lastPage) : span
        }
        try record(first, firstPage: 0, field: "boundaries", value: FileCorrections.text(of: new), by: person, reason: reason,
                   event: "documents-merged", detail: [("old", FileCorrections.text(of: spans)), ("new", FileCorrections.text(of: new)),
                                                       ("merged", next)])
        try rebuildFileDocuments(fileID: first.fileID, archive: archive)
    }

    /// Rebuilds every PDF of the file `fileID` from the catalogue's stored OCR results, without OCR:
    /// the same assembly as `digitize run` (`Catalogue.assemblyInput` + `BatchRun.assemble`, so the
    /// corrections on record are applied, documents named and renumbered by TT02), recorded by
    /// `recordDocuments` (PDFs no longer used are recorded as superseded, then deleted).
    /// The one entry point the corrections use, meant to be shared with `digitize rebuild-pdfs`.
    @discardableResult
    public func rebuildFileDocuments(fileID: Int, archive: URL) throws -> [AssembledDocument] {
        guard let job = try assemblyInput(fileID: fileID), !job.pages.isEmpty else {
            throw CorrectionError.unknownDocument("file #\(fileID)")
        }
        let writer = try SearchablePDFWriter(decoder: PageDecoder())
        let outcome = BatchRun.assemble(job, writer: writer, splitter: DocumentSplitter(), archive: archive)
        switch outcome.result {
        case let .success(documents):
            let superseded = try recordDocuments(fileID: fileID, fileCode: job.fileCode, documents: documents)
            for path in superseded { try? FileManager.default.removeItem(at: archive.appendingPathComponent(path)) }
            return documents
        case let .failure(failure):
            throw AssemblyError.rebuildFailed(fileCode: job.fileCode, reason: failure.message)
        }
    }

    /// The human corrections in the ledger, oldest first (for `verify` and the document page).
    public func correctionEvents() throws -> [(at: String, kind: String, subject: String, detail: String)] {
        try connection.query("""
            SELECT at, kind, subject, detail FROM events
            WHERE kind IN ('document-corrected', 'document-reviewed', 'document-split', 'documents-merged') ORDER BY id
            """).map { ($0[0].string ?? "", $0[1].string ?? "", $0[2].string ?? "", $0[3].string ?? "") }
    }

    private func correctable(_ code: String) throws -> RoomDocument {
        guard let document = try roomDocument(code: code) else { throw CorrectionError.unknownDocument(code) }
        return document
    }

    private func documentSpans(fileID: Int) throws -> [DocumentSpan] {
        try connection.query("SELECT first_page, last_page FROM documents WHERE file_id = ? ORDER BY ordinal", [.integer(Int64(fileID))])
            .compactMap { row in row[0].int.flatMap { first in row[1].int.map { DocumentSpan(firstPage: first, lastPage: $0) } } }
    }

    /// The correction's row and its ledger event, in one transaction.
    private func record(_ document: RoomDocument, firstPage: Int, field: String, value: String, by person: String, reason: String,
                        event: String, detail: [(String, String)]) throws {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw CorrectionError.noReason }
        let now = Timestamp.string(Date())
        try connection.transaction {
            try connection.query("DELETE FROM corrections WHERE file_code = ? AND first_page = ? AND field = ?",
                                 [.text(document.fileCode), .integer(Int64(firstPage)), .text(field)])
            try connection.query("""
                INSERT INTO corrections(file_code, first_page, field, value, corrected_by, corrected_at, reason) VALUES (?,?,?,?,?,?,?)
                """, [.text(document.fileCode), .integer(Int64(firstPage)), .text(field), .text(value), .text(person), .text(now), .text(reason)])
            let fields = [("by", person)] + detail + [("reason", reason)]
            try ledger.record(event, subject: document.code,
                              detail: JSONValue.object(fields.map { ($0.0, .string($0.1)) }).rendered(pretty: false))
        }
    }

    /// Refuses values that would make the record wrong in form (a date that is no date, an unknown mark).
    static func check(field: String, value: String) throws {
        switch field {
        case "date" where !value.isEmpty:
            let parts = value.split(separator: "-").compactMap { Int($0) }
            let formatter = DateFormatter()
            formatter.dateFormat = "yyyy-MM-dd"
            formatter.timeZone = TimeZone(identifier: "UTC")
            guard parts.count == 3, value.count == 10, let date = formatter.date(from: value), formatter.string(from: date) == value else {
                throw CorrectionError.badValue(field: field, value: value, reason: "write the date as YYYY-MM-DD, e.g. 2025-02-18")
            }
        case "security" where !value.isEmpty:
            guard SecurityLevel.allCases.contains(where: { $0.mark == value }) else {
                throw CorrectionError.badValue(field: field, value: value, reason: "a security mark is MẬT, TỐI MẬT or TUYỆT MẬT (or empty)")
            }
        default: break
        }
    }
}
