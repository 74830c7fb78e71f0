import Foundation

extension SearchResults {
    /// The results as `search --json` prints them. Keys, in this order: `query` (as typed), `fts_query`
    /// (the FTS5 expression run), `filters` {`type`, `from`, `to`, `issuer`}, `total` (pages matching),
    /// `total_is_lower_bound` (true when the store stopped after as many matches as it ranks: `total`
    /// is then "at least", `SearchResults.totalIsLowerBound`), `returned`, `seconds`, `results`
    /// [{`file_code`, `document_code`, `document_title`, `pdf`, `page_number` (in the file),
    /// `pdf_page_number` (in the document's PDF), `page_label` (the scan), `snippet` (matched words
    /// wrapped in « and »), `score` (bm25; lower is better)}].
    public var json: JSONValue {
        .object([
            ("query", .string(query.text)),
            ("fts_query", .string(query.expression)),
            ("filters", .object([("type", .string(filters.type)), ("from", .string(filters.from)),
                                 ("to", .string(filters.to)), ("issuer", .string(filters.issuer))])),
            ("total", .integer(total)),
            ("total_is_lower_bound", .bool(totalIsLowerBound)),
            ("returned", .integer(hits.count)),
            ("seconds", .number((seconds * 10_000).rounded() / 10_000)),
            ("results", .array(hits.map { hit in
                .object([
                    ("file_code", .string(hit.fileCode)),
                    ("document_code", .string(hit.documentCode)),
                    ("document_title", .string(hit.documentTitle)),
                    ("pdf", .string(hit.pdfPath)),
                    ("page_number", hit.pageNumber.map { .integer($0) } ?? .null),
                    ("pdf_page_number", hit.pdfPageNumber.map { .integer($0) } ?? .null),
                    ("page_label", .string(hit.pageLabel)),
                    ("snippet", .string(hit.snippet(open: "«", close: "»"))),
                    ("score", .number((hit.rank * 1_000_000).rounded() / 1_000_000)),
                ])
            })),
        ])
    }

    /// The results for a terminal: one block per page, matches highlighted with `open`/`close`
    /// (ANSI bold when colour is allowed, « » otherwise).
    public func text(open: String = "«", close: String = "»") -> String {
        var lines: [String] = []
        let shown = hits.count
        let filterText = [filters.type.map { "type \($0)" }, filters.from.map { "from \($0)" }, filters.to.map { "to \($0)" },
                          filters.issuer.map { "issuer \($0)" }].compactMap { $0 }.joined(separator: ", ")
        let scope = filterText.isEmpty ? "" : " (\(filterText))"
        if total == 0 {
            lines.append("No page matches “\(query.text)”\(scope).")
            return lines.joined(separator: "\n")
        }
        if totalIsLowerBound {
            lines.append("At least \(total) pages match “\(query.text)”\(scope), too many to rank them all: the best \(shown) of the first \(total) "
                         + "found (in the order they were stored). Add a word or a filter to narrow the search; --limit 0 counts every match.")
        } else if shown == 0 {
            lines.append("\(total) page(s) match “\(query.text)”\(scope).")
        } else {
            lines.append("\(total) page(s) match “\(query.text)”\(scope)\(shown < total ? "; the best \(shown):" : ":")")
        }
        for (index, hit) in hits.enumerated() {
            let document = hit.documentCode.map { code in
                "\(code)" + (hit.pdfPageNumber.map { ", PDF page \($0)" } ?? "")
            } ?? "\(hit.fileCode) (no document yet)"
            let page = hit.pageNumber.map { "page \($0) of \(hit.fileCode)" } ?? hit.fileCode
            lines.append("")
            lines.append("\(index + 1). \(document) — \(page) — scan \(hit.pageLabel)")
            if let title = hit.documentTitle, !title.isEmpty, title != hit.documentCode {
                lines.append("   " + String(String.UnicodeScalarView(title.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 })))
            }
            lines.append("   " + hit.snippet(open: open, close: close))
        }
        return lines.joined(separator: "\n")
    }
}
