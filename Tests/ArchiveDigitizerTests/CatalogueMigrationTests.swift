import Foundation
import XCTest
@testable import ArchiveDigitizer

/// `digitize migrate` against the real test server: every row arrives, the hash chain is the same
/// chain, the password is never printed, and a second migration into the same database is refused.
final class CatalogueMigrationTests: XCTestCase {
    func testMigrationCopiesEveryRowAndKeepsTheHashChain() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let copy = try SampleArchive.copy("migrate")
        defer { try? FileManager.default.removeItem(at: copy.work) }
        let url = try schema.url()
        // An account and a human correction: the reading room's state moves with the catalogue.
        let catalogue = try Catalogue(path: copy.cataloguePath)
        try catalogue.addAccount(Account(name: "lan", role: .reviewer, clearance: .confidential), password: "mot-mat-khau-dai")
        let code = try XCTUnwrap(copy.catalogue().query("SELECT doc_code FROM documents ORDER BY doc_code LIMIT 1").first?.first?.string)
        try catalogue.correct(code, field: "excerpt", value: "Về việc chuyển đổi số", by: "lan", reason: "OCR đọc sai", archive: copy.archive)

        let run = try TestSupport.run(["migrate", "--archive", copy.archive.path, "--store", url])
        XCTAssertEqual(run.status, 0, run.output + run.errors)
        XCTAssertTrue(run.output.contains("hash chain intact"), run.output)
        let password = try XCTUnwrap(URLComponents(string: try PostgreSQLTestSchema.serverURL())?.password)
        XCTAssertFalse((run.output + run.errors).contains(password), "the password is never printed")
        XCTAssertTrue(run.output.contains(":***@"), run.output)

        let sqlite = try copy.catalogue()
        let postgres = try schema.connect()
        for table in CatalogueMigration.tables {
            XCTAssertEqual(try postgres.query("SELECT count(*) FROM \(table)", []).first?.first?.int,
                           try sqlite.query("SELECT count(*) FROM \(table)").first?.first?.int, table)
        }
        let events = "SELECT id, at, kind, subject, detail, previous_hash, hash FROM events ORDER BY id"
        XCTAssertEqual(try postgres.query(events, []), try sqlite.query(events), "the ledger arrives event for event")
        XCTAssertEqual(try postgres.query("SELECT name, role, clearance, password_hash FROM users", []),
                       try sqlite.query("SELECT name, role, clearance, password_hash FROM users"), "accounts arrive, hashes intact")
        XCTAssertEqual(try postgres.query("SELECT value, corrected_by, reason FROM corrections WHERE field = 'excerpt'", []),
                       [[.text("Về việc chuyển đổi số"), .text("lan"), .text("OCR đọc sai")]], "the human correction arrives")
        let pages = "SELECT id, text, mean_confidence, words FROM pages ORDER BY id"
        XCTAssertEqual(try postgres.query(pages, []), try sqlite.query(pages), "page texts, confidences and word boxes arrive intact")

        var report = VerificationReport(archive: "test", startedAt: "")
        try LedgerChainCheck(connection: postgres).run(into: &report)
        XCTAssertTrue(report.problems.isEmpty, "\(report.problems)")
        XCTAssertEqual(report.ledgerHeadHash, try sqlite.query("SELECT hash FROM events ORDER BY id DESC LIMIT 1").first?.first?.string)

        // The chain check works on the PostgreSQL copy too: an edited event is found there.
        try postgres.query("UPDATE events SET detail = 'edited' WHERE id = 5", [])
        var tampered = VerificationReport(archive: "test", startedAt: "")
        try LedgerChainCheck(connection: postgres).run(into: &tampered)
        XCTAssertEqual(tampered.problems.map(\.location), ["events #5"])
        XCTAssertEqual(tampered.problems.first?.kind, .chainBroken)
    }

    func testASecondMigrationIntoTheSameDatabaseIsRefusedAndChangesNothing() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let copy = try SampleArchive.copy("migrate-twice")
        defer { try? FileManager.default.removeItem(at: copy.work) }
        let url = try schema.url()
        XCTAssertEqual(try TestSupport.run(["migrate", "--archive", copy.archive.path, "--store", url]).status, 0)
        let before = try schema.connect().query("SELECT count(*) FROM events", []).first?.first?.int
        let again = try TestSupport.run(["migrate", "--archive", copy.archive.path, "--store", url])
        XCTAssertEqual(again.status, 65, again.output + again.errors)
        XCTAssertTrue(again.errors.contains("already holds a catalogue"), again.errors)
        XCTAssertEqual(try schema.connect().query("SELECT count(*) FROM events", []).first?.first?.int, before)
        let usage = try TestSupport.run(["migrate", "--archive", copy.archive.path])
        XCTAssertEqual(usage.status, 64, "without --store: \(usage.errors)")
    }
}
