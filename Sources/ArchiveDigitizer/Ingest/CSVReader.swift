import Foundation

/// Reads RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF, optional UTF-8 BOM).
///
/// Foundation has no CSV parser and no package may be added, so this is the small glue.
public enum CSVReader {
    /// Splits `text` into rows of fields. Unbalanced quotes end the field at the end of input.
    public static func rows(in text: String) -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var isQuoted = false
        var characters = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return characters.next()
        }
        var isFirst = true
        while let scalar = next() {
            if isFirst { isFirst = false; if scalar == "\u{FEFF}" { continue } }
            if isQuoted {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { isQuoted = false; pending = following }
                    } else { isQuoted = false }
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where field.isEmpty: isQuoted = true
            case ",": row.append(field); field = ""
            case "\r": continue
            case "\n":
                row.append(field); field = ""
                rows.append(row); row = []
            default: field.unicodeScalars.append(scalar)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows.filter { !($0.count == 1 && $0[0].trimmingCharacters(in: .whitespaces).isEmpty) }
    }
}
