import XCTest
@testable import ArchiveDigitizer

/// `digitize export csv|json|xml` on the real SampleScans archive, read back by independent
/// parsers (Python's csv, json and xml modules): the JSON has exactly the contract's shape, CSV
/// cells cannot become spreadsheet formulas, XML stays well-formed whatever OCR produced.
final class ExportTests: SampleArchiveTestCase {

    private func export(_ format: String) throws -> URL {
        let url = copy.work.appendingPathComponent("out/catalogue.\(format)")
        let outcome = try TestSupport.run(["export", format, "--archive", copy.archive.path, "--to", url.path])
        XCTAssertEqual(outcome.status, 0, outcome.output + outcome.errors)
        return url
    }

    /// Runs a Python 3 script (standard library only) with `arguments`; returns its standard output.
    static func python(_ script: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script] + arguments
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(data: errors.fileHandleForReading.readDataToEndOfFile(), encoding: .utf8) ?? ""
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SampleArchive.FixtureError(description: "python3 failed: \(problem)")
        }
        return String(data: data, encoding: .utf8) ?? ""
    }

    /// Awkward metadata on the first document, as OCR and the extractor could produce it.
    private func writeAwkwardMetadata() throws -> String {
        let code = try XCTUnwrap(copy.catalogue().query("SELECT doc_code FROM documents ORDER BY doc_code").first?[0].string)
        let metadata = JSONValue.object([
            ("doc_type", .string("Quyết định")), ("number", .string("8229")), ("symbol", .string("-QĐ/TU")),
            ("date", .string("2025-02-18")), ("issuer", .string("Ban \"Tổ chức\", Thành ủy")),
            ("excerpt", .string("=HYPERLINK(\"http://x\",\"y\")\nvề việc <b>thành lập</b> & \u{1}ban")),
            ("signer", .string("@Nguyễn Văn Phong")), ("security", .string("+MẬT")), ("urgency", .string("HỎA TỐC")),
            ("review", .string("excerpt, signer")),
        ]).rendered(pretty: false)
        try copy.catalogue().query("UPDATE documents SET metadata = ? WHERE doc_code = ?", [.text(metadata), .text(code)])
        return code
    }

    func testJSONHasExactlyTheContractShapeAndTheCatalogueFigures() throws {
        let url = try export("json")
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        XCTAssertEqual(Array(object.keys), ["files"])
        let files = try XCTUnwrap(object["files"] as? [[String: Any]])
        XCTAssertEqual(files.compactMap { $0["file_code"] as? String }, ["HN-TU.01.037.0001", "HN-UB.02.015.0042", "HN-UB.02.015.0043"])
        let fileKeys = ["file_code", "title", "start_date", "end_date", "retention", "shelf_metres", "page_count", "documents"]
        let documentKeys = ["doc_code", "ordinal", "system", "doc_type", "number", "symbol", "date", "place", "issuer_upper", "issuer",
                            "excerpt", "signer", "signer_position", "authority", "security", "urgency", "review", "first_page", "last_page",
                            "pdf", "sha256"]
        let db = try copy.catalogue()
        for file in files {
            XCTAssertEqual(Set(file.keys), Set(fileKeys))
            let code = try XCTUnwrap(file["file_code"] as? String)
            let documents = try XCTUnwrap(file["documents"] as? [[String: Any]])
            let rows = try db.query("""
                SELECT d.doc_code, d.pdf_path, d.pdf_sha256 FROM documents d JOIN files f ON f.id = d.file_id WHERE f.code = ? ORDER BY d.ordinal
                """, [.text(code)])
            XCTAssertEqual(documents.count, rows.count)
            for (document, row) in zip(documents, rows) {
                XCTAssertEqual(Set(document.keys), Set(documentKeys))
                XCTAssertEqual(document["doc_code"] as? String, row[0].string)
                XCTAssertEqual(document["pdf"] as? String, row[1].string)
                XCTAssertEqual(document["sha256"] as? String, row[2].string)
            }
        }
        XCTAssertEqual(files[0]["shelf_metres"] as? Double, 0.012)
        XCTAssertEqual(files[0]["page_count"] as? Int, 4)
        XCTAssertEqual(files[2]["retention"] as? String, "70 năm")
        // Key order as the contract lists it.
        let text = try String(contentsOf: url, encoding: .utf8)
        for keys in [fileKeys, documentKeys] {
            let positions = keys.compactMap { text.range(of: "\"\($0)\":")?.lowerBound }
            XCTAssertEqual(positions.count, keys.count)
            XCTAssertEqual(positions, positions.sorted(), "keys in contract order: \(keys)")
        }
    }

    func testAFileTheInventoryIsSilentOnTakesItsTitleAndDatesFromItsDocuments() throws {
        try SampleArchive.sqlite3(copy.cataloguePath, """
            UPDATE files SET title = NULL, start_date = '', end_date = NULL, inventory = NULL WHERE code = 'HN-TU.01.037.0001';
            """)
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: try export("json"))) as? [String: Any]
        let files = try XCTUnwrap(object?["files"] as? [[String: Any]])
        // Expected from the ground truth, not from the catalogue: the documents' earliest and latest dates.
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: TestSupport.sampleScans.appendingPathComponent("ground-truth.json"))) as? [String: Any]
        let truthFiles = try XCTUnwrap(truth?["files"] as? [[String: Any]])
        let documents = try XCTUnwrap(truthFiles.first { $0["file_code"] as? String == "HN-TU.01.037.0001" }?["documents"] as? [[String: Any]])
        let dates = documents.compactMap { $0["date"] as? String }.sorted()
        XCTAssertEqual(files[0]["start_date"] as? String, dates.first)
        XCTAssertEqual(files[0]["end_date"] as? String, dates.last)
        XCTAssertEqual(files[0]["title"] as? String, "Quyết định về việc thành lập Ban Chỉ đạo 204", "the first document's title")
        // Where the inventory speaks, it wins.
        XCTAssertEqual(files[1]["title"] as? String, "Hồ sơ về Đề án số hóa tài liệu lưu trữ lịch sử của Thành phố giai đoạn 2025 - 2030")
        XCTAssertEqual(files[1]["start_date"] as? String, "2025-03-05")
    }

    func testCSVHasTT02HeadersQuotesProperlyAndNeutralisesFormulas() throws {
        let code = try writeAwkwardMetadata()
        let url = try export("csv")
        let raw = try Data(contentsOf: url)
        XCTAssertEqual(Array(raw.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark for Excel")
        let parsed = try Self.python("""
            import csv, json, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                print(json.dumps(list(csv.DictReader(f)), ensure_ascii=False))
            """, [url.path])
        let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(parsed.utf8)) as? [[String: String]])
        let documents = try copy.catalogue().query("SELECT count(*) FROM documents").first?[0].int
        XCTAssertEqual(rows.count, documents)
        let header = String(decoding: raw.dropFirst(3), as: UTF8.self).components(separatedBy: "\r\n")[0]
        XCTAssertTrue(header.hasPrefix("DocCode,FileCode,DocOrdinal,TypeName,CodeNumber,CodeNotation,IssuedDate,OrganName,Subject,Language,PageAmount"))
        for extra in ["Signer", "Security", "Urgency", "Pdf", "Sha256", "Review"] { XCTAssertTrue(header.contains(extra)) }
        let row = try XCTUnwrap(rows.first { $0["DocCode"] == code })
        XCTAssertEqual(row["TypeName"], "Quyết định")
        XCTAssertEqual(row["CodeNotation"], "'-QĐ/TU")
        XCTAssertEqual(row["OrganName"], "Ban \"Tổ chức\", Thành ủy")
        XCTAssertEqual(row["Subject"], "'=HYPERLINK(\"http://x\",\"y\")\nvề việc <b>thành lập</b> & \u{1}ban")
        XCTAssertEqual(row["Signer"], "'@Nguyễn Văn Phong")
        XCTAssertEqual(row["Security"], "'+MẬT")
        XCTAssertEqual(row["Urgency"], "HỎA TỐC")
        XCTAssertEqual(row["IssuedDate"], "2025-02-18")
        XCTAssertEqual(row["Language"], "Tiếng Việt")
        XCTAssertEqual(row["Review"], "excerpt, signer", "the fields to check")
        for row in rows {
            for (column, value) in row where !value.isEmpty {
                XCTAssertFalse(["=", "+", "-", "@"].contains(value.first.map(String.init) ?? ""), "\(column) could run as a formula: \(value)")
            }
        }
    }

    func testXMLIsWellFormedAndKeepsTheTextEscaped() throws {
        let code = try writeAwkwardMetadata()
        let url = try export("xml")
        let parsed = try Self.python("""
            import json, sys, xml.etree.ElementTree as ET
            root = ET.parse(sys.argv[1]).getroot()
            out = {"files": [f.findtext("FileCode") for f in root.findall("File")],
                   "documents": {d.findtext("DocCode"): {c.tag: (c.text or "") for c in d} for d in root.iter("Document")}}
            print(json.dumps(out, ensure_ascii=False))
            """, [url.path])
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(parsed.utf8)) as? [String: Any])
        XCTAssertEqual(object["files"] as? [String], ["HN-TU.01.037.0001", "HN-UB.02.015.0042", "HN-UB.02.015.0043"])
        let document = try XCTUnwrap((object["documents"] as? [String: [String: String]])?[code])
        XCTAssertEqual(document["Subject"], "=HYPERLINK(\"http://x\",\"y\")\nvề việc <b>thành lập</b> & ban",
                       "escaped text reads back; the control character XML forbids is dropped")
        XCTAssertEqual(document["OrganName"], "Ban \"Tổ chức\", Thành ủy")
        XCTAssertEqual(document["TypeName"], "Quyết định")
        XCTAssertEqual(document["FileCode"], String(code.dropLast(4)))
        XCTAssertNotNil(document["Sha256"])
        XCTAssertEqual(document["Review"], "excerpt, signer")
    }

    func testCommandLineRejectsUnknownFormatsAndMissingDestination() throws {
        XCTAssertEqual(try TestSupport.run(["export", "pdf", "--archive", copy.archive.path, "--to", "/tmp/x"]).status, 64)
        XCTAssertEqual(try TestSupport.run(["export", "json", "--archive", copy.archive.path]).status, 64)
        XCTAssertEqual(try TestSupport.run(["export", "--archive", copy.archive.path, "--to", "/tmp/x"]).status, 64)
        let missing = copy.work.appendingPathComponent("none")
        XCTAssertEqual(try TestSupport.run(["export", "json", "--archive", missing.path, "--to", copy.work.appendingPathComponent("x.json").path]).status, 66)
        XCTAssertFalse(FileManager.default.fileExists(atPath: missing.path))
    }
}
