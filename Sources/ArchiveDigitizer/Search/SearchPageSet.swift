/// How a filtered search keeps to the pages of passing documents: their ids as runs of consecutive
/// ids in one text value (each document's stored with its keys, `DocumentKeys`, merged here), and `pages_in_set(pages_fts, runs)`, an
/// FTS5 function true when the current match lies in one of the runs, which both the count and
/// the ranked query put in their WHERE.
///
/// Why: the set as a temporary table cost an insert per passing page and a b-tree probe per match
/// in each query (27 ms + 2 × 6 ms for 86,600 pages and 90,000 matches on 100,000 pages); runs
/// are few (pages are numbered as they are recorded, a file's pages together), and matches come in
/// ascending order, so each is a comparison or two.
enum SearchPageSet {
    /// `pages_in_set(pages_fts, runs)`: 1 when the current match's rowid lies in one of `runs`
    /// (`first-last` pairs, ascending, as `runs(ofIDs:)` writes them), else 0.
    static let function = "pages_in_set"

    /// Registers the function on `connection`, once per connection.
    static func register(on connection: SQLiteConnection) throws {
        try connection.registerFTS5Function(named: function, matchIsInPageSet)
    }

    /// The runs of page ids, ascending, as `first-last,first-last…`, of ids written in decimal and
    /// separated by anything else (as `group_concat` writes them), in any order, repeats allowed.
    static func runs(ofIDs text: String) -> String {
        runs(ofRuns: "", ids: text)
    }

    /// The runs, as `runs(ofIDs:)` writes them, of the pages in `stored` (runs as it writes them,
    /// several such texts joined by commas, as `document_keys.page_runs` are) and of the ids in `ids`.
    static func runs(ofRuns stored: String, ids: String) -> String {
        var pairs: [(first: Int64, last: Int64)] = []
        var stored = stored, ids = ids
        stored.withUTF8 { bytes in
            var first: Int64?
            forEachNumber(in: bytes) { number in
                if let start = first {
                    pairs.append((start, number))
                    first = nil
                } else {
                    first = number
                }
            }
        }
        ids.withUTF8 { bytes in forEachNumber(in: bytes) { pairs.append(($0, $0)) } }
        pairs.sort { $0.first < $1.first }
        var runs: [String] = []
        var index = 0
        while index < pairs.count {
            let first = pairs[index].first
            var last = pairs[index].last
            while index + 1 < pairs.count && pairs[index + 1].first <= last + 1 {
                index += 1
                last = max(last, pairs[index].last)
            }
            runs.append("\(first)-\(last)")
            index += 1
        }
        return runs.joined(separator: ",")
    }
}

/// Calls `body` with each run of decimal digits in `bytes`, as a number.
func forEachNumber(in bytes: UnsafeBufferPointer<UInt8>, _ body: (Int64) -> Void) {
    var index = 0
    while index < bytes.count {
        guard (48...57).contains(bytes[index]) else {
            index += 1
            continue
        }
        var number: Int64 = 0
        while index < bytes.count, (48...57).contains(bytes[index]) {
            number = number &* 10 &+ Int64(bytes[index] - 48)  // page ids are far from overflowing
            index += 1
        }
        body(number)
    }
}

/// The runs of `pages_in_set`'s argument, read on a query's first match (by `matchIsInPageSet`, in Bindings/SQLite).
final class PageRuns {
    private var firsts: [Int64] = []
    private var lasts: [Int64] = []

    init(_ text: UnsafeBufferPointer<UInt8>) {
        forEachNumber(in: text) { number in
            if firsts.count == lasts.count { firsts.append(number) } else { lasts.append(number) }
        }
        if firsts.count > lasts.count { firsts.removeLast() }
    }

    /// The first run that does not end before the id last asked about. A query asks in ascending
    /// order of id, so this mostly stays or moves a run ahead; only a step back searches.
    private var run = 0

    func contains(_ id: Int64) -> Bool {
        if run > 0 && id <= lasts[run - 1] {
            var low = 0, high = run
            while low < high {
                let middle = (low + high) / 2
                if lasts[middle] < id { low = middle + 1 } else { high = middle }
            }
            run = low
        }
        while run < lasts.count && lasts[run] < id { run += 1 }
        return run < firsts.count && firsts[run] <= id
    }
}
