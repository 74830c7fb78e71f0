import Foundation

/// A file (hồ sơ) with the documents the reader may see (`/files/<FileCode>`).
struct FilePageView {
    var frame: RoomPage
    var fileCode: String
    var fileTitle: String
    var documents: [RoomDocument]

    func render() -> String {
        let e = frame.e
        var body = "<h1>\(e(frame.t("room.file"))) \(e(fileCode))</h1>\n"
        if !fileTitle.isEmpty { body += "<p>\(e(fileTitle))</p>\n" }
        body += "<h2>\(e(frame.t("room.documents")))</h2>\n<ol class=\"documents\">\n"
        for document in documents {
            let date = document.metadata.date.isEmpty ? "" : " · " + MessageCatalogue.date(document.metadata.date, frame.language)
            body += "<li><a href=\"\(e(frame.link("/documents/\(document.code)")))\">\(e(document.title))</a> "
                + "<span class=\"meta\">\(e(document.code))\(e(date)) · \(e(frame.t("room.pageCount", String(document.lastPage - document.firstPage + 1))))</span></li>\n"
        }
        body += "</ol>"
        return frame.render(title: "\(frame.t("room.file")) \(fileCode)", body: body)
    }
}

/// The review queue (`/review`): documents whose fields need a person's eye, the least trustworthy first.
struct ReviewQueueView {
    struct Entry {
        var document: RoomDocument
        /// The lowest confidence among its fields (0 for a required field that is empty).
        var worst: Double
        var reasons: [String]
    }

    var frame: RoomPage
    var entries: [Entry]

    /// The documents that need review, worst first: a required field empty, a field read with
    /// confidence under the threshold `digitize progress` uses, or boundaries in doubt; documents
    /// marked reviewed are left out.
    /// `reviewed` and `corrected` name documents as `<file code>\0<first page>` (and `\0<field>`).
    static func entries(of documents: [RoomDocument], reviewed: Set<String>, corrected: Set<String>, language: MessageLanguage) -> [Entry] {
        documents.compactMap { document -> Entry? in
            let key = "\(document.fileCode)\u{0}\(document.firstPage)"
            guard !reviewed.contains(key) else { return nil }
            let values = DocumentPageView.values(of: document.metadata)
            var worst = 1.0
            var reasons: [String] = []
            for field in DocumentPageView.fields where !corrected.contains("\(key)\u{0}\(field)") {
                if DocumentPageView.requiredFields.contains(field), (values[field] ?? "").isEmpty {
                    worst = 0
                    reasons.append(MessageCatalogue.text("field.\(field)", language) + " —")
                } else if let confidence = document.metadata.confidence[field], confidence < ProgressAttention.metadataConfidenceThreshold {
                    worst = min(worst, confidence)
                    reasons.append(MessageCatalogue.text("field.\(field)", language) + " \(Int((confidence * 100).rounded())) %")
                }
            }
            // Where the document begins or ends is in doubt (`DocumentSplitter.splitNotingDoubts`); a split or
            // merge by a person makes the boundaries theirs, and the mark goes with the rebuilt record.
            if let confidence = document.metadata.confidence["boundaries"], confidence < ProgressAttention.metadataConfidenceThreshold {
                worst = min(worst, confidence)
                reasons.append(MessageCatalogue.text("field.boundaries", language) + " \(Int((confidence * 100).rounded())) %")
            }
            return reasons.isEmpty ? nil : Entry(document: document, worst: worst, reasons: reasons)
        }.sorted { ($0.worst, $0.document.code) < ($1.worst, $1.document.code) }
    }

    func render() -> String {
        let e = frame.e
        let t = frame.t
        var body = "<h1>\(e(t("room.review.queue")))</h1>\n"
        guard !entries.isEmpty else { return frame.render(title: t("room.review.queue"), body: body + "<p>\(e(t("room.review.empty")))</p>") }
        body += "<table class=\"queue\"><tr><th>\(e(t("room.document")))</th><th>\(e(t("room.review.worst")))</th><th>\(e(t("room.review.reasons")))</th></tr>\n"
        for entry in entries {
            body += "<tr><td><a href=\"\(e(frame.link("/documents/\(entry.document.code)")))\">\(e(entry.document.code))</a><br>"
                + "<span class=\"meta\">\(e(entry.document.title))</span></td><td>\(Int((entry.worst * 100).rounded())) %</td>"
                + "<td>\(e(entry.reasons.joined(separator: ", ")))</td></tr>\n"
        }
        body += "</table>"
        return frame.render(title: t("room.review.queue"), body: body)
    }
}

/// The sign-in form (`/login`).
struct LoginPageView {
    var frame: RoomPage
    var failed: Bool
    var next: String

    func render() -> String {
        let e = frame.e
        let t = frame.t
        let body = """
        <h1>\(e(t("room.login")))</h1>
        \(failed ? "<p class=\"error\">\(e(t("room.login.failed")))</p>" : "")
        <form method="post" action="/login" class="login">\(frame.csrfField)
        <input type="hidden" name="next" value="\(e(next))">
        <p><label>\(e(t("room.login.name"))) <input name="name" autocomplete="username" required></label></p>
        <p><label>\(e(t("room.login.password"))) <input name="password" type="password" autocomplete="current-password" required></label></p>
        <p><button type="submit">\(e(t("room.login")))</button></p></form>
        """
        return frame.render(title: t("room.login"), body: body)
    }
}
