import Foundation

/// The catalogue as CSV (`digitize export csv`): one row per document, headed by the document field
/// names of Thông tư 02/2019/TT-BNV, then the Party-archive extras, the PDF, and the fields the
/// extractor asks a person to check (`Review`, e.g. "excerpt, place").
///
/// For spreadsheets: UTF-8 with a byte-order mark (so Excel shows Vietnamese correctly), CRLF line
/// ends, RFC 4180 quoting, and every cell that starts with `=`, `+`, `-`, `@`, tab or carriage return
/// prefixed with `'` — OCR text must never become a formula (CSV injection).
enum ExportCSV {
    /// Column headers, in order. TT02 fields the pipeline cannot know yet (Description, InforSign,
    /// Keyword, Mode, ConfidenceLevel, Autograph, Format) are present and empty.
    static let headers = ["DocCode", "FileCode", "DocOrdinal", "TypeName", "CodeNumber", "CodeNotation", "IssuedDate",
                          "OrganName", "Subject", "Language", "PageAmount", "Description", "InforSign", "Keyword", "Mode",
                          "ConfidenceLevel", "Autograph", "Format", "Signer", "SignerPosition", "Security", "Urgency",
                          "Pdf", "Sha256", "Review"]

    static func write(_ records: ExportRecords, to output: ExportOutput) throws {
        try output.write("\u{FEFF}" + line(headers))
        try records.forEachFile { file in
            for document in file.documents {
                try output.write(line(row(document, file: file)))
            }
        }
    }

    static func row(_ document: ExportedDocument, file: ExportedFile) -> [String] {
        [document.code, file.code, String(document.ordinal), document["doc_type"], document["number"], document["symbol"],
         document["date"], document["issuer"], document["excerpt"], languageName(document["language"]),
         String(document.pageAmount), "", "", "", "", "", "", "", document["signer"], document["signer_position"],
         document["security"], document["urgency"], document.pdfPath, document.sha256, document["review"]]
    }

    /// TT02 records the language by name.
    static func languageName(_ code: String) -> String {
        switch code {
        case "vi", "vie", "": return "Tiếng Việt"
        case "en", "eng": return "Tiếng Anh"
        case "fr", "fra": return "Tiếng Pháp"
        default: return code
        }
    }

    static func line(_ cells: [String]) -> String {
        cells.map(cell).joined(separator: ",") + "\r\n"
    }

    /// One cell: neutralised if it could start a formula, quoted if it holds a comma, quote or line break.
    static func cell(_ value: String) -> String {
        var text = value
        if let first = text.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
