import XCTest
@testable import ArchiveDigitizer

/// The auditor's `digitize verify` on a real archive: clean archives pass and record a fixity
/// event; every kind of tampering — with files, with catalogue rows through the `sqlite3` tool,
/// with the ledger — is reported with its path and exit code 1.
final class VerifyTests: SampleArchiveTestCase {

    private func verify(_ extra: [String] = []) throws -> (status: Int32, json: [String: Any], text: String) {
        let outcome = try TestSupport.run(["verify", "--archive", copy.archive.path, "--json"] + extra)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outcome.output.utf8)) as? [String: Any],
                                 "not JSON:\n\(outcome.output)\n\(outcome.errors)")
        return (outcome.status, json, outcome.output)
    }

    private func problems(_ json: [String: Any]) -> [(kind: String, location: String)] {
        ((json["problems"] as? [[String: Any]]) ?? []).map { ($0["kind"] as? String ?? "", $0["location"] as? String ?? "") }
    }

    private func documentPaths() throws -> [String] {
        try copy.catalogue().query("SELECT pdf_path FROM documents ORDER BY doc_code").compactMap { $0[0].string }
    }

    func testCleanArchivePassesAndEachRunAppendsAPassingFixityEvent() throws {
        let text = try TestSupport.run(["verify", "--archive", copy.archive.path, "--sources"])
        XCTAssertEqual(text.status, 0, text.output + text.errors)
        XCTAssertTrue(text.output.contains("CLEAN"), text.output)
        let second = try verify(["--sources"])
        XCTAssertEqual(second.status, 0, second.text)
        XCTAssertEqual(second.json["clean"] as? Bool, true)
        let checked = try XCTUnwrap(second.json["checked"] as? [String: Any])
        XCTAssertEqual(checked["documents"] as? Int, try documentPaths().count)
        XCTAssertEqual(checked["sources"] as? Int, 8, "8 scan files in SampleScans")
        XCTAssertEqual((second.json["fixity_event"] as? [String: Any])?["recorded"] as? Bool, true)

        let events = try copy.catalogue().query("SELECT kind, detail FROM events WHERE kind = 'fixity-check' ORDER BY id")
        XCTAssertEqual(events.count, 2, "one fixity-check event per verify run")
        let detail = try XCTUnwrap(events.last?[1].string)
        let premis = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(detail.utf8)) as? [String: Any])
        XCTAssertEqual(premis["event_type"] as? String, "fixity check")
        XCTAssertEqual(premis["outcome"] as? String, "pass")
        XCTAssertEqual(premis["algorithm"] as? String, "SHA-256")
        // The appended events keep the chain intact: a third run is still clean.
        XCTAssertEqual(try verify().status, 0)
    }

    func testTamperedFilesAndRowsEditedWithTheSqlite3ToolAreEachReported() throws {
        let paths = try documentPaths()
        XCTAssertGreaterThanOrEqual(paths.count, 3)
        let flipped = paths[0], truncated = paths[1], deleted = paths[2]
        try SampleArchive.flipByte(in: copy.archive.appendingPathComponent(flipped))
        let handle = try FileHandle(forWritingTo: copy.archive.appendingPathComponent(truncated))
        try handle.truncate(atOffset: 1000)
        try handle.close()
        try FileManager.default.removeItem(at: copy.archive.appendingPathComponent(deleted))
        let stray = "documents/HN-TU.01.037.0001/stray.pdf"
        try Data("%PDF-1.4 not ours".utf8).write(to: copy.archive.appendingPathComponent(stray))
        let leftover = "documents/HN-UB.02.015.0042/.partial-99-HN-UB.02.015.0042.009.pdf"
        try Data("half".utf8).write(to: copy.archive.appendingPathComponent(leftover))
        let editedPage = try XCTUnwrap(copy.catalogue().query(
            "SELECT p.id FROM pages p JOIN files f ON f.id = p.file_id WHERE f.code = 'HN-UB.02.015.0042' AND p.page_number = 2").first?[0].int)
        let deletedCode = String((deleted as NSString).lastPathComponent.dropLast(4))
        try SampleArchive.sqlite3(copy.cataloguePath, """
            UPDATE pages SET text = 'x' WHERE id = \(editedPage);
            UPDATE documents SET pdf_sha256 = '\(String(repeating: "ab", count: 32))' WHERE doc_code = '\(deletedCode)';
            """)

        let result = try verify()
        XCTAssertEqual(result.status, 1, result.text)
        let found = problems(result.json)
        func has(_ kind: String, _ location: String) -> Bool { found.contains { $0.kind == kind && $0.location.hasPrefix(location) } }
        XCTAssertTrue(has("MISMATCH", flipped), "\(found)")
        XCTAssertTrue(has("MISMATCH", truncated), "\(found)")
        XCTAssertTrue(has("MISSING", deleted), "\(found)")
        XCTAssertTrue(has("UNEXPECTED", stray), "\(found)")
        XCTAssertTrue(has("UNEXPECTED", leftover), "\(found)")
        XCTAssertTrue(has("ROW-ALTERED", "pages #\(editedPage) "), "\(found)")
        XCTAssertTrue(has("ROW-ALTERED", "documents #"), "\(found)")
        XCTAssertFalse(found.contains { $0.kind == "CHAIN-BROKEN" }, "the ledger itself was not touched: \(found)")
        let truncation = (result.json["problems"] as? [[String: Any]])?.first { ($0["location"] as? String) == truncated }
        XCTAssertTrue((truncation?["detail"] as? String)?.contains("1000 bytes") == true, "the size is reported")
        XCTAssertEqual((result.json["fixity_event"] as? [String: Any])?["recorded"] as? Bool, true)
        let outcome = try copy.catalogue().query("SELECT detail FROM events WHERE kind = 'fixity-check'").first?[0].string ?? ""
        XCTAssertTrue(outcome.contains("\"outcome\":\"fail\""), outcome)
    }

    func testAPDFReplacedAndItsRowForgedToMatchIsStillCaughtByTheLedger() throws {
        let path = try XCTUnwrap(try documentPaths().first)
        let url = copy.archive.appendingPathComponent(path)
        try SampleArchive.flipByte(in: url)
        let forged = try SHA256Digest.hex(ofFileAt: url.path)
        try SampleArchive.sqlite3(copy.cataloguePath, "UPDATE documents SET pdf_sha256 = '\(forged)' WHERE pdf_path = '\(path)';")
        let result = try verify()
        XCTAssertEqual(result.status, 1)
        let found = problems(result.json)
        XCTAssertFalse(found.contains { $0.kind == "MISMATCH" }, "the file matches its forged row: \(found)")
        XCTAssertTrue(found.contains { $0.kind == "ROW-ALTERED" && $0.location.hasPrefix("documents #") }, "\(found)")
    }

    func testEditingOrDeletingALedgerEventBreaksTheChainThere() throws {
        let ids = try copy.catalogue().query("SELECT id FROM events ORDER BY id").compactMap { $0[0].int }
        XCTAssertGreaterThan(ids.count, 10)
        let edited = ids[3], deleted = ids[7], following = ids[8]
        try SampleArchive.sqlite3(copy.cataloguePath, """
            UPDATE events SET detail = detail || ' (amended)' WHERE id = \(edited);
            DELETE FROM events WHERE id = \(deleted);
            """)
        let result = try verify()
        XCTAssertEqual(result.status, 1)
        let broken = problems(result.json).filter { $0.kind == "CHAIN-BROKEN" }.map(\.location)
        XCTAssertEqual(broken, ["events #\(edited)", "events #\(following)"])
        XCTAssertEqual((result.json["ledger"] as? [String: Any])?["chain_intact"] as? Bool, false)
    }

    func testChangedAndMissingScansAreFoundOnlyWithTheSourcesOption() throws {
        let sources = try copy.catalogue().query("SELECT path FROM sources ORDER BY id").compactMap { $0[0].string }
        XCTAssertTrue(sources.allSatisfy { $0.hasPrefix(copy.scans.path) }, "the copy's sources point at its own scans")
        try SampleArchive.flipByte(in: URL(fileURLWithPath: sources[0]))
        try FileManager.default.removeItem(atPath: sources[1])
        XCTAssertEqual(try verify().status, 0, "scans are not re-hashed by default")
        let result = try verify(["--sources"])
        XCTAssertEqual(result.status, 1)
        let found = problems(result.json)
        XCTAssertTrue(found.contains { $0.kind == "MISMATCH" && $0.location == sources[0] }, "\(found)")
        XCTAssertTrue(found.contains { $0.kind == "MISSING" && $0.location == sources[1] }, "\(found)")
    }

    func testAFolderWhereAPDFShouldBeIsUnreadable() throws {
        let path = try XCTUnwrap(try documentPaths().first)
        let url = copy.archive.appendingPathComponent(path)
        try FileManager.default.removeItem(at: url)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false)
        let result = try verify()
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(problems(result.json).contains { $0.kind == "UNREADABLE" && $0.location == path }, "\(problems(result.json))")
    }

    func testAnArchiveLockedByARunIsVerifiedReadOnlyWithoutRecordingTheEvent() throws {
        let lock = try ArchiveLock(archive: copy.archive)
        let before = try copy.catalogue().query("SELECT count(*) FROM events").first?[0].int
        let result = try verify()
        withExtendedLifetime(lock) {}
        XCTAssertEqual(result.status, 0, result.text)
        XCTAssertEqual(result.json["mode"] as? String, "read-only")
        let fixity = try XCTUnwrap(result.json["fixity_event"] as? [String: Any])
        XCTAssertEqual(fixity["recorded"] as? Bool, false)
        XCTAssertTrue((fixity["note"] as? String)?.contains("not recorded") == true, "\(fixity)")
        XCTAssertEqual(try copy.catalogue().query("SELECT count(*) FROM events").first?[0].int, before)
    }

    func testUsageErrorsAndAMissingArchiveExitWith2() throws {
        let bad = try TestSupport.run(["verify", "--archive", copy.archive.path, "--frobnicate"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.errors.contains("--frobnicate"), bad.errors)
        let missing = try TestSupport.run(["verify", "--archive", copy.work.appendingPathComponent("nowhere").path])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.errors.contains("no archive folder"), missing.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.work.appendingPathComponent("nowhere").path),
                       "verify never creates an archive")
    }

    func testEveryPageDoneEventNamesAPageByThePageLabelRule() throws {
        let db = try copy.catalogue()
        let labels = Set(try db.query("""
            SELECT \(PageLabel.sql()) FROM pages p JOIN files f ON f.id = p.file_id JOIN sources s ON s.id = p.source_id
            """).compactMap { $0[0].string })
        let subjects = try db.query("SELECT subject FROM events WHERE kind = 'page-done'").compactMap { $0[0].string }
        XCTAssertEqual(subjects.count, 11)
        XCTAssertEqual(Set(subjects), labels, "verify finds a page's event by this label")
    }
}

