import Foundation
import XCTest
@testable import ArchiveDigitizer

/// Human corrections without a browser: the command-line verbs, a rerun that keeps them, a merge.
final class CorrectionTests: SampleArchiveTestCase {
    private let code = "HN-TU.01.037.0001.003"
    private let fixed = "triển khai số hóa tài liệu lưu trữ tại các xã, phường"

    func testRerunOfRunNeverOverwritesAHumanCorrection() throws {
        let result = try TestSupport.run(["correct", code, "--field", "excerpt", "--value", fixed, "--reason", "OCR đọc sai",
                                          "--by", "lan", "--archive", copy.archive.path])
        XCTAssertEqual(result.status, 0, result.errors)
        // The file is made to be assembled again, as after a rescan, and the batch is run again.
        try copy.catalogue().query("UPDATE files SET state = 'pending' WHERE code = 'HN-TU.01.037.0001'")
        let rerun = try TestSupport.run(["run", copy.scans.path, "--archive", copy.archive.path, "--jobs", "2", "--quiet"])
        XCTAssertEqual(rerun.status, 0, rerun.errors)
        let db = try copy.catalogue()
        let excerpt = try db.query("SELECT json_extract(metadata, '$.excerpt'), json_extract(metadata, '$.confidence.excerpt') FROM documents WHERE doc_code = ?",
                                   [.text(code)]).first
        XCTAssertEqual(excerpt?[0].string, fixed)
        XCTAssertEqual(excerpt?[1].double, 1)
        let written = try db.query("SELECT count(*) FROM events WHERE kind = 'document-written' AND subject = ?", [.text(code)]).first?.first?.int ?? 0
        XCTAssertGreaterThanOrEqual(written, 3, "written by the first run, the correction and the rerun")
        let verify = try TestSupport.run(["verify", "--archive", copy.archive.path])
        XCTAssertEqual(verify.status, 0, verify.output)
    }

    func testMergeRenumbersRecordsTheSupersededPDFAndStaysVerifiable() throws {
        let first = "HN-UB.02.015.0042.001", second = "HN-UB.02.015.0042.002"
        let refused = try TestSupport.run(["merge", second, first, "--reason", "x", "--archive", copy.archive.path])
        XCTAssertEqual(refused.status, 1, "only a document and the one after it")
        XCTAssertTrue(refused.errors.contains("not neighbouring"), refused.errors)
        let merged = try TestSupport.run(["merge", first, second, "--reason", "một văn bản", "--archive", copy.archive.path])
        XCTAssertEqual(merged.status, 0, merged.errors)
        let db = try copy.catalogue()
        let rows = try db.query("SELECT doc_code, first_page, last_page FROM documents WHERE doc_code LIKE 'HN-UB.02.015.0042.%'")
        XCTAssertEqual(rows.map { $0[0].string ?? "" }, [first])
        XCTAssertEqual(rows.first?[2].int, 4)
        XCTAssertEqual(try db.query("SELECT count(*) FROM events WHERE kind = 'document-superseded' AND subject = ?", [.text(second)]).first?.first?.int, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: copy.archive.appendingPathComponent("documents/HN-UB.02.015.0042/\(second).pdf").path))
        let verify = try TestSupport.run(["verify", "--archive", copy.archive.path])
        XCTAssertEqual(verify.status, 0, verify.output)
        XCTAssertTrue(verify.output.contains("documents-merged"), verify.output)
        let vietnamese = try TestSupport.run(["verify", "--archive", copy.archive.path, "--lang", "vi"])
        XCTAssertEqual(vietnamese.status, 0)
        XCTAssertTrue(vietnamese.output.contains("Kết quả: KHÔNG CÓ VẤN ĐỀ") && vietnamese.output.contains("Lịch sử sửa đổi"), vietnamese.output)
    }

    func testBadCorrectionsAreRefusedWithAReason() throws {
        let catalogue = try Catalogue(path: copy.cataloguePath)
        XCTAssertThrowsError(try catalogue.correct(code, field: "date", value: "2025-02-30", by: "lan", reason: "x", archive: copy.archive))
        XCTAssertThrowsError(try catalogue.correct(code, field: "colour", value: "x", by: "lan", reason: "x", archive: copy.archive))
        XCTAssertThrowsError(try catalogue.correct(code, field: "security", value: "BÍ MẬT", by: "lan", reason: "x", archive: copy.archive))
        XCTAssertThrowsError(try catalogue.correct(code, field: "excerpt", value: "x", by: "lan", reason: " ", archive: copy.archive))
        XCTAssertThrowsError(try catalogue.split(code, atPage: 2, by: "lan", reason: "x", archive: copy.archive), "a one-page document")
        XCTAssertEqual(try copy.catalogue().query("SELECT count(*) FROM corrections").first?.first?.int, 0)
    }

    func testAccountsKeepOnlyAHashAndCheckPasswords() throws {
        let catalogue = try Catalogue(path: copy.cataloguePath)
        try catalogue.addAccount(Account(name: "lan", role: .reviewer, clearance: .confidential), password: "mot-mat-khau-dai")
        XCTAssertThrowsError(try catalogue.addAccount(Account(name: "lan", role: .reader, clearance: .unmarked), password: "mot-mat-khau-dai"))
        XCTAssertThrowsError(try catalogue.addAccount(Account(name: "ngắn", role: .reader, clearance: .unmarked), password: "ngan"))
        let stored = try XCTUnwrap(copy.catalogue().query("SELECT password_hash FROM users WHERE name = 'lan'").first?.first?.string)
        XCTAssertTrue(stored.hasPrefix("pbkdf2-sha256$600000$"), stored)
        XCTAssertFalse(stored.contains("mot-mat-khau-dai"))
        XCTAssertEqual(try catalogue.authenticate(name: "lan", password: "mot-mat-khau-dai")?.clearance, .confidential)
        XCTAssertNil(try catalogue.authenticate(name: "lan", password: "mot-mat-khau-sai"))
        XCTAssertNil(try catalogue.authenticate(name: "khong-co", password: "mot-mat-khau-dai"))
        try catalogue.removeAccount(named: "lan")
        XCTAssertEqual(try catalogue.accounts(), [])
    }
}

