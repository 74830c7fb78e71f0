import Foundation

extension ReadingRoom {
    /// `/documents/<DOC_CODE>`, `/documents/<DOC_CODE>.pdf`, `/documents/<DOC_CODE>/pages/<N>.png`, and the
    /// reviewers' forms posted to `/documents/<DOC_CODE>/<correct|reviewed|split|merge>`.
    func documentRoute(_ request: HTTPRequest, parts: [String], reader: Account, frame: RoomPage) throws -> HTTPResponse {
        var code = parts[0]
        let isPDF = parts.count == 1 && code.hasSuffix(".pdf")
        if isPDF { code = String(code.dropLast(4)) }
        guard let document = try pool.reading({ try $0.roomDocument(code: code) }), reader.mayRead(document.level) else {
            return notFound(frame)
        }
        switch (request.method, parts.count) {
        case ("GET", 1) where isPDF:
            try recordView(of: document, by: reader, as: "PDF")
            guard let data = FileManager.default.contents(atPath: archive.appendingPathComponent(document.pdfPath).path) else {
                return notFound(frame)
            }
            return HTTPResponse(contentType: "application/pdf", body: data,
                                headers: [("Content-Disposition", "inline; filename=\"\(document.code).pdf\"")])
                .adding("Content-Security-Policy", "default-src 'none'; object-src 'self'; frame-ancestors 'self'")
        case ("GET", 1):
            try recordView(of: document, by: reader, as: "page")
            let (pages, corrections) = try pool.reading { ( try $0.roomPages(of: document), try $0.roomCorrections(of: document)) }
            let words = request.query["q"] ?? ""
            let view = DocumentPageView(frame: frame, document: document, pages: pages, corrections: corrections,
                                        query: words.isEmpty ? nil : try? SearchQuery(words), notice: request.query["done"])
            return .html(view.render())
        case ("GET", 3) where parts[1] == "pages" && parts[2].hasSuffix(".png"):
            guard let number = Int(parts[2].dropLast(4)),
                  let page = try pool.reading({ try $0.roomPages(of: document) }).first(where: { $0.pageNumber - document.firstPage + 1 == number }) else {
                return notFound(frame)
            }
            try recordView(of: document, by: reader, as: "page image \(number)")
            let decoded = try PageDecoder().decode(page.location)
            let png = try decoded.image.previewPNG(rotation: page.rotation, width: 1000)
            return HTTPResponse(contentType: "image/png", body: png)
        case ("POST", 2):
            guard reader.role >= .reviewer else { return forbidden(frame) }
            return try review(request, action: parts[1], document: document, reviewer: reader, frame: frame)
        default:
            return notFound(frame)
        }
    }

    /// Records in the ledger that `reader` saw a marked document, before it is shown: if the record
    /// cannot be made, the document is not shown (the error page says why).
    func recordView(of document: RoomDocument, by reader: Account, as what: String) throws {
        guard document.level != .unmarked else { return }
        try pool.writing { catalogue in
            try catalogue.log("marked-document-viewed", subject: document.code,
                              detail: "\(document.level.mark) \(what) viewed by \(reader.name.isEmpty ? "anonymous" : reader.name) (\(reader.role.rawValue))")
        }
    }
}
