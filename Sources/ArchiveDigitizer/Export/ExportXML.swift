import Foundation

/// The catalogue as XML (`digitize export xml`): one `<File>` record per archival file with its
/// `<Document>` records, elements named after the fields of Thông tư 02/2019/TT-BNV (FileCode,
/// OrganId, FileCatalog, FileNotation, Title, Maintenance, …; DocCode, TypeName, CodeNumber, …),
/// plus the Party-archive extras (Signer, Security, Urgency), the PDF's path and SHA-256, and the
/// fields to review (`Review`).
///
/// All text is escaped, and characters XML 1.0 forbids (control characters OCR can produce) are
/// dropped, so any XML parser accepts the file.
enum ExportXML {
    static func write(_ records: ExportRecords, to output: ExportOutput, exportedAt: Date) throws {
        try output.write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Digitized archival files and documents; field names of Thông tư 02/2019/TT-BNV. -->
        <Catalogue exported="\(MarkupText.escape(Timestamp.string(exportedAt)))" generator="digitize">

        """)
        try records.forEachFile { file in try output.write(record(file)) }
        try output.write("</Catalogue>\n")
    }

    static func record(_ file: ExportedFile) -> String {
        var lines = ["  <File>"]
        func add(_ name: String, _ value: String, indent: String = "    ") {
            lines.append(value.isEmpty ? "\(indent)<\(name)/>" : "\(indent)<\(name)>\(MarkupText.escape(value))</\(name)>")
        }
        add("FileCode", file.code)
        add("OrganId", file.fonds)
        add("FileCatalog", file.inventory)
        add("FileNotation", file.fileNumber)
        add("Title", file.title)
        add("Maintenance", file.retention)
        add("Language", "Tiếng Việt")
        add("StartDate", file.startDate)
        add("EndDate", file.endDate)
        add("TotalDoc", String(file.documents.count))
        add("PageNumber", String(file.pageCount))
        add("Box", file.box)
        add("ShelfMetres", file.shelfMetres.map { "\($0)" } ?? "")
        lines.append("    <Documents>")
        for document in file.documents {
            let indent = "        "
            lines.append("      <Document>")
            add("DocCode", document.code, indent: indent)
            add("FileCode", file.code, indent: indent)
            add("DocOrdinal", String(document.ordinal), indent: indent)
            add("TypeName", document["doc_type"], indent: indent)
            add("CodeNumber", document["number"], indent: indent)
            add("CodeNotation", document["symbol"], indent: indent)
            add("IssuedDate", document["date"], indent: indent)
            add("IssuedPlace", document["place"], indent: indent)
            add("OrganNameUpper", document["issuer_upper"], indent: indent)
            add("OrganName", document["issuer"], indent: indent)
            add("Subject", document["excerpt"], indent: indent)
            add("Language", ExportCSV.languageName(document["language"]), indent: indent)
            add("PageAmount", String(document.pageAmount), indent: indent)
            add("Signer", document["signer"], indent: indent)
            add("SignerPosition", document["signer_position"], indent: indent)
            add("Authority", document["authority"], indent: indent)
            add("Security", document["security"], indent: indent)
            add("Urgency", document["urgency"], indent: indent)
            add("FirstPage", String(document.firstPage), indent: indent)
            add("LastPage", String(document.lastPage), indent: indent)
            add("Pdf", document.pdfPath, indent: indent)
            add("Sha256", document.sha256, indent: indent)
            add("Review", document["review"], indent: indent)
            lines.append("      </Document>")
        }
        lines.append("    </Documents>")
        lines.append("  </File>")
        return lines.joined(separator: "\n") + "\n"
    }
}
