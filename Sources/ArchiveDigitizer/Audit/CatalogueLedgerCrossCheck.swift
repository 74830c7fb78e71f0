import Foundation

/// Compares catalogue rows with the ledger events that recorded them, so a row edited with the
/// `sqlite3` tool (or any program other than digitize) is found: `ROW-ALTERED`.
///
/// What is compared, each row against the *last* event of its kind for its subject:
/// - a done page's text SHA-256 and confidence — `page-done` (subject: the page label);
/// - a document's PDF path, SHA-256 and size — `document-written` (subject: the document code);
/// - a done file's number of documents — `file-completed` (subject: the file code);
/// - a scan's SHA-256 — `source-added` / `source-changed` (subject: `<FileCode>/<scan name>`).
/// The last events are gathered once into a temporary indexed table and joined in the database, so
/// the check streams through any number of pages with flat memory (temporary tables are allowed on
/// a read-only SQLite connection). Call `prepare` before the snapshot the check runs in: PostgreSQL
/// creates no table, not even a temporary one, in a read-only transaction.
struct CatalogueLedgerCrossCheck {
    let connection: any SQLDatabase
    var batchSize = 2_000

    /// The temporary table of last events, qualified.
    private var lastEvent: String { connection.temporaryTable("verify_last_event") }

    /// Creates the (empty) temporary table of last events.
    func prepare() throws {
        try connection.createTemporaryTable("verify_last_event", columns: """
            kind TEXT NOT NULL, subject TEXT NOT NULL, event_id BIGINT NOT NULL, detail TEXT, PRIMARY KEY(kind, subject)
            """)
    }

    func run(into report: inout VerificationReport) throws {
        try gatherLastEvents()
        try checkPages(into: &report)
        try checkDocuments(into: &report)
        try checkFiles(into: &report)
        try checkSources(into: &report)
    }

    /// The last event of each kind for each subject (a scan's `source-changed` counts as `source-added`).
    /// A window function picks its row, where SQLite alone would take `detail` from the `max(id)` row.
    private func gatherLastEvents() throws {
        try connection.execute("""
            DELETE FROM \(lastEvent);
            INSERT INTO \(lastEvent)(kind, subject, event_id, detail)
                SELECT grouped, subject, id, detail
                FROM (SELECT CASE kind WHEN 'source-changed' THEN 'source-added' ELSE kind END AS grouped, subject, id, detail,
                             row_number() OVER (PARTITION BY CASE kind WHEN 'source-changed' THEN 'source-added' ELSE kind END, subject
                                                ORDER BY id DESC) AS recency
                      FROM events
                      WHERE kind IN ('page-done', 'document-written', 'file-completed', 'source-added', 'source-changed')
                        AND subject IS NOT NULL) AS ranked
                WHERE recency = 1;
            """)
    }

    private func checkPages(into report: inout VerificationReport) throws {
        let label = PageLabel.sql()
        try forEachRow("""
                SELECT p.id, \(label), p.text, p.mean_confidence, e.event_id, e.detail
                FROM pages p JOIN files f ON f.id = p.file_id JOIN sources s ON s.id = p.source_id
                LEFT JOIN \(lastEvent) e ON e.kind = 'page-done' AND e.subject = \(label)
                WHERE p.state = 'done' AND p.id > ? ORDER BY p.id LIMIT ?
                """) { row in
            let id = row[0].int ?? 0
            report.rowsCrossChecked += 1
            let name = row[1].string ?? "?"
            let location = "pages #\(id) (\(name))"
            guard let eventID = row[4].int, let recorded = row[5].string.flatMap(LedgerEventDetail.page) else {
                report.problems.append(VerificationProblem(
                    kind: .rowAltered, location: location,
                    detail: "The page is marked done, but the ledger never recorded its OCR: the row was added or changed outside digitize."))
                return
            }
            let actual = SHA256Digest.hex(of: Data((row[2].string ?? "").utf8))
            Self.compare(actual, against: recorded.sha256, at: location,
                         "The page's OCR text differs from the text the ledger recorded (event #\(eventID)): the row was edited after OCR.", into: &report)
            if let confidence = recorded.confidence, let stored = row[3].double {
                Self.compare(String(Int(stored)), against: String(confidence), at: location,
                             "The page's OCR confidence differs from the one the ledger recorded (event #\(eventID)).", into: &report)
            }
        }
    }

