import Foundation

/// Runs: each `digitize run` or `worker` recorded with its arguments and outcome, and free-form ledger events.
extension Catalogue {
    /// Records the start of a run and makes its events refer to it.
    public func beginRun(scanFolder: String, arguments: [String]) throws -> Int {
        try connection.transaction {
            let id = try insertedID("INSERT INTO runs(started_at, scan_folder, arguments) VALUES (?,?,?) RETURNING id",
                                    [.text(Timestamp.string(Date())), .text(scanFolder), .text(arguments.joined(separator: " "))])
            ledger.runID = id
            try ledger.record("run-started", subject: scanFolder, detail: arguments.joined(separator: " "))
            return id
        }
    }

    /// Records how a run ended.
    public func finishRun(_ id: Int, outcome: String, pagesDone: Int, pagesFailed: Int) throws {
        try connection.transaction {
            try connection.query("UPDATE runs SET finished_at=?, outcome=?, pages_done=?, pages_failed=? WHERE id=?",
                                 [.text(Timestamp.string(Date())), .text(outcome), .integer(Int64(pagesDone)),
                                  .integer(Int64(pagesFailed)), .integer(Int64(id))])
            try ledger.record("run-finished", subject: "run \(id)", detail: "\(outcome): \(pagesDone) pages done, \(pagesFailed) failed")
        }
    }

    /// Appends a free-standing ledger event in its own transaction.
    public func log(_ kind: String, subject: String, detail: String = "") throws {
        try connection.transaction { try ledger.record(kind, subject: subject, detail: detail) }
    }
}
