/// Full-text search of a catalogue's done pages, whichever store holds it: `SearchIndex` (SQLite's
/// FTS5 index) or `PostgreSQLSearch` (PostgreSQL's text search). Both read the same `SearchQuery` and
/// `SearchFilters` and give the same `SearchResults` (`PostgreSQLSearchTests` compares them).
public protocol PageSearch {
    /// The best `limit` pages for `query` that pass `filters`, best first, and how many match in all.
    func search(_ query: SearchQuery, filters: SearchFilters, limit: Int) throws -> SearchResults
}

extension SearchIndex: PageSearch {}

extension PostgreSQLSearch: PageSearch {}

extension Catalogue {
    /// The search of this catalogue's store. An SQLite catalogue opened read-only must already have
    /// its index (`SearchIndex.isBuilt`; a read-write open builds it); PostgreSQL's is made with its tables.
    public func makeSearch() throws -> any PageSearch {
        switch connection.dialect {
        case .sqlite: try SearchIndex(catalogue: self)
        case .postgreSQL: try PostgreSQLSearch(catalogue: self)
        }
    }
}
