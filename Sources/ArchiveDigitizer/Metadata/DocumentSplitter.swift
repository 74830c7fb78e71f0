import Foundation

/// A run of consecutive pages forming one document (văn bản) inside an archival file.
public struct DocumentSpan: Sendable, Equatable {
    /// 1-based page numbers within the file, inclusive.
    public var firstPage: Int
    public var lastPage: Int

    public init(firstPage: Int, lastPage: Int) {
        self.firstPage = firstPage
        self.lastPage = lastPage
    }
}

/// Decides where documents begin inside an archival file (hồ sơ).
///
/// A document begins on a page whose top carries a first-page header: the Party or state motto,
/// or a `Số …` number line together with a date line, a type line or the issuer's lines (see
/// `HeaderReading.startsDocument`). Every other page — numbered at the top, no header — continues
/// the document before it. The first page always begins a document. Matching is fuzzy, on word
/// boxes, so lost diacritics, `Ð` for `Đ` and merged words do not hide a header.
public struct DocumentSplitter: Sendable {
    public init() {}

    /// Splits the file's pages (in page order) into document spans.
    public func split(_ pages: [AssembledPage]) -> [DocumentSpan] {
        splitNotingDoubts(pages).spans
    }

    /// The spans and, for each span whose boundaries are in doubt, why (keyed by its first page):
    /// a document that begins without the motto (it may be the next page of the one before, its
    /// header misread), or that holds a page carrying a `Số …` or date line without enough else to
    /// open a document (it may be a document of its own whose header was misread). A reviewer checks
    /// them in the review queue (`boundaries` at confidence `boundaryDoubtConfidence`).
    public func splitNotingDoubts(_ pages: [AssembledPage]) -> (spans: [DocumentSpan], doubts: [Int: String]) {
        let reader = HeaderReader()
        let headers = pages.map { (page: $0.pageNumber, header: reader.read(PageLayout(page: $0.pdf))) }
        let spans = spans(of: headers)
        var doubts: [Int: String] = [:]
        for (index, span) in spans.enumerated() {
            let inside = headers.filter { $0.page >= span.firstPage && $0.page <= span.lastPage }
            if index > 0, let first = inside.first, !first.header.hasMotto {
                doubts[span.firstPage] = "begins on page \(span.firstPage) without the motto"
            } else if let page = inside.dropFirst().first(where: { $0.header.hasNumberLine || ($0.header.hasDateLine && !$0.header.hasPageNumberAtTop) }) {
                doubts[span.firstPage] = "page \(page.page) carries a number or date line but was read as a continuation"
            }
        }
        return (spans, doubts)
    }

    /// The confidence recorded for doubtful boundaries: under the review threshold.
    public static let boundaryDoubtConfidence = 0.5

    private func spans(of headers: [(page: Int, header: HeaderReading)]) -> [DocumentSpan] {
        guard let first = headers.first, let last = headers.last else { return [] }
        var starts = [first.page]
        for page in headers.dropFirst() where page.header.startsDocument {
            starts.append(page.page)
        }
        return starts.enumerated().map { index, start in
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : last.page
            return DocumentSpan(firstPage: start, lastPage: end)
        }
    }
}
