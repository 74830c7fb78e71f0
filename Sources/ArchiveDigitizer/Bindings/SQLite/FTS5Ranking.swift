import CSQLite
import Foundation

/// The ranking of `digitize search`: FTS5's bm25, computed the same way, but reading each page's
/// length from one cursor that walks FTS5's `pages_fts_docsize` table forward alongside the matches.
///
/// Why: on 100,000 matches most of `bm25()`'s time goes to `xColumnSize`, which for every match
/// resets, binds and steps a statement that seeks `pages_fts_docsize` from its root. Matches come
/// in rowid order, so here one statement steps through that table with them (a step per row, a
/// seek only across a gap), and term frequencies come from the phrases' position lists
/// (`xPhraseFirst`), which FTS5 has at hand. Everything else is bm25's own arithmetic in its own
/// order — k1 = 1.2, b = 0.75, IDF = log((N − n + 0.5)/(n + 0.5)) floored at 1e-6, N, n and the
/// average length from FTS5 — so each score is the same double as `bm25(pages_fts)` and the
/// order is bm25's (`SearchRankingTests`).
enum SearchRanking {
    /// `pages_bm25(pages_fts)`: the rank of the current match, lower is better, equal to `bm25(pages_fts)`.
    /// Reads `pages_fts_docsize`, so it is only for `pages_fts` (the first match is checked against FTS5).
    /// `pages_bm25(pages_fts, 'p…', n…)` scores groups of consecutive phrases as bm25 scores one phrase:
    /// 'p…' gives how many phrases each group holds (`'1 2'`: the first phrase, then the next two),
    /// and n… each group's page count (bm25's n), which the caller counts: a prefix expanded into an
    /// OR of the words it begins (`SearchQuery.expanded`) scores as the prefix.
    static let rankFunction = "pages_bm25"
    /// `pages_token_count(pages_fts)`: the current match's length in tokens as the rank function reads
    /// it, NULL when the cursor finds none; for checking the lookup against FTS5's own counts.
    static let lengthFunction = "pages_token_count"

    /// Registers both functions on `connection`, once per connection; returns the count of matches
    /// `pages_bm25` scores on it, one object per connection.
    @discardableResult
    static func register(on connection: SQLiteConnection) throws -> ScoredMatches {
        let scored = try connection.registerFTS5Function(named: rankFunction, context: { ScoredMatches() }, rankMatch)
        try connection.registerFTS5Function(named: lengthFunction, countMatchTokens)
        guard let scored = scored as? ScoredMatches else { throw FTS5Failure(code: SQLITE_MISUSE) }
        return scored
    }

    /// How many matches `pages_bm25` has scored on a connection since `count` was last set: SQLite
    /// calls it once for each row that passes the query's WHERE, before ORDER BY and LIMIT, so a
    /// ranked query counts its matches as it ranks them (`SearchIndex`), with no second pass.
    /// Used on the connection's thread only, like the connection.
    final class ScoredMatches {
        var count = 0
    }
}

/// An FTS5 API call that did not return `SQLITE_OK`; handed back to SQLite as the function's error.
struct FTS5Failure: Error {
    let code: Int32
}

private func check(_ status: Int32) throws {
    guard status == SQLITE_OK else { throw FTS5Failure(code: status) }
}

/// `pages_bm25`: called by FTS5 once per match, on the thread running the query. After the first
/// match it is one auxdata lookup and `RankedQuery.score`: no generics, no throwing, no optional
/// function pointers, so that it stays cheap in debug builds as well.
private func rankMatch(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
                       _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let result else { return }
    guard let api, let fts, let getAuxdata = api.pointee.xGetAuxdata else { return sqlite3_result_error_code(result, SQLITE_MISUSE) }
    if let stored = getAuxdata(fts, 0) {
        return Unmanaged<RankedQuery>.fromOpaque(stored).takeUnretainedValue().score(fts, into: result)
    }
    do {
        guard let userData = api.pointee.xUserData, let scored = userData(fts) else { throw FTS5Failure(code: SQLITE_MISUSE) }
        guard let query = try queryState(api.pointee, fts, make: {
            try RankedQuery(api.pointee, fts, scored: Unmanaged<SearchRanking.ScoredMatches>.fromOpaque(scored).takeUnretainedValue(), groups: UnsafeBufferPointer(start: arguments, count: Int(argumentCount)),
                            database: sqlite3_context_db_handle(result))
        }) else { throw FTS5Failure(code: SQLITE_ERROR) }
        query.score(fts, into: result)
    } catch let failure as FTS5Failure {
        sqlite3_result_error_code(result, failure.code)
    } catch {
        sqlite3_result_error_code(result, SQLITE_ERROR)
    }
}

