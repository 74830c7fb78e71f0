import Foundation

/// The catalogue as JSON (`digitize export json`), exactly:
/// `{"files":[{"file_code","title","start_date","end_date","retention","shelf_metres","page_count",
/// "documents":[{"doc_code","ordinal","system","doc_type","number","symbol","date","place","issuer_upper",
/// "issuer","excerpt","signer","signer_position","authority","security","urgency","first_page","last_page",
/// "pdf","sha256"}]}]}` — keys in this order, files by file code, documents by ordinal.
/// Text fields are strings ("" when unknown); `shelf_metres` is a number or `null`; `pdf` is relative
/// to the archive. Written file by file, so memory stays flat.
enum ExportJSON {
    static func write(_ records: ExportRecords, to output: ExportOutput) throws {
        try output.write("{\n  \"files\": [")
        var isFirst = true
        try records.forEachFile { file in
            try output.write((isFirst ? "\n    " : ",\n    ") + value(of: file).rendered(nestedAt: 2))
            isFirst = false
        }
        try output.write(isFirst ? "]\n}\n" : "\n  ]\n}\n")
    }

    static func value(of file: ExportedFile) -> JSONValue {
        .object([
            ("file_code", .string(file.code)),
            ("title", .string(file.title)),
            ("start_date", .string(file.startDate)),
            ("end_date", .string(file.endDate)),
            ("retention", .string(file.retention)),
            ("shelf_metres", .number(file.shelfMetres)),
            ("page_count", .integer(file.pageCount)),
            ("documents", .array(file.documents.map(value(of:)))),
        ])
    }

    static func value(of document: ExportedDocument) -> JSONValue {
        var members: [(String, JSONValue)] = [("doc_code", .string(document.code)), ("ordinal", .integer(document.ordinal))]
        members += ExportedDocument.metadataKeys.map { ($0, .string(document[$0])) }
        members += [("first_page", .integer(document.firstPage)), ("last_page", .integer(document.lastPage)),
                    ("pdf", .string(document.pdfPath)), ("sha256", .string(document.sha256))]
        return .object(members)
    }
}
