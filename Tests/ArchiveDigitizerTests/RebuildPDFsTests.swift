import XCTest
@testable import ArchiveDigitizer

/// Issue #13: `digitize rebuild-pdfs` writes PDFs again from the stored OCR results, without OCR,
/// and `verify` stays clean.
final class RebuildPDFsTests: SampleArchiveTestCase {
    private func rebuild(_ extra: [String] = []) throws -> TestSupport.Outcome {
        try TestSupport.run(["rebuild-pdfs", "--archive", copy.archive.path] + extra)
    }

    private func pdfHashes() throws -> [String: String] {
        var hashes: [String: String] = [:]
        for row in try copy.catalogue().query("SELECT doc_code, pdf_sha256 FROM documents") {
            if let code = row[0].string { hashes[code] = row[1].string ?? "" }
        }
        return hashes
    }

    func testUpToDateArchiveIsLeftAloneAndAnOlderOneIsRebuiltWithoutOCRAndVerifiesClean() throws {
        let before = try pdfHashes()
        var outcome = try rebuild()
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertTrue(outcome.output.contains("0 PDF(s) rebuilt, \(before.count) already up to date"), outcome.output)
        XCTAssertEqual(try pdfHashes(), before, "writing is deterministic: nothing changed")

        // An archive from before issue #13: plain PDFs, words stored without their line baselines.
        let db = try copy.catalogue()
        XCTAssertEqual(try db.query("SELECT count(*) FROM pages WHERE words LIKE '%\"bl\":[%'").first?.first?.int, 11,
                       "new pages store each line's baseline with its words")
        let pages = try db.query("SELECT id, words FROM pages")
        for row in pages {
            guard let id = row[0].int, let json = row[1].string else { continue }
            var words = try JSONDecoder().decode([RecognizedWord].self, from: Data(json.utf8))
            for index in words.indices { words[index].baseline = nil }
            let stripped = String(decoding: try JSONEncoder.sorted.encode(words), as: UTF8.self)
            try db.query("UPDATE pages SET words = ? WHERE id = ?", [.text(stripped), .integer(Int64(id))])
        }
        outcome = try rebuild(["--pdf-profile", "plain"])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        let plain = try pdfHashes()
        XCTAssertEqual(Set(plain.keys), Set(before.keys))
        XCTAssertTrue(plain.allSatisfy { before[$0.key] != $0.value }, "every PDF was rewritten as plain PDF")
        let pagesDone = try db.query("SELECT group_concat(done_at) FROM pages").first?.first?.string

        outcome = try rebuild()
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertTrue(outcome.output.contains("\(before.count) PDF(s) rebuilt"), outcome.output)
        XCTAssertEqual(try db.query("SELECT group_concat(done_at) FROM pages").first?.first?.string, pagesDone, "no page was OCR'd again")
        XCTAssertEqual(try db.query("SELECT count(*) FROM events WHERE kind = 'document-superseded'").first?.first?.int, 2 * before.count)
        let verify = try TestSupport.run(["verify", "--archive", copy.archive.path])
        XCTAssertEqual(verify.status, 0, "verify after rebuilding:\n\(verify.output)\n\(verify.errors)")

        // Baselines fitted to the word boxes: the layer still reads back, and the PDFs are PDF/A.
        let first = try XCTUnwrap(db.query("SELECT pdf_path FROM documents ORDER BY doc_code").first?.first?.string)
        let path = copy.archive.appendingPathComponent(first).path
        XCTAssertTrue(try TextLayerReaders.pdftotext(path, page: 1).contains("Căn cứ Điều lệ Đảng Cộng sản Việt Nam;"))
        if ProcessInfo.processInfo.environment["TEST_PYTHON"] != nil {
            let paths = try db.query("SELECT pdf_path FROM documents").compactMap { $0[0].string }.map { copy.archive.appendingPathComponent($0).path }
            XCTAssertEqual(try TextLayerReaders.pdfA2bFindings(paths), [])
        }
    }

    func testOneDocumentAndUnknownCodes() throws {
        let codes = try pdfHashes().keys.sorted()
        let target = try XCTUnwrap(codes.last)
        var outcome = try rebuild(["--document", target, "--pdf-profile", "plain"])
        XCTAssertEqual(outcome.status, 0, outcome.errors)
        XCTAssertTrue(outcome.output.contains("1 PDF(s) rebuilt, 0 already up to date"), outcome.output)
        outcome = try rebuild(["--document", "HN-XX.99.999.9999.001"])
        XCTAssertEqual(outcome.status, 66)
        XCTAssertTrue(outcome.errors.contains("no document"), outcome.errors)
        outcome = try rebuild(["--file", "HN-XX.99.999.9999"])
        XCTAssertEqual(outcome.status, 66)
        outcome = try rebuild(["--pdf-profile", "pdfa-9z"])
        XCTAssertEqual(outcome.status, 64)
        XCTAssertTrue(outcome.errors.contains("pdfa-2b, pdfa-2u, plain"), outcome.errors)
    }
}