/// `pages_token_count`: the stored length of the current match, or NULL.
private func countMatchTokens(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
                              _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let result else { return }
    guard let api, let fts, let rowid = api.pointee.xRowid,
          let lengths = try? queryState(api.pointee, fts, make: { DocumentLengthCursor(database: sqlite3_context_db_handle(result)) }),
          let length = lengths.length(of: rowid(fts)) else {
        return sqlite3_result_null(result)
    }
    sqlite3_result_int(result, length)
}

/// The per-query object of the function being called, made by `make` on the query's first match.
/// FTS5 keeps it (auxiliary data, one per function and query) and releases it when the query ends.
func queryState<State: AnyObject>(_ api: Fts5ExtensionApi, _ fts: OpaquePointer, make: () throws -> State?) throws -> State? {
    guard let get = api.xGetAuxdata, let set = api.xSetAuxdata else { throw FTS5Failure(code: SQLITE_MISUSE) }
    if let stored = get(fts, 0) { return Unmanaged<State>.fromOpaque(stored).takeUnretainedValue() }
    guard let state = try make() else { return nil }
    // On failure FTS5 releases the reference itself; `state` still holds one for this match.
    try check(set(fts, Unmanaged.passRetained(state).toOpaque(), releaseQueryState))
    return state
}

private func releaseQueryState(_ pointer: UnsafeMutableRawPointer?) {
    guard let pointer else { return }
    Unmanaged<AnyObject>.fromOpaque(pointer).release()
}

/// `xQueryPhrase`'s callback: counts the rows holding the phrase (bm25's n), in the `Int64` behind `count`.
private func countRow(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ count: UnsafeMutableRawPointer?) -> Int32 {
    count?.assumingMemoryBound(to: Int64.self).pointee += 1
    return SQLITE_OK
}

/// What bm25 works out once per query: each phrase's IDF and the average page length; the FTS5
/// calls each match needs; and the cursor the page lengths are read through.
private final class RankedQuery {
    private static let k1 = 1.2
    private static let b = 0.75
    /// Per group (a phrase, unless the caller grouped them), its IDF and the index after its last phrase.
    private let inverseDocumentFrequencies: [Double]
    private let groupEnds: [Int]
    private let averageLength: Double
    private let rowid: @convention(c) (OpaquePointer?) -> sqlite3_int64
    private let columnSize: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Int32>?) -> Int32
    private let phraseFirst: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<Fts5PhraseIter>?,
                                             UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Int32
    private let phraseNext: @convention(c) (OpaquePointer?, UnsafeMutablePointer<Fts5PhraseIter>?,
                                            UnsafeMutablePointer<Int32>?, UnsafeMutablePointer<Int32>?) -> Void
    /// Nil when `pages_fts_docsize` cannot be read or disagrees with FTS5 on the first match:
    /// then every length comes from `xColumnSize`, as in bm25.
    private var lengths: DocumentLengthCursor?
    private var isLengthChecked = false
    /// The connection's count of scored matches (the function's context).
    private let scored: SearchRanking.ScoredMatches

    /// `groups`: the function's arguments after the table: none (each phrase on its own, its page
    /// count made by FTS5 as bm25 does), or how many phrases each group holds as text, then each
    /// group's page count; anything else is an error.
    init(_ api: Fts5ExtensionApi, _ fts: OpaquePointer, scored: SearchRanking.ScoredMatches,
         groups: UnsafeBufferPointer<OpaquePointer?>, database: OpaquePointer?) throws {
        self.scored = scored
        guard let rowCount = api.xRowCount, let totalSize = api.xColumnTotalSize, let phraseCount = api.xPhraseCount,
              let queryPhrase = api.xQueryPhrase, let rowid = api.xRowid, let columnSize = api.xColumnSize,
              let phraseFirst = api.xPhraseFirst, let phraseNext = api.xPhraseNext else { throw FTS5Failure(code: SQLITE_MISUSE) }
        (self.rowid, self.columnSize, self.phraseFirst, self.phraseNext) = (rowid, columnSize, phraseFirst, phraseNext)
        var rows: Int64 = 0
        var tokens: Int64 = 0
        try check(rowCount(fts, &rows))
        try check(totalSize(fts, -1, &tokens))
        averageLength = Double(tokens) / Double(rows)
        let phrases = Int(max(0, phraseCount(fts)))
        var pageCounts: [Int64] = []
        if let sizes = groups.first {
            let text = sqlite3_value_text(sizes).map { String(cString: $0) } ?? ""
            let phrasesPerGroup = text.split(separator: " ").compactMap { Int($0) }
            var end = 0
            groupEnds = phrasesPerGroup.map { end += $0; return end }
            pageCounts = groups.dropFirst().map { sqlite3_value_int64($0) }
            guard end == phrases, phrasesPerGroup.allSatisfy({ $0 > 0 }), pageCounts.count == phrasesPerGroup.count,
                  groups.dropFirst().allSatisfy({ sqlite3_value_type($0) == SQLITE_INTEGER }) else { throw FTS5Failure(code: SQLITE_ERROR) }
        } else {
            groupEnds = (0..<phrases).map { $0 + 1 }
            for phrase in 0..<phrases {
                var hits: Int64 = 0
                try check(queryPhrase(fts, Int32(phrase), &hits, countRow))
                pageCounts.append(hits)
            }
        }
        var frequencies: [Double] = []
        for hits in pageCounts {
            let idf = log((Double(rows - hits) + 0.5) / (Double(hits) + 0.5))
            frequencies.append(idf <= 0 ? 1e-6 : idf)
        }
        inverseDocumentFrequencies = frequencies
        lengths = DocumentLengthCursor(database: database)
    }

    /// Sets the current match's score as the function's result, negated like bm25's so that lower is better.
    func score(_ fts: OpaquePointer, into result: OpaquePointer) {
        var length: Int32 = 0
        if isLengthChecked, let stored = lengths?.length(of: rowid(fts)) {
            length = stored
        } else {
            let status = columnSize(fts, -1, &length)
            guard status == SQLITE_OK else { return sqlite3_result_error_code(result, status) }
            if !isLengthChecked {
                isLengthChecked = true
                if lengths?.length(of: rowid(fts)) != length { lengths = nil }
            }
        }
        let k1 = Self.k1, b = Self.b, pageLength = Double(length)
        var score = 0.0
        var phrase = 0
        var group = 0
        while group < inverseDocumentFrequencies.count {
            // A group's phrases never share a position (an OR of different words), so its frequency
            // is the count of positions of a prefix that begins those words.
            var frequency = 0.0
            while phrase < groupEnds[group] {
                var iterator = Fts5PhraseIter()
                var column: Int32 = 0
                var offset: Int32 = 0
                let status = phraseFirst(fts, Int32(phrase), &iterator, &column, &offset)
                guard status == SQLITE_OK else { return sqlite3_result_error_code(result, status) }
                while column >= 0 {
                    frequency += 1
                    phraseNext(fts, &iterator, &column, &offset)
                }
                phrase += 1
            }
            // bm25's expression as FTS5 writes it, operation for operation, so the doubles agree.
            score += inverseDocumentFrequencies[group]
                * ((frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * pageLength / averageLength)))
            group += 1
        }
        sqlite3_result_double(result, -1.0 * score)
        scored.count += 1
    }
}