/// The reading room's pieces that need no archive.
final class ReadingRoomUnitTests: XCTestCase {
    func testDatesAreWrittenAsVietnameseAndEnglishReadersWriteThem() {
        XCTAssertEqual(MessageCatalogue.date("2025-02-18", .vietnamese), "ngày 18 tháng 02 năm 2025")
        XCTAssertEqual(MessageCatalogue.date("2025-02-18", .english), "18 February 2025")
        XCTAssertEqual(MessageCatalogue.date("2025-11", .vietnamese), "tháng 11 năm 2025")
        XCTAssertEqual(MessageCatalogue.date("không rõ", .vietnamese), "không rõ")
        XCTAssertEqual(MessageCatalogue.number(23_600, .vietnamese), "23.600")
        XCTAssertEqual(MessageCatalogue.number(1_234_567, .english), "1,234,567")
    }

    func testLanguageFollowsTheQueryTheBrowserAndTheLocale() {
        XCTAssertEqual(MessageLanguage.ofBrowser(query: nil, acceptLanguage: nil), .vietnamese)
        XCTAssertEqual(MessageLanguage.ofBrowser(query: nil, acceptLanguage: "fr-FR,en-US;q=0.8"), .english)
        XCTAssertEqual(MessageLanguage.ofBrowser(query: "en", acceptLanguage: "vi-VN"), .english)
        XCTAssertEqual(MessageLanguage.ofCommandLine(option: nil, environment: ["LANG": "vi_VN.UTF-8"]), .vietnamese)
        XCTAssertEqual(MessageLanguage.ofCommandLine(option: nil, environment: ["LANG": "C.UTF-8"]), .english)
        XCTAssertEqual(MessageLanguage.ofCommandLine(option: "vi", environment: [:]), .vietnamese)
    }

    func testSecurityMarksAndClearances() {
        XCTAssertEqual(SecurityLevel(mark: ""), .unmarked)
        XCTAssertEqual(SecurityLevel(mark: "TỐI MẬT"), .secret)
        XCTAssertEqual(SecurityLevel(mark: "MẠT?"), .topSecret, "a mark not recognised hides the document")
        XCTAssertEqual(SecurityLevel(clearance: "toi-mat"), .secret)
        XCTAssertEqual(SecurityLevel.confidential.hiddenMarks, ["TỐI MẬT", "TUYỆT MẬT"])
        XCTAssertTrue(Account(name: "a", role: .administrator, clearance: .unmarked).mayRead(.topSecret))
        XCTAssertFalse(Account(name: "r", role: .reader, clearance: .unmarked).mayRead(.confidential))
    }

    func testListeningAddressesAndSafeRedirects() throws {
        XCTAssertEqual(try ListeningAddress(parsing: "127.0.0.1:8080"), .loopback)
        XCTAssertEqual(try ListeningAddress(parsing: "[::1]:9000").description, "[::1]:9000")
        XCTAssertThrowsError(try ListeningAddress(parsing: "localhost:8080"), "names are not resolved")
        XCTAssertThrowsError(try ListeningAddress(parsing: "127.0.0.1"))
        XCTAssertEqual(ReadingRoom.safeNext("//evil.example/"), "/")
        XCTAssertEqual(ReadingRoom.safeNext("https://evil.example/"), "/")
        XCTAssertEqual(ReadingRoom.safeNext("/search?q=x"), "/search?q=x")
    }

    func testSnippetsAreEscapedAndMarked() {
        let marked = "a \u{2}<script>\u{3} & b"
        XCTAssertEqual(SearchPageView.highlighted(marked), "a <mark>&lt;script&gt;</mark> &amp; b")
    }
}
