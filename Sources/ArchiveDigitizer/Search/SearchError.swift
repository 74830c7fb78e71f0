/// A search that cannot be run as asked; the message says what to type instead.
public enum SearchError: Error, CustomStringConvertible, Equatable {
    /// The query holds no letter or digit.
    case emptyQuery
    /// A date filter is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    case badDate(option: String, value: String)
    /// The catalogue's store has no full-text index of this kind.
    case indexNotInStore(SQLDialect)
    /// The PostgreSQL database named by `--store` (shown masked) holds no catalogue.
    case noCatalogueInStore(masked: String)

    public var description: String {
        switch self {
        case .emptyQuery:
            return "The search holds no word to look for; give one or more words, e.g. digitize search \"dang phi\"."
        case let .badDate(option, value):
            return "\(option) must be a date written YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2025-02-18), not “\(value)”."
        case let .indexNotInStore(dialect):
            return "The full-text index of this store (\(dialect)) is not searchable this way."
        case let .noCatalogueInStore(masked):
            return "The database \(masked) holds no catalogue. Give the --store that `digitize migrate` or `digitize run --store` wrote to."
        }
    }
}
