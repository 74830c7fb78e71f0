import CSQLite

/// `pages_in_set`: called by FTS5 once per match, on the thread running the query. After the first
/// match it is one auxdata lookup and `PageRuns.contains`, with no generics, so that it stays cheap
/// in debug builds as well.
func matchIsInPageSet(_ api: UnsafePointer<Fts5ExtensionApi>?, _ fts: OpaquePointer?, _ result: OpaquePointer?,
                       _ argumentCount: Int32, _ arguments: UnsafeMutablePointer<OpaquePointer?>?) {
    guard let result else { return }
    guard let api, let fts, let rowid = api.pointee.xRowid, let getAuxdata = api.pointee.xGetAuxdata,
          argumentCount == 1, let argument = arguments?[0] else {
        return sqlite3_result_error_code(result, SQLITE_MISUSE)
    }
    if let stored = getAuxdata(fts, 0) {
        return sqlite3_result_int(result, Unmanaged<PageRuns>.fromOpaque(stored).takeUnretainedValue().contains(rowid(fts)) ? 1 : 0)
    }
    do {
        guard let runs = try queryState(api.pointee, fts, make: {
            let text = sqlite3_value_text(argument)  // before `sqlite3_value_bytes`, as SQLite asks
            return PageRuns(UnsafeBufferPointer(start: text, count: text == nil ? 0 : Int(sqlite3_value_bytes(argument))))
        }) else { throw FTS5Failure(code: SQLITE_ERROR) }
        sqlite3_result_int(result, runs.contains(rowid(fts)) ? 1 : 0)
    } catch let failure as FTS5Failure {
        sqlite3_result_error_code(result, failure.code)
    } catch {
        sqlite3_result_error_code(result, SQLITE_ERROR)
    }
}
