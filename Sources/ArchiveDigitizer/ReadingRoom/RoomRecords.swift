import Foundation

/// A document as the reading room shows it, read from the catalogue.
struct RoomDocument {
    var id: Int
    var code: String
    var fileID: Int
    var fileCode: String
    var ordinal: Int
    var firstPage: Int
    var lastPage: Int
    var title: String
    var metadata: DocumentMetadata
    var pdfPath: String
    /// Its security mark's level (from the metadata; an unreadable record counts as the highest).
    var level: SecurityLevel
}

/// One page of a document, with what is needed to draw it and its words' boxes.
struct RoomPageRecord {
    var pageNumber: Int
    var location: PageLocation
    /// Upright size in pixels (the stored size turned by `rotation`): the word boxes' frame.
    var width: Int
    var height: Int
    var rotation: Int
    var words: [RecognizedWord]
}

/// A human correction on record (`corrections`).
struct RoomCorrection {
    var field: String
    var value: String
    var by: String
    var at: String
    var reason: String
}

/// The reading room's reads of the catalogue.
extension Catalogue {
    static let roomDocumentColumns = """
        d.id, d.doc_code, d.file_id, f.code, d.ordinal, d.first_page, d.last_page, d.title, d.metadata, d.pdf_path
        """

    func roomDocument(code: String) throws -> RoomDocument? {
        try connection.query("SELECT \(Self.roomDocumentColumns) FROM documents d JOIN files f ON f.id = d.file_id WHERE d.doc_code = ?",
                             [.text(code)]).first.flatMap(Self.roomDocument)
    }

    /// The documents of a file, in order.
    func roomDocuments(fileCode: String) throws -> [RoomDocument] {
        try connection.query("""
            SELECT \(Self.roomDocumentColumns) FROM documents d JOIN files f ON f.id = d.file_id WHERE f.code = ? ORDER BY d.ordinal
            """, [.text(fileCode)]).compactMap(Self.roomDocument)
    }

    /// Every document (the review queue sorts them itself).
    func allRoomDocuments() throws -> [RoomDocument] {
        try connection.query("SELECT \(Self.roomDocumentColumns) FROM documents d JOIN files f ON f.id = d.file_id ORDER BY d.id")
            .compactMap(Self.roomDocument)
    }

    static func roomDocument(_ row: [SQLValue]) -> RoomDocument? {
        guard let id = row[0].int, let code = row[1].string, let fileID = row[2].int else { return nil }
        let json = row[8].string ?? ""
        let metadata = try? JSONDecoder().decode(DocumentMetadata.self, from: Data(json.utf8))
        return RoomDocument(id: id, code: code, fileID: fileID, fileCode: row[3].string ?? "", ordinal: row[4].int ?? 0,
                            firstPage: row[5].int ?? 0, lastPage: row[6].int ?? 0, title: row[7].string ?? code,
                            metadata: metadata ?? DocumentMetadata(), pdfPath: row[9].string ?? "",
                            level: metadata.map { SecurityLevel(mark: $0.security) } ?? .topSecret)
    }

    /// The done pages of a document, in order, with their word boxes.
    func roomPages(of document: RoomDocument) throws -> [RoomPageRecord] {
        let decoder = JSONDecoder()
        return try connection.query("""
            SELECT p.page_number, s.path, s.format, p.frame, p.width, p.height, p.rotation, p.words
            FROM pages p JOIN sources s ON s.id = p.source_id
            WHERE p.file_id = ? AND p.state = 'done' AND p.page_number BETWEEN ? AND ? ORDER BY p.page_number
            """, [.integer(Int64(document.fileID)), .integer(Int64(document.firstPage)), .integer(Int64(document.lastPage))]).compactMap { row in
            guard let number = row[0].int, let path = row[1].string, let format = row[2].string.flatMap(ScanFormat.init(rawValue:)) else { return nil }
            let rotation = row[6].int ?? 0
            let isTurned = rotation % 180 != 0
            let width = row[4].int ?? 0, height = row[5].int ?? 0
            let words = row[7].string.flatMap { try? decoder.decode([RecognizedWord].self, from: Data($0.utf8)) } ?? []
            return RoomPageRecord(pageNumber: number, location: PageLocation(path: path, format: format, frame: row[3].int ?? 0),
                                  width: isTurned ? height : width, height: isTurned ? width : height, rotation: rotation, words: words)
        }
    }

    /// The human corrections of a document (and its file's boundary decisions), oldest first.
    func roomCorrections(of document: RoomDocument) throws -> [RoomCorrection] {
        try connection.query("""
            SELECT field, value, corrected_by, corrected_at, reason FROM corrections
            WHERE file_code = ? AND first_page IN (?, 0) ORDER BY corrected_at, field
            """, [.text(document.fileCode), .integer(Int64(document.firstPage))]).map { row in
            RoomCorrection(field: row[0].string ?? "", value: row[1].string ?? "", by: row[2].string ?? "",
                           at: row[3].string ?? "", reason: row[4].string ?? "")
        }
    }
}
