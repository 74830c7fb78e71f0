import Foundation

/// A document's page (`/documents/<DOC_CODE>`): its metadata fields with confidences and review marks,
/// the correction forms for reviewers, the correction history, and its pages as images with the words
/// of the search (`?q=`) boxed from the stored word boxes, each with a link that opens the PDF there.
struct DocumentPageView {
    var frame: RoomPage
    var document: RoomDocument
    var pages: [RoomPageRecord]
    var corrections: [RoomCorrection]
    /// The words to box on the pages (`?q=`), if any.
    var query: SearchQuery?
    var notice: String?

    /// The fields shown, in the order of a document's header (TT02 names in `MessageCatalogue`).
    static let fields = FileCorrections.correctableFields
    /// Fields a document must have; an empty one is marked for review (as `digitize progress` lists them).
    static let requiredFields: Set<String> = ["doc_type", "number", "date"]

    func render() -> String {
        let e = frame.e
        let t = frame.t
        let values = Self.values(of: document.metadata)
        let corrected = Dictionary(corrections.map { ($0.field, $0) }, uniquingKeysWith: { _, last in last })
        var body = "<h1>\(e(document.title))</h1>\n"
        if let notice { body += "<p class=\"notice\">\(e(notice))</p>" }
        body += "<p class=\"meta\">\(e(t("room.document"))) <strong>\(e(document.code))</strong> · \(e(t("room.file"))) "
            + "<a href=\"\(e(frame.link("/files/\(document.fileCode)")))\">\(e(document.fileCode))</a> · "
            + "\(e(t("room.pageCount", String(document.lastPage - document.firstPage + 1))))"
            + " · <a class=\"pdf\" href=\"\(e("/documents/\(document.code).pdf"))\">PDF</a></p>\n"
        if let reviewed = corrected["reviewed"] {
            body += "<p class=\"notice reviewed\">\(e(t("room.review.reviewed", reviewed.by, MessageCatalogue.date(reviewed.at, frame.language))))</p>"
        }
        body += "<table class=\"fields\"><tr><th>\(e(t("room.field")))</th><th>\(e(t("room.value")))</th>"
            + "<th>\(e(t("room.confidence")))</th><th>\(e(t("room.review")))</th></tr>\n"
        for field in Self.fields {
            let value = values[field] ?? ""
            let confidence = document.metadata.confidence[field]
            let correction = corrected[field]
            let needsReview = correction == nil && (Self.requiredFields.contains(field) && value.isEmpty
                || (confidence.map { $0 < ProgressAttention.metadataConfidenceThreshold } ?? false))
            let shown = field == "date" && !value.isEmpty ? MessageCatalogue.date(value, frame.language) : value
            body += "<tr data-field=\"\(field)\"><td>\(e(t("field.\(field)")))</td><td class=\"value\">\(e(shown).replacingOccurrences(of: "\n", with: "<br>"))</td>"
            body += "<td>\(correction != nil ? "—" : confidence.map { "\(Int(($0 * 100).rounded())) %" } ?? "")</td><td>"
            if let correction {
                body += "<span class=\"corrected\">\(e(t("room.review.corrected", correction.by)))</span>"
            } else if needsReview {
                body += "<span class=\"low\">\(e(t("room.review.needed")))</span>"
            }
            body += "</td></tr>\n"
        }
        body += "</table>\n"
        if let account = frame.account, account.role >= .reviewer { body += forms(values: values) }
        let history = corrections.filter { $0.field != "reviewed" }
        if !history.isEmpty {
            body += "<h2>\(e(t("room.history")))</h2><ul class=\"history\">"
            for correction in history {
                body += "<li>\(e(correction.at)) — \(e(correction.by)): \(e(t("field.\(correction.field)"))) = “\(e(correction.value))” (\(e(correction.reason)))</li>"
            }
            body += "</ul>\n"
        }
        body += "<h2>\(e(t("room.pages")))</h2>\n<div class=\"pages\">\n"
        for page in pages { body += figure(page) }
        body += "</div>"
        return frame.render(title: document.title, body: body)
    }

