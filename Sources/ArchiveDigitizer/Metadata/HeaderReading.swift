import Foundation

/// What a page's header says (HD 36-HD/VPTW and NĐ 30/2020 first-page layout), each value with
/// its confidence, and the evidence that the page is the first page of a document.
struct HeaderReading: Sendable {
    var system = FieldReading()
    var issuerUpper = FieldReading()
    var issuer = FieldReading()
    var docType = FieldReading()
    var number = FieldReading()
    var symbol = FieldReading()
    var date = FieldReading()
    var place = FieldReading()
    var excerpt = FieldReading()
    var security = FieldReading()
    var urgency = FieldReading()

    /// The type abbreviation in the symbol (`QĐ` of `QĐ/TU`), empty for a state công văn.
    var symbolType = ""
    /// `V/v` introduced an excerpt under the number: the mark of a công văn.
    var hasSubjectLine = false

    /// "ĐẢNG CỘNG SẢN VIỆT NAM" or "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" / "Độc lập - Tự do - Hạnh phúc" at the top right.
    var hasMotto = false
    /// A `Số …` line in the left header column.
    var hasNumberLine = false
    /// `<Place>, ngày … tháng … năm …` in the right header column.
    var hasDateLine = false
    /// A type line (`QUYẾT ĐỊNH`) centred under the header.
    var hasTypeLine = false
    /// Upper-case lines in the left header column above the number.
    var hasIssuerLines = false
    /// A bare page number centred at the top: the mark of a continuation page.
    var hasPageNumberAtTop = false

    /// Whether the page opens a document: a motto, or a number line with a second header part,
    /// or a date line with a type line. A type line alone is not enough: continuation pages of a
    /// decision often carry "QUYẾT ĐỊNH:" before the articles.
    var startsDocument: Bool {
        if hasMotto { return true }
        if hasNumberLine, hasDateLine || hasTypeLine || hasIssuerLines { return true }
        if hasDateLine, hasTypeLine, !hasPageNumberAtTop { return true }
        return false
    }
}