    private func checkDocuments(into report: inout VerificationReport) throws {
        try forEachRow("""
                SELECT d.id, d.doc_code, d.pdf_path, d.pdf_sha256, d.pdf_size, e.event_id, e.detail
                FROM documents d LEFT JOIN \(lastEvent) e ON e.kind = 'document-written' AND e.subject = d.doc_code
                WHERE d.id > ? ORDER BY d.id LIMIT ?
                """) { row in
            let id = row[0].int ?? 0
            report.rowsCrossChecked += 1
            let code = row[1].string ?? "?"
            let location = "documents #\(id) (\(code))"
            guard let eventID = row[5].int, let recorded = row[6].string.flatMap(LedgerEventDetail.document) else {
                report.problems.append(VerificationProblem(
                    kind: .rowAltered, location: location,
                    detail: "The ledger never recorded writing this document: the row was added outside digitize."))
                return
            }
            let path = row[2].string ?? "", sha = row[3].string ?? ""
            Self.compare(path, against: recorded.path, at: location,
                         "The document's PDF path differs from the one the ledger recorded (event #\(eventID)).", into: &report)
            Self.compare(sha, against: recorded.sha256, at: location,
                         "The document's recorded SHA-256 differs from the one the ledger recorded when the PDF was written (event #\(eventID)).", into: &report)
            if let size = recorded.size, let stored = row[4].int {
                Self.compare(String(stored), against: String(size), at: location,
                             "The document's recorded size differs from the one the ledger recorded (event #\(eventID)).", into: &report)
            }
            if path.hasPrefix("/") || path.split(separator: "/").contains("..") {
                report.problems.append(VerificationProblem(
                    kind: .rowAltered, location: location,
                    detail: "The document's PDF path points outside the archive's documents folder.", found: path))
            }
        }
    }

    private func checkFiles(into report: inout VerificationReport) throws {
        let rows = try connection.query("""
            SELECT f.id, f.code, (SELECT count(*) FROM documents d WHERE d.file_id = f.id), e.event_id, e.detail
            FROM files f LEFT JOIN \(lastEvent) e ON e.kind = 'file-completed' AND e.subject = f.code
            WHERE f.state = 'done' ORDER BY f.id
            """)
        for row in rows {
            report.rowsCrossChecked += 1
            let code = row[1].string ?? "?"
            let location = "files #\(row[0].int ?? 0) (\(code))"
            let count = row[2].int ?? 0
            guard let eventID = row[3].int, let recorded = row[4].string.flatMap(LedgerEventDetail.documentCount) else {
                report.problems.append(VerificationProblem(
                    kind: .rowAltered, location: location,
                    detail: "The file is marked done, but the ledger never recorded its completion: the row was changed outside digitize."))
                continue
            }
            Self.compare(String(count), against: String(recorded), at: location,
                         "The catalogue lists \(count) document(s) for this file where the ledger recorded \(recorded) (event #\(eventID)): document rows were deleted or added outside digitize.", into: &report)
        }
    }

    private func checkSources(into report: inout VerificationReport) throws {
        let subject = "(f.code || '/' || s.name)"
        try forEachRow("""
                SELECT s.id, \(subject), s.sha256, e.event_id, e.detail
                FROM sources s JOIN files f ON f.id = s.file_id
                LEFT JOIN \(lastEvent) e ON e.kind = 'source-added' AND e.subject = \(subject)
                WHERE s.id > ? ORDER BY s.id LIMIT ?
                """) { row in
            let id = row[0].int ?? 0
            report.rowsCrossChecked += 1
            let location = "sources #\(id) (\(row[1].string ?? "?"))"
            let sha = row[2].string ?? ""
            guard let eventID = row[3].int, let recorded = row[4].string.flatMap(LedgerEventDetail.sourceSHA256) else {
                report.problems.append(VerificationProblem(
                    kind: .rowAltered, location: location,
                    detail: "The ledger never recorded taking in this scan: the row was added outside digitize."))
                return
            }
            Self.compare(sha, against: recorded, at: location,
                         "The scan's recorded SHA-256 differs from the one the ledger recorded when it was taken in (event #\(eventID)).", into: &report)
        }
    }

    /// Reports a `.rowAltered` problem at `location` when the catalogue's value differs from the one the
    /// ledger recorded; `detail` is only built for a problem (it runs once per row on millions of rows).
    private static func compare(_ found: String, against expected: String, at location: String,
                                _ detail: @autoclosure () -> String, into report: inout VerificationReport) {
        guard found != expected else { return }
        report.problems.append(VerificationProblem(kind: .rowAltered, location: location, detail: detail(),
                                                   expected: expected, found: found))
    }

    /// Calls `body` with each row of `sql`, fetched `batchSize` rows at a time by increasing id, so
    /// memory stays flat on an archive of millions of pages. `sql` selects the id first and takes
    /// two parameters: the last id seen (`id > ?`) and the batch size (`LIMIT ?`).
    private func forEachRow(_ sql: String, _ body: ([SQLValue]) throws -> Void) throws {
        var lastID = 0
        while true {
            let rows = try connection.query(sql, [.integer(Int64(lastID)), .integer(Int64(batchSize))])
            guard let last = rows.last?.first?.int else { return }
            try rows.forEach(body)
            lastID = last
        }
    }
}
