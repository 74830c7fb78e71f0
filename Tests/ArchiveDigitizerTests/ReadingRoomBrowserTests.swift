import Foundation
import XCTest
@testable import ArchiveDigitizer

/// The reading room end to end: a real `digitize serve` on a copy of the SampleScans archive, driven
/// by Debian's headless Chromium (`Tests/Browser/room_browser.py`, Selenium from the test venv).
/// Screenshots of the search and the document page are written to `docs/` for the README.
final class ReadingRoomBrowserTests: SampleArchiveTestCase {
    private var server: Process?
    private var port = 0
    private var logs: URL?

    /// The secret (MẬT) document of SampleScans and words only it holds.
    private let markedDocument = "HN-TU.01.037.0001.002"
    private let markedWords = "ket luan thuong truc"

    override func setUpWithError() throws {
        try super.setUpWithError()
        guard ProcessInfo.processInfo.environment["TEST_PYTHON"] != nil else {
            throw XCTSkip("TEST_PYTHON (the test venv's Python, with selenium) is not set; `make test` sets it")
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver") else {
            throw XCTSkip("Debian's chromium and chromium-driver are not installed; `make deps` installs them")
        }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["TEST_PYTHON"] ?? "")
        probe.arguments = ["-c", "import selenium"]
        try probe.run()
        probe.waitUntilExit()
        guard probe.terminationStatus == 0 else {
            throw XCTSkip("the test venv lacks selenium (made before it was added): rm -rf .build-venv and run `make test`")
        }
        let catalogue = try Catalogue(path: copy.cataloguePath)
        try catalogue.addAccount(Account(name: "doc-gia", role: .reader, clearance: .unmarked), password: "mat-khau-doc-gia")
        try catalogue.addAccount(Account(name: "kiem-tra", role: .reviewer, clearance: .unmarked), password: "mat-khau-kiem-tra")
        try catalogue.addAccount(Account(name: "quan-tri", role: .administrator, clearance: .unmarked), password: "mat-khau-quan-tri")
        try startServer()
    }

    override func tearDownWithError() throws {
        if let server, server.isRunning {
            server.terminate()
            server.waitUntilExit()
        }
        if let logs { try? FileManager.default.removeItem(at: logs) }
        try super.tearDownWithError()
    }

    private func startServer(_ extra: [String] = []) throws {
        let logs = try TestSupport.temporaryFolder("serve")
        self.logs = logs
        for _ in 0..<5 {
            port = Int.random(in: 20_000..<45_000)
            let process = try TestSupport.start(["serve", "--archive", copy.archive.path, "--listen", "127.0.0.1:\(port)"] + extra, outputTo: logs)
            for _ in 0..<100 where process.isRunning {
                if let text = try? String(contentsOf: logs.appendingPathComponent("out.txt"), encoding: .utf8), text.contains("http://") {
                    server = process
                    return
                }
                Thread.sleep(forTimeInterval: 0.1)
            }
            if process.isRunning { process.terminate() }
        }
        let errors = (try? String(contentsOf: logs.appendingPathComponent("err.txt"), encoding: .utf8)) ?? ""
        XCTFail("digitize serve did not start: \(errors)")
    }

    struct Step: Decodable {
        var url: String
        var title: String
        var dom: String
        var value: JSONAny?
    }

    /// Any JSON value a script returned, kept as text.
    struct JSONAny: Decodable {
        var text: String
        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { text = String(Int(number)) }
            else if let string = try? container.decode(String.self) { text = string }
            else if let flag = try? container.decode(Bool.self) { text = String(flag) }
            else { text = "" }
        }
    }

    /// Runs `steps` in one browser session; one result per step.
    private func browse(_ steps: [[String: Any]]) throws -> [Step] {
        let python = try XCTUnwrap(ProcessInfo.processInfo.environment["TEST_PYTHON"])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [TestSupport.packageRoot.appendingPathComponent("Tests/Browser/room_browser.py").path, "http://127.0.0.1:\(port)"]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: steps))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, problem)
        return try JSONDecoder().decode([Step].self, from: data)
    }

    private func login(_ name: String) -> [String: Any] {
        ["op": "login", "name": name, "password": "mat-khau-\(name)"]
    }

    private func docsScreenshot(_ name: String) -> [String: Any] {
        ["op": "screenshot", "path": TestSupport.packageRoot.appendingPathComponent("docs/\(name)").path]
    }

    // MARK: Tests

    func testSearchWithoutDiacriticsListsTheDocumentWithItsWordsHighlighted() throws {
        let steps = try browse([login("doc-gia"), ["op": "get", "path": "/search?q=ban+chi+dao"], docsScreenshot("reading-room-search.png")])
        let page = steps[1].dom
        XCTAssertTrue(page.contains("lang=\"vi\""), "the room speaks Vietnamese to a Vietnamese browser")
        XCTAssertTrue(page.contains("trang khớp với"), page)
        XCTAssertTrue(page.contains("/documents/HN-TU.01.037.0001.001"), page)
        XCTAssertTrue(page.contains("Quyết định về việc thành lập Ban Chỉ đạo 204"), page)
        XCTAssertTrue(page.contains("<mark>Chỉ</mark>") && page.contains("<mark>đạo</mark>"), page)
        XCTAssertTrue(page.contains("/documents/HN-TU.01.037.0001.001.pdf#page=1"), page)
    }

    /// The room on a shared PostgreSQL store, after `migrate` brought the catalogue there with its
    /// accounts: the same sign-in, search and document page, read from PostgreSQL.
    func testTheRoomServesAPostgreSQLStoreWithTheMigratedAccounts() throws {
        let schema = try PostgreSQLTestSchema.make()
        defer { schema.drop() }
        let url = try schema.url()
        let migrated = try TestSupport.run(["migrate", "--archive", copy.archive.path, "--store", url])
        XCTAssertEqual(migrated.status, 0, migrated.output + migrated.errors)
        if let server, server.isRunning { server.terminate(); server.waitUntilExit() }
        // The SQLite catalogue moved aside: whatever the room shows now comes from PostgreSQL.
        try FileManager.default.moveItem(atPath: copy.cataloguePath, toPath: copy.cataloguePath + ".migrated")
        try startServer(["--store", url])
        let steps = try browse([login("doc-gia"), ["op": "get", "path": "/search?q=ban+chi+dao"],
                                ["op": "get", "path": "/documents/HN-TU.01.037.0001.001"]])
        XCTAssertTrue(steps[1].dom.contains("/documents/HN-TU.01.037.0001.001"), steps[1].dom)
        XCTAssertTrue(steps[1].dom.contains("<mark>Chỉ</mark>"), steps[1].dom)
        XCTAssertTrue(steps[2].dom.contains("Quyết định về việc thành lập Ban Chỉ đạo 204"), steps[2].dom)
        XCTAssertFalse(steps[2].dom.contains("room.error") || steps[2].dom.contains("Có lỗi khi đọc danh mục"), steps[2].dom)
    }

    func testDocumentPageBoxesTheSearchedWordsOnThePageImage() throws {
        let steps = try browse([
            login("doc-gia"),
            ["op": "get", "path": "/documents/HN-TU.01.037.0001.001?q=ban+chi+dao"],
            ["op": "script", "js": "return document.querySelectorAll('svg rect.hit').length"],
            ["op": "script", "js": "var i = document.querySelector('svg image'); return i ? i.getAttribute('href') : ''"],
            docsScreenshot("reading-room-document.png"),
        ])
        let page = steps[1].dom
        XCTAssertTrue(page.contains("ngày 18 tháng 02 năm 2025"), "dates as Vietnamese write them: \(page)")
        XCTAssertTrue(page.contains("Độ tin cậy"), page)
        XCTAssertGreaterThanOrEqual(Int(steps[2].value?.text ?? "") ?? 0, 3, "Ban, Chỉ and đạo boxed at least once each")
        XCTAssertTrue(page.contains("<title>Chỉ</title>"), page)
        // The page image the SVG draws is served, as a PNG.
        let image = try XCTUnwrap(steps[3].value?.text)
        XCTAssertEqual(image, "/documents/HN-TU.01.037.0001.001/pages/1.png")
        let english = try browse([login("doc-gia"), ["op": "get", "path": "/documents/HN-TU.01.037.0001.001?lang=en"]])
        XCTAssertTrue(english[1].dom.contains("18 February 2025"), english[1].dom)
    }

    func testReaderCannotSeeASecretDocumentNorItsSnippet() throws {
        let query = markedWords.replacingOccurrences(of: " ", with: "+")
        let steps = try browse([
            login("doc-gia"),
            ["op": "get", "path": "/search?q=\(query)"],
            ["op": "get", "path": "/documents/\(markedDocument)"],
            ["op": "get", "path": "/api/search?q=\(query)"],
            ["op": "get", "path": "/files/HN-TU.01.037.0001"],
        ])
        for step in steps.dropFirst() {
            XCTAssertFalse(step.dom.contains(markedDocument), "\(step.url) shows the secret document")
            XCTAssertFalse(step.dom.contains("Thông báo kết luận"), "\(step.url) shows its title or snippet")
        }
        XCTAssertTrue(steps[2].dom.contains("Không tìm thấy"), "the secret document is as if absent: \(steps[2].dom)")
        // An administrator sees it, counted too, and the view is in the ledger.
        let admin = try browse([login("quan-tri"), ["op": "get", "path": "/search?q=\(query)"], ["op": "get", "path": "/documents/\(markedDocument)"],
                                ["op": "get", "path": "/api/search?q=\(query)"]])
        XCTAssertTrue(admin[1].dom.contains(markedDocument), admin[1].dom)
        XCTAssertTrue(admin[3].dom.contains(markedDocument), admin[3].dom)
        let readerTotal = try XCTUnwrap(Self.total(in: steps[3].dom)), adminTotal = try XCTUnwrap(Self.total(in: admin[3].dom))
        XCTAssertLessThan(readerTotal, adminTotal, "the reader's count leaves the secret pages out")
        XCTAssertTrue(admin[2].dom.contains("MẬT"), admin[2].dom)
        let views = try copy.catalogue().query("SELECT detail FROM events WHERE kind = 'marked-document-viewed' AND subject = ?", [.text(markedDocument)])
        XCTAssertFalse(views.isEmpty)
        XCTAssertTrue(views.contains { $0[0].string?.contains("quan-tri") == true }, "\(views)")
        XCTAssertFalse(views.contains { $0[0].string?.contains("doc-gia") == true }, "the refused reader saw nothing")
    }

    func testNothingButTheLoginIsServedWithoutASession() throws {
        let steps = try browse([["op": "get", "path": "/search?q=ban+chi+dao"], ["op": "get", "path": "/documents/HN-TU.01.037.0001.001.pdf"]])
        for step in steps {
            XCTAssertTrue(step.url.contains("/login"), step.url)
            XCTAssertFalse(step.dom.contains("Ban Chỉ đạo"), step.dom)
        }
    }

    func testReviewQueueFilePageAndDashboardAreForReviewers() throws {
        let reader = try browse([login("doc-gia"), ["op": "get", "path": "/review"], ["op": "get", "path": "/files/HN-TU.01.037.0001"]])
        XCTAssertTrue(reader[1].dom.contains("Bạn không có quyền"), reader[1].dom)
        XCTAssertTrue(reader[2].dom.contains("HN-TU.01.037.0001.001") && !reader[2].dom.contains(markedDocument), reader[2].dom)
        // Two doubtful documents, as extraction leaves them: a number read at 30 %, a date not found.
        let db = try copy.catalogue()
        try db.query("UPDATE documents SET metadata = json_set(metadata, '$.confidence.number', 0.3) WHERE doc_code = 'HN-TU.01.037.0001.003'")
        try db.query("UPDATE documents SET metadata = json_set(metadata, '$.date', '') WHERE doc_code = 'HN-UB.02.015.0043.002'")
        try db.query("UPDATE documents SET metadata = json_set(metadata, '$.date', '') WHERE doc_code = ?", [.text(markedDocument)])
        let reviewer = try browse([login("kiem-tra"), ["op": "get", "path": "/review"], ["op": "get", "path": "/progress"]])
        let queue = reviewer[1].dom
        let missingDate = try XCTUnwrap(queue.range(of: "HN-UB.02.015.0043.002"), queue)
        let lowNumber = try XCTUnwrap(queue.range(of: "HN-TU.01.037.0001.003"), queue)
        XCTAssertLessThan(missingDate.lowerBound, lowNumber.lowerBound, "worst first: an empty date (0 %) before a number read at 30 %")
        XCTAssertTrue(queue.contains("30 %"), queue)
        XCTAssertFalse(queue.contains(markedDocument), "not cleared for MẬT: not in the queue either")
        // The dashboard in the reader's language: Vietnamese headings, reasons and numbers (23.600 m).
        let dashboard = reviewer[2].dom
        for expected in ["Tiến độ số hóa tài liệu lưu trữ", "Khối lượng: tổng 23.600 m", "Năng suất", "Văn bản có siêu dữ liệu cần kiểm tra"] {
            XCTAssertTrue(dashboard.contains(expected), "“\(expected)” missing: \(dashboard)")
        }
        XCTAssertFalse(dashboard.contains("Backlog:") || dashboard.contains("Needs attention"), dashboard)
    }

    func testFormPostedWithoutItsCSRFTokenIsRefused() throws {
        let steps = try browse([
            login("kiem-tra"),
            ["op": "get", "path": "/documents/HN-TU.01.037.0001.001"],
            ["op": "script", "js": "document.querySelectorAll('form.correct input[name=csrf]').forEach(function (e) { e.remove() }); return 1"],
            ["op": "submit", "form": "form.correct", "fields": ["field": "excerpt", "value": "giả mạo", "reason": "thử"]],
        ])
        XCTAssertTrue(steps[3].dom.contains("Biểu mẫu đã hết hạn hoặc không hợp lệ"), steps[3].dom)
        XCTAssertEqual(try copy.catalogue().query("SELECT count(*) FROM corrections").first?.first?.int, 0)
        XCTAssertEqual(try copy.catalogue().query("SELECT count(*) FROM events WHERE kind = 'document-corrected'").first?.first?.int, 0)
    }

    func testCorrectionThroughTheFormReachesSearchExportAndLedger() throws {
        let steps = try browse([
            login("kiem-tra"),
            ["op": "get", "path": "/documents/HN-TU.01.037.0001.003"],
            ["op": "submit", "form": "form.correct",
             "fields": ["field": "excerpt", "value": "triển khai số hóa tài liệu lưu trữ tại các xã, phường", "reason": "OCR đọc sai chữ tại"]],
            ["op": "get", "path": "/search?q=cac+xa+phuong"],
        ])
        XCTAssertTrue(steps[2].dom.contains("đã sửa bởi kiem-tra"), steps[2].dom)
        XCTAssertTrue(steps[3].dom.contains("Công văn về việc triển khai số hóa tài liệu lưu trữ tại các xã, phường"), steps[3].dom)
        let event = try XCTUnwrap(copy.catalogue().query("SELECT detail FROM events WHERE kind = 'document-corrected'").first?.first?.string)
        XCTAssertTrue(event.contains("\"by\":\"kiem-tra\"") && event.contains("tạ Lcác") && event.contains("OCR đọc sai chữ tại"), event)
        let exported = copy.work.appendingPathComponent("catalogue.json")
        let export = try TestSupport.run(["export", "json", "--archive", copy.archive.path, "--to", exported.path])
        XCTAssertEqual(export.status, 0, export.errors)
        XCTAssertTrue(try String(contentsOf: exported, encoding: .utf8).contains("triển khai số hóa tài liệu lưu trữ tại các xã, phường"))
        let verify = try TestSupport.run(["verify", "--archive", copy.archive.path])
        XCTAssertEqual(verify.status, 0, verify.output)
        XCTAssertTrue(verify.output.contains("Correction history") && verify.output.contains("document-corrected"), verify.output)
    }

    func testSplitThroughTheFormRebuildsTwoPDFsThatPdfplumberReads() throws {
        let steps = try browse([
            login("kiem-tra"),
            ["op": "get", "path": "/documents/HN-TU.01.037.0001.001"],
            ["op": "submit", "form": "form.split", "fields": ["page": "2", "reason": "trang 2 là văn bản khác"]],
        ])
        XCTAssertTrue(steps[2].dom.contains("Đã lưu"), steps[2].dom)
        let rows = try copy.catalogue().query("SELECT doc_code, first_page, last_page, pdf_path FROM documents WHERE doc_code LIKE 'HN-TU.01.037.0001.%' ORDER BY ordinal")
        XCTAssertEqual(rows.map { $0[0].string ?? "" }, (1...4).map { "HN-TU.01.037.0001.00\($0)" }, "renumbered by TT02")
        XCTAssertEqual(rows.prefix(2).map { [$0[1].int ?? 0, $0[2].int ?? 0] }, [[1, 1], [2, 2]])
        let python = try XCTUnwrap(ProcessInfo.processInfo.environment["TEST_PYTHON"])
        for row in rows.prefix(2) {
            let path = copy.archive.appendingPathComponent(row[3].string ?? "").path
            let plumber = Process()
            plumber.executableURL = URL(fileURLWithPath: python)
            plumber.arguments = ["-c", "import pdfplumber,sys\nwith pdfplumber.open(sys.argv[1]) as p: print(len(p.pages)); print(p.pages[0].extract_text())", path]
            let pipe = Pipe()
            plumber.standardOutput = pipe
            try plumber.run()
            let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            plumber.waitUntilExit()
            XCTAssertEqual(plumber.terminationStatus, 0)
            XCTAssertTrue(text.hasPrefix("1\n"), "one page each: \(text)")
            XCTAssertGreaterThan(text.count, 50, text)
        }
        XCTAssertEqual(try copy.catalogue().query("SELECT count(*) FROM events WHERE kind = 'document-split'").first?.first?.int, 1)
        let verify = try TestSupport.run(["verify", "--archive", copy.archive.path])
        XCTAssertEqual(verify.status, 0, verify.output)
    }

    func testScriptInOCRTextIsShownAsText() throws {
        let db = try copy.catalogue()
        try db.query("UPDATE pages SET text = text || ' <script>alert(\"xss\")</script> doc hai' WHERE page_number = 1 AND file_id = (SELECT id FROM files WHERE code = 'HN-UB.02.015.0043')")
        let steps = try browse([
            login("doc-gia"),
            ["op": "get", "path": "/search?q=doc+hai"],
            ["op": "script", "js": "return document.querySelectorAll('script').length"],
        ])
        XCTAssertTrue(steps[1].dom.contains("&lt;script&gt;alert"), steps[1].dom)
        XCTAssertEqual(steps[2].value?.text, "0", "no script element in the page")
    }

    func testEveryResponseHasAStrictContentSecurityPolicyAndServeStopsOnSIGTERM() throws {
        for path in ["/login", "/", "/static/room.css", "/api/search?q=x", "/nowhere"] {
            let policy = try headers(path)["content-security-policy"] ?? ""
            XCTAssertTrue(policy.contains("default-src 'none'"), "\(path): \(policy)")
            XCTAssertFalse(policy.contains("script-src"), "\(path): no script is allowed")
        }
        let cookie = try headers("/login")["set-cookie"] ?? ""
        XCTAssertTrue(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), cookie)
        let server = try XCTUnwrap(server)
        server.terminate()
        server.waitUntilExit()
        XCTAssertEqual(server.terminationStatus, 0)
    }

    /// `"total": N` of the search JSON shown in a page.
    private static func total(in dom: String) -> Int? {
        guard let range = dom.range(of: #""total": \d+"#, options: .regularExpression) else { return nil }
        return Int(dom[range].split(separator: " ").last ?? "")
    }

    /// The response headers of `path`, lower-cased names, as curl receives them (redirects not followed).
    private func headers(_ path: String) throws -> [String: String] {
        let curl = Process()
        curl.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        curl.arguments = ["-s", "-D", "-", "-o", "/dev/null", "http://127.0.0.1:\(port)\(path)"]
        let pipe = Pipe()
        curl.standardOutput = pipe
        try curl.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        curl.waitUntilExit()
        var headers: [String: String] = [:]
        for line in text.split(separator: "\r\n") {
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { headers[parts[0].lowercased()] = parts[1].trimmingCharacters(in: .whitespaces) }
        }
        return headers
    }
}
