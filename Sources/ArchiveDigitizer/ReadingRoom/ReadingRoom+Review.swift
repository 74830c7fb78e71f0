import Foundation

extension ReadingRoom {
    /// A reviewer's form on a document: `correct` (field, value, reason), `reviewed`, `split` (page, reason),
    /// `merge` (with the next document; reason). Done through the catalogue's corrections, which record
    /// the ledger event and rebuild the PDFs; then back to the document (or its first part) with a notice.
    func review(_ request: HTTPRequest, action: String, document: RoomDocument, reviewer: Account, frame: RoomPage) throws -> HTTPResponse {
        let fields = request.formFields
        let reason = fields["reason"].flatMap { $0.isEmpty ? nil : $0 } ?? frame.t("room.review")
        var target = document.code
        do {
            try pool.writing { catalogue in
                switch action {
                case "correct":
                    try catalogue.correct(document.code, field: fields["field"] ?? "", value: fields["value"] ?? "", by: reviewer.name,
                                          reason: reason, archive: archive)
                case "reviewed":
                    try catalogue.markReviewed(document.code, by: reviewer.name, reason: reason)
                case "split":
                    try catalogue.split(document.code, atPage: Int(fields["page"] ?? "") ?? 0, by: reviewer.name, reason: reason, archive: archive)
                case "merge":
                    let next = DocumentNaming.documentCode(fileCode: document.fileCode, ordinal: document.ordinal + 1)
                    try catalogue.merge(document.code, with: next, by: reviewer.name, reason: reason, archive: archive)
                default:
                    throw CorrectionError.unknownField(action)
                }
            }
        } catch let error as CorrectionError {
            return .html(frame.render(title: "400", body: "<p class=\"error\">\(frame.e(error.description))</p>"), status: 400)
        }
        if action == "split" { target = document.code }
        let notice = frame.t("room.done", frame.t(action == "correct" ? "room.correct" : action == "reviewed" ? "room.markReviewed"
                                                  : action == "split" ? "room.split" : "room.merge"))
        return .redirect(to: frame.link("/documents/\(target)", [("done", notice)]))
    }
}