/// Page lengths in tokens from FTS5's `pages_fts_docsize` (rowid → one varint per column), read by
/// one statement that moves forward with the matches. Owns that statement; lives for one query, on
/// the thread running it.
private final class DocumentLengthCursor {
    /// Gaps in rowid up to this are stepped over; beyond it, or backwards, the statement seeks.
    private static let stepLimit: Int64 = 8
    private let statement: OpaquePointer
    /// The rowid of the row the statement is on, if `isOnRow`.
    private var isOnRow = false
    private var currentID: Int64 = 0

    init?(database: OpaquePointer?) {
        guard let database else { return nil }
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(database, "SELECT id, sz FROM pages_fts_docsize WHERE id >= ?1", -1, &statement, nil) == SQLITE_OK,
              let statement else {
            sqlite3_finalize(statement)
            return nil
        }
        self.statement = statement
    }

    deinit {
        sqlite3_finalize(statement)
    }

    /// The length of the page with this rowid, in tokens over all columns (`xColumnSize(-1)`);
    /// nil when the table has no such row or a malformed one.
    func length(of id: Int64) -> Int32? {
        if !isOnRow || id < currentID || id - currentID > Self.stepLimit {
            sqlite3_reset(statement)
            sqlite3_bind_int64(statement, 1, id)
            advance()
        }
        while isOnRow && currentID < id { advance() }
        guard isOnRow && currentID == id else { return nil }
        // Only the wanted row's record is decoded, not those stepped over.
        let blob = sqlite3_column_blob(statement, 1)  // before `sqlite3_column_bytes`, as SQLite asks
        return Self.total(ofVarints: blob, count: Int(sqlite3_column_bytes(statement, 1)))
    }

    private func advance() {
        isOnRow = sqlite3_step(statement) == SQLITE_ROW
        if isOnRow { currentID = sqlite3_column_int64(statement, 0) }
    }

    /// The sum of the SQLite-format varints (big-endian 7-bit groups) in a docsize record; nil when
    /// empty, cut short or beyond `Int32`.
    static func total(ofVarints blob: UnsafeRawPointer?, count: Int) -> Int32? {
        guard let blob, count > 0 else { return nil }
        let bytes = blob.assumingMemoryBound(to: UInt8.self)
        var total: Int64 = 0
        var value: Int64 = 0
        var isComplete = true
        var index = 0
        while index < count {
            let byte = Int64(bytes[index])
            value = (value << 7) | (byte & 0x7f)
            isComplete = byte & 0x80 == 0
            if isComplete {
                total += value
                value = 0
            }
            guard value <= Int64(Int32.max), total <= Int64(Int32.max) else { return nil }
            index += 1
        }
        return isComplete ? Int32(total) : nil
    }
}