/// One real archive for the read-side tests (verify, progress, search, export, BagIt): SampleScans
/// with its inventory through the real `digitize run`, once per test process. Each test works on
/// its own copy, so tampering in one test never leaks into another.
enum SampleArchive {
    struct FixtureError: Error, CustomStringConvertible { var description: String }

    /// A test's private copy of the archive and of the scans it was made from.
    struct Copy {
        var work: URL
        var scans: URL { work.appendingPathComponent("scans") }
        var archive: URL { work.appendingPathComponent("Archive") }
        var cataloguePath: String { archive.appendingPathComponent("catalogue.sqlite").path }
        func catalogue() throws -> SQLiteConnection { try SQLiteConnection(path: cataloguePath) }
    }

    private static let pristine: Result<URL, any Error> = Result {
        let work = try TestSupport.temporaryFolder("read-side")
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans)
        let run = try TestSupport.run(["run", scans.path, "--archive", work.appendingPathComponent("Archive").path,
                                       "--inventory", TestSupport.sampleScans.appendingPathComponent("inventory.csv").path,
                                       "--jobs", "2", "--quiet"])
        guard run.status == 0 else { throw FixtureError(description: "digitize run failed (\(run.status)):\n\(run.output)\n\(run.errors)") }
        atexit {
            if case let .success(folder) = SampleArchive.pristine { try? FileManager.default.removeItem(at: folder) }
        }
        return work
    }

    /// A fresh copy of the sample archive and its scans; the catalogue's scan paths point at the copy.
    static func copy(_ name: String) throws -> Copy {
        let source = try pristine.get()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: source, to: work)
        let copy = Copy(work: work)
        let db = try copy.catalogue()
        try db.query("UPDATE sources SET path = replace(path, ?, ?)", [.text(source.path + "/scans/"), .text(copy.scans.path + "/")])
        return copy
    }

    /// Inverts one byte in the middle of a file.
    static func flipByte(in url: URL) throws {
        var data = try Data(contentsOf: url)
        data[data.count / 2] ^= 0xFF
        try data.write(to: url)
    }

    /// Runs SQL through the `sqlite3` command-line tool, as someone editing the catalogue by hand would.
    static func sqlite3(_ database: String, _ sql: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
        process.arguments = [database, sql]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(data: errors.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        guard process.terminationStatus == 0 else { throw FixtureError(description: "sqlite3 failed: \(message)") }
    }
}
