/// The README's search benchmark queries: common, rare, phrase and prefix words, and filtered
/// searches. One list, so `make bench-search`, the PostgreSQL benchmark and the scale simulation's
/// sizing (`digitize-scale-sim`) time the same searches.
public enum SearchBenchmarkQueries {
    /// Each query with its filters.
    public static func all() throws -> [(String, SearchFilters)] {
        [
            ("dang", SearchFilters()),
            ("so hoa tai lieu", SearchFilters()),
            ("\"Ban Chỉ đạo\"", SearchFilters()),
            ("thuong khan", SearchFilters()),
            ("thanh*", SearchFilters()),
            ("than*", SearchFilters()),
            ("dang uy", try SearchFilters(type: "quyet dinh", from: "2015", to: "2020", issuer: nil)),
            ("so hoa", try SearchFilters(type: nil, from: "2012", to: nil, issuer: "thanh uy")),
        ]
    }
}
