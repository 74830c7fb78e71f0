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

/// Decides where documents begin inside an archival file.
///
/// For now a file is one document; header-based boundary detection (issue #3) replaces this.
public struct DocumentSplitter: Sendable {
    public init() {}

    /// Splits the file's pages (in page order) into document spans.
    public func split(_ pages: [AssembledPage]) -> [DocumentSpan] {
        guard let first = pages.first?.pageNumber, let last = pages.last?.pageNumber else { return [] }
        return [DocumentSpan(firstPage: first, lastPage: last)]
    }
}
