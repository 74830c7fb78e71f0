import Foundation

/// One archival file (hồ sơ) as the exports describe it, with its documents.
public struct ExportedFile: Sendable, Equatable {
    public var code: String
    /// Title and dates (ISO) from the inventory; where it gives none, derived from the documents:
    /// the first document's title, the earliest and latest document dates.
    public var title: String
    public var startDate: String
    public var endDate: String
    /// Retention (thời hạn bảo quản), e.g. "Vĩnh viễn".
    public var retention: String
    /// Extent from the inventory, in shelf metres; nil when the inventory gives none.
    public var shelfMetres: Double?
    public var pageCount: Int
    /// Fonds (phông, TT02 OrganId), inventory (mục lục, FileCatalog), box (hộp) and file number
    /// (FileNotation), from the inventory row; empty when unknown.
    public var fonds: String
    public var inventory: String
    public var box: String
    public var fileNumber: String
    public var documents: [ExportedDocument]
}

/// One document (văn bản) as the exports describe it.
public struct ExportedDocument: Sendable, Equatable {
    public var code: String
    public var ordinal: Int
    /// Metadata fields by their snake_case names (`doc_type`, `number`, …; see `ExportedDocument.metadataKeys`).
    public var metadata: [String: String]
    public var firstPage: Int
    public var lastPage: Int
    /// The PDF, relative to the archive (`documents/<FileCode>/<DocCode>.pdf`).
    public var pdfPath: String
    public var sha256: String
    public var size: Int64

    /// The metadata fields every export carries, in export order (empty strings until extracted).
    public static let metadataKeys = ["system", "doc_type", "number", "symbol", "date", "place", "issuer_upper", "issuer",
                                      "excerpt", "signer", "signer_position", "authority", "security", "urgency", "review"]

    /// A metadata field, "" when absent.
    public subscript(field: String) -> String { metadata[field] ?? "" }

    /// Number of pages (TT02 PageAmount).
    public var pageAmount: Int { max(0, lastPage - firstPage + 1) }
}

/// Reads files and documents from the catalogue for the exports, a batch of files at a time in
/// file-code order, so an export of any size runs in flat memory.
///
/// Codes are ordered and compared by their bytes (`COLLATE "binary"`), so the same catalogue exports
/// byte for byte the same from SQLite and from a PostgreSQL database of any locale.
struct ExportRecords {
    let connection: any SQLDatabase
    var batchSize = 200

    /// Calls `body` with every file, in file-code order, with its documents in ordinal order.
    func forEachFile(_ body: (ExportedFile) throws -> Void) throws {
        var lastCode = ""
        var isFirst = true
        while true {
            let files = try connection.query("""
                SELECT id, code, coalesce(nullif(title, ''), derived_title), coalesce(nullif(start_date, ''), derived_start_date),
                       coalesce(nullif(end_date, ''), derived_end_date), retention, shelf_metres, page_count, inventory
                FROM files WHERE ? = 1 OR code COLLATE "binary" > ? ORDER BY code COLLATE "binary" LIMIT ?
                """, [.integer(isFirst ? 1 : 0), .text(lastCode), .integer(Int64(batchSize))])
            isFirst = false
            if files.isEmpty { break }
            let ids = files.compactMap { $0[0].int }.map { SQLValue.integer(Int64($0)) }
            var documents: [Int: [ExportedDocument]] = [:]
            for row in try connection.query("""
                SELECT file_id, doc_code, ordinal, metadata, first_page, last_page, pdf_path, pdf_sha256, pdf_size
                FROM documents WHERE file_id IN (\(ids.map { _ in "?" }.joined(separator: ", "))) ORDER BY file_id, ordinal
                """, ids) {
                guard let fileID = row[0].int else { continue }
                documents[fileID, default: []].append(ExportedDocument(
                    code: row[1].string ?? "", ordinal: row[2].int ?? 0, metadata: Self.fields(ofMetadata: row[3].string),
                    firstPage: row[4].int ?? 0, lastPage: row[5].int ?? 0, pdfPath: row[6].string ?? "",
                    sha256: row[7].string ?? "", size: Int64(row[8].int ?? 0)))
            }
            for row in files {
                let inventory = Self.fields(ofMetadata: row[8].string)
                let code = row[1].string ?? ""
                lastCode = code
                try body(ExportedFile(
                    code: code, title: row[2].string ?? "", startDate: row[3].string ?? "", endDate: row[4].string ?? "",
                    retention: row[5].string ?? "", shelfMetres: row[6].double, pageCount: row[7].int ?? 0,
                    fonds: inventory["fonds"] ?? "", inventory: inventory["inventory"] ?? "", box: inventory["box"] ?? "",
                    fileNumber: inventory["file_no"] ?? "", documents: documents[row[0].int ?? -1] ?? []))
            }
        }
    }

    /// The string (and number) members of a JSON object; empty for anything unreadable. Read loosely on
    /// purpose: the metadata extractor may add fields, and an export must never fail on one row.
    static func fields(ofMetadata json: String?) -> [String: String] {
        guard let json, let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else { return [:] }
        var fields: [String: String] = [:]
        for (key, value) in object {
            if let text = value as? String { fields[key] = text } else if let number = value as? NSNumber { fields[key] = number.stringValue }
        }
        return fields
    }
}
