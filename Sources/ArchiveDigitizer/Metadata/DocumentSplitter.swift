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
        guard let first = pages.first, let last = pages.last else { return [] }
        let reader = HeaderReader()
        var starts = [first.pageNumber]
        for page in pages.dropFirst() where reader.read(PageLayout(page: page.pdf)).startsDocument {
            starts.append(page.pageNumber)
        }
        return starts.enumerated().map { index, start in
            let end = index + 1 < starts.count ? starts[index + 1] - 1 : last.pageNumber
            return DocumentSpan(firstPage: start, lastPage: end)
        }
    }
}
