/// What a search found: the best pages first.
public struct SearchResults: Sendable {
    public var query: SearchQuery
    public var filters: SearchFilters
    /// Pages matching the words (before `limit`; filters applied); at least this many when `totalIsLowerBound`.
    public var total: Int
    /// The best `limit` pages, best first.
    public var hits: [SearchHit]
    /// Seconds the search took inside the catalogue.
    public var seconds: Double
    /// Whether the search stopped after as many matches as the store ranks
    /// (`PostgreSQLSearch.defaultRankingLimit`): `total` is then a lower bound, and the hits are the
    /// best of the first pages found, not of all that match. Always false for SQLite.
    public var totalIsLowerBound = false
}

/// One page that matched.
public struct SearchHit: Sendable, Equatable {
    /// The file code (mã hồ sơ).
    public var fileCode: String
    /// The document (văn bản) the page belongs to, when its file has been assembled.
    public var documentCode: String?
    /// The document's title (type and excerpt) when known.
    public var documentTitle: String?
    /// The document's PDF, relative to the archive.
    public var pdfPath: String?
    /// The page's number within its file (1-based).
    public var pageNumber: Int?
    /// The page's number within its document's PDF (1-based).
    public var pdfPageNumber: Int?
    /// The scan the page came from (`<FileCode>/<scan>[ page N]`).
    public var pageLabel: String
    /// The text around the match; matched words are wrapped in `SearchHit.matchStart`/`matchEnd`.
    public var markedSnippet: String
    /// FTS5's bm25 rank: lower is better.
    public var rank: Double

    /// Invisible markers around matched words in `markedSnippet` (STX/ETX: never in OCR text).
    public static let matchStart = "\u{2}"
    public static let matchEnd = "\u{3}"

    /// The snippet with matches wrapped in `open`/`close`, on one line.
    public func snippet(open: String, close: String) -> String {
        var output = ""
        for scalar in markedSnippet.unicodeScalars {
            switch scalar {
            case "\u{2}": output += open
            case "\u{3}": output += close
            case _ where scalar.properties.generalCategory == .control: output += " "
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }
}
