/// Escaping for text placed in HTML, SVG and XML.
///
/// Everything that comes from OCR, the inventory or the catalogue can hold `<`, `&` or quotes (a
/// scanner's stray marks read as `<script>` are not impossible); it goes into a report page or an
/// XML export only through here.
public enum MarkupText {
    /// `text` safe inside an element or a double- or single-quoted attribute. Control characters
    /// that neither HTML text nor XML 1.0 allows are dropped; tab and line breaks are kept.
    public static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            case "\t", "\n", "\r": output.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0x7F || scalar.value == 0xFFFE || scalar.value == 0xFFFF:
                continue
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
