import Foundation

/// What the search form asked for: the words, the same filters as `digitize search`, and the page of results.
struct RoomSearchRequest {
    var words: String
    var type: String
    var from: String
    var to: String
    var issuer: String
    /// 1-based page of results.
    var page: Int

    static let resultsPerPage = 10

    init(_ query: [String: String]) {
        words = query["q"] ?? ""
        type = query["type"] ?? ""
        from = query["from"] ?? ""
        to = query["to"] ?? ""
        issuer = query["issuer"] ?? ""
        page = max(1, min(Int(query["page"] ?? "") ?? 1, 1000))
    }

    /// The query arguments that repeat this search (for paging and links).
    var arguments: [(String, String)] { [("q", words), ("type", type), ("from", from), ("to", to), ("issuer", issuer)] }
}

/// The search page (`/` and `/search`): the form, then the results with snippets, highlighted words and paging.
struct SearchPageView {
    var frame: RoomPage
    var request: RoomSearchRequest
    var results: SearchResults?
    var error: String?

    func render() -> String {
        let e = frame.e
        let t = frame.t
        var body = """
        <h1>\(e(t("room.search")))</h1>
        <form class="search-form" method="get" action="/search" role="search">
        <input type="search" name="q" value="\(e(request.words))" placeholder="\(e(t("room.search.placeholder")))" autofocus>
        <button type="submit">\(e(t("room.search")))</button>
        \(frame.language == .english ? "<input type=\"hidden\" name=\"lang\" value=\"en\">" : "")
        <p class="filters">
        <label>\(e(t("room.search.type"))) <input name="type" value="\(e(request.type))" size="12"></label>
        <label>\(e(t("room.search.from"))) <input name="from" value="\(e(request.from))" size="10" placeholder="YYYY-MM-DD"></label>
        <label>\(e(t("room.search.to"))) <input name="to" value="\(e(request.to))" size="10" placeholder="YYYY-MM-DD"></label>
        <label>\(e(t("room.search.issuer"))) <input name="issuer" value="\(e(request.issuer))" size="16"></label>
        </p></form>
        """
        if let error { body += "<p class=\"error\">\(e(t("room.search.bad", error)))</p>" }
        guard let results else { return frame.render(title: t("room.search"), body: body) }
        let start = (request.page - 1) * RoomSearchRequest.resultsPerPage
        let hits = Array(results.hits.dropFirst(start).prefix(RoomSearchRequest.resultsPerPage))
        if results.total == 0 {
            body += "<p class=\"none\">\(e(t("room.search.none", request.words)))</p>"
            return frame.render(title: t("room.search"), body: body)
        }
        let total = MessageCatalogue.number(results.total, frame.language)
        body += "<p class=\"total\">\(e(t(results.totalIsLowerBound ? "room.search.totalAtLeast" : "room.search.total", total, request.words)))"
        if !hits.isEmpty {
            body += " — \(e(t("room.search.showing", String(start + 1), String(start + hits.count))))"
        }
        body += "</p>\n"
        if results.totalIsLowerBound {
            body += "<p class=\"capped\">\(e(t("room.search.capped", total)))</p>\n"
        }
        body += "<ol class=\"results\" start=\"\(start + 1)\">\n"
        for hit in hits { body += item(hit) }
        body += "</ol>\n<p class=\"paging\">"
        if request.page > 1 {
            body += "<a rel=\"prev\" href=\"\(e(frame.link("/search", request.arguments + [("page", String(request.page - 1))])))\">\(e(t("room.search.previous")))</a>"
        }
        if start + hits.count < results.total {
            body += "<a rel=\"next\" href=\"\(e(frame.link("/search", request.arguments + [("page", String(request.page + 1))])))\">\(e(t("room.search.next")))</a>"
        }
        body += "</p>"
        return frame.render(title: "\(request.words) — \(t("room.search"))", body: body)
    }

    private func item(_ hit: SearchHit) -> String {
        let e = frame.e
        let t = frame.t
        var html = "<li class=\"hit\">"
        if let code = hit.documentCode {
            let page = hit.pdfPageNumber ?? 1
            let documentLink = frame.link("/documents/\(code)", [("q", request.words)]) + "#page-\(page)"
            html += "<a class=\"document\" href=\"\(e(documentLink))\">\(e(hit.documentTitle ?? code))</a>"
            html += " <span class=\"meta\">\(e(code)) · \(e(t("room.pdfPage", String(page))))</span>"
            html += " · <a class=\"pdf\" href=\"\(e("/documents/\(code).pdf#page=\(page)"))\">\(e(t("room.openPDF")))</a>"
        } else {
            html += "<span class=\"document\">\(e(hit.fileCode)) \(e(t("room.noDocument")))</span>"
        }
        html += "<br><span class=\"meta\">\(e(t("room.file"))) <a href=\"\(e(frame.link("/files/\(hit.fileCode)")))\">\(e(hit.fileCode))</a>"
        if let number = hit.pageNumber { html += ", \(e(t("room.page", String(number))))" }
        html += "</span><br><span class=\"snippet\">\(Self.highlighted(hit.markedSnippet))</span></li>\n"
        return html
    }

    /// A marked snippet as HTML: every piece escaped, matches in `<mark>`.
    static func highlighted(_ marked: String) -> String {
        var output = "", piece = ""
        for scalar in marked.unicodeScalars {
            switch scalar {
            case "\u{2}":
                output += MarkupText.escape(piece) + "<mark>"
                piece = ""
            case "\u{3}":
                output += MarkupText.escape(piece) + "</mark>"
                piece = ""
            case "\n", "\r", "\t": piece += " "
            default: piece.unicodeScalars.append(scalar)
            }
        }
        return output + MarkupText.escape(piece)
    }
}