    private func forms(values: [String: String]) -> String {
        let e = frame.e
        let t = frame.t
        let action = "/documents/\(document.code)"
        let options = Self.fields.map { field in "<option value=\"\(field)\">" + e(t("field." + field)) + "</option>" }.joined()
        var html = """
        <h2>\(e(t("room.correct")))</h2>
        <form method="post" action="\(e(action))/correct" class="correct">\(frame.csrfField)
        <label>\(e(t("room.field"))) <select name="field">\(options)</select></label>
        <label>\(e(t("room.value"))) <input name="value" size="40"></label>
        <label>\(e(t("room.correct.reason"))) <input name="reason" size="30"></label>
        <button type="submit">\(e(t("room.correct.save")))</button></form>
        <form method="post" action="\(e(action))/reviewed" class="reviewed">\(frame.csrfField)
        <button type="submit">\(e(t("room.markReviewed")))</button></form>
        """
        if document.lastPage > document.firstPage {
            html += """
            <form method="post" action="\(e(action))/split" class="split">\(frame.csrfField)
            <label>\(e(t("room.split"))) <input name="page" type="number" min="2" max="\(document.lastPage - document.firstPage + 1)" size="4"></label>
            <label>\(e(t("room.correct.reason"))) <input name="reason" size="30"></label>
            <button type="submit">\(e(t("room.split")))</button></form>
            """
        }
        html += """
        <form method="post" action="\(e(action))/merge" class="merge">\(frame.csrfField)
        <label>\(e(t("room.correct.reason"))) <input name="reason" size="30"></label>
        <button type="submit">\(e(t("room.merge")))</button></form>
        """
        return html
    }

    /// One page: the image in an SVG in the word boxes' own pixel frame, a box on each word of the search.
    private func figure(_ page: RoomPageRecord) -> String {
        let e = frame.e
        let pdfPage = page.pageNumber - document.firstPage + 1
        let width = max(page.width, 1), height = max(page.height, 1)
        var rects = ""
        for word in page.words where isHit(word.text) {
            rects += "<rect class=\"hit\" x=\"\(word.box.left)\" y=\"\(word.box.top)\" width=\"\(word.box.width)\" height=\"\(word.box.height)\"><title>\(e(word.text))</title></rect>"
        }
        return """
        <figure id="page-\(pdfPage)"><figcaption>\(e(frame.t("room.pdfPage", String(pdfPage)))) · \
        <a class="pdf" href="\(e("/documents/\(document.code).pdf#page=\(pdfPage)"))">\(e(frame.t("room.openPDF")))</a></figcaption>
        <svg viewBox="0 0 \(width) \(height)" width="\(min(width, 900))" role="img" aria-label="\(e(frame.t("room.pdfPage", String(pdfPage))))">
        <image href="\(e("/documents/\(document.code)/pages/\(pdfPage).png"))" x="0" y="0" width="\(width)" height="\(height)"/>\(rects)</svg></figure>

        """
    }

    /// Whether a stored word holds one of the search's words (folded as search folds them).
    private func isHit(_ text: String) -> Bool {
        guard let query else { return false }
        let keys = SearchSnippet.wordRanges(in: text).map { SearchQuery.key(String(text[$0])) }
        return query.groups.contains { group in
            group.words.enumerated().contains { index, word in
                let wanted = SearchQuery.key(word)
                return keys.contains { group.isPrefix && index == group.words.count - 1 ? $0.hasPrefix(wanted) : $0 == wanted }
            }
        }
    }

    /// The metadata's fields by their JSON names, as text.
    static func values(of metadata: DocumentMetadata) -> [String: String] {
        FileCorrections.keyPaths.mapValues { metadata[keyPath: $0] }
    }
}
