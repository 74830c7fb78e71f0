import XCTest
@testable import ArchiveDigitizer

/// The archivist's whole job on SampleScans, with real Tesseract, real SQLite and real files:
/// one clean run shared by the tests of this class.
final class EndToEndTests: XCTestCase {
    nonisolated(unsafe) static var work: URL?
    nonisolated(unsafe) static var firstRun: TestSupport.Outcome?

    static var archive: URL { (work ?? URL(fileURLWithPath: "/nonexistent")).appendingPathComponent("Archive") }

    override class func setUp() {
        super.setUp()
        guard let folder = try? TestSupport.temporaryFolder("e2e") else { return }
        work = folder
        firstRun = try? TestSupport.run(["run", TestSupport.sampleScans.path, "--archive", archive.path,
                                         "--inventory", TestSupport.sampleScans.appendingPathComponent("inventory.csv").path, "--jobs", "2",
                                         "--timings"])
    }

    override class func tearDown() {
        if let work { try? FileManager.default.removeItem(at: work) }
        super.tearDown()
    }

    private func requireRun() throws -> TestSupport.Outcome {
        let run = try XCTUnwrap(Self.firstRun, "the pipeline could not be started")
        XCTAssertEqual(run.status, 0, "stdout:\n\(run.output)\nstderr:\n\(run.errors)")
        return run
    }

    func testEveryPageIsRecognisedWithItsDiacritics() throws {
        _ = try requireRun()
        let truth = try GroundTruth.load()
        let db = try TestSupport.catalogue(Self.archive)
        for file in truth.files {
            for page in file.pages {
                let row = try XCTUnwrap(db.query("""
                    SELECT p.state, p.text, p.dpi, p.width, p.height FROM pages p JOIN files f ON f.id = p.file_id
                    WHERE f.code = ? AND p.page_number = ?
                    """, [.text(file.file_code), .integer(Int64(page.page))]).first, "\(file.file_code) page \(page.page)")
                XCTAssertEqual(row[0].string, "done")
                let text = row[1].string ?? ""
                let expected = Set(page.words.map(\.text))
                let found = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
                let recall = Double(expected.intersection(found).count) / Double(max(expected.count, 1))
                XCTAssertGreaterThan(recall, 0.85, "\(file.file_code) p\(page.page): only \(Int(recall * 100))% of the words read:\n\(text)")
                XCTAssertEqual(row[2].int, page.dpi, "dpi of \(page.source)")
                XCTAssertEqual(row[3].int, page.width_px)
                XCTAssertEqual(row[4].int, page.height_px)
            }
        }
        let all = try db.query("SELECT group_concat(text, ' ') FROM pages").first?.first?.string ?? ""
        for phrase in ["ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "QUYẾT ĐỊNH"] {
            XCTAssertTrue(all.contains(phrase), "“\(phrase)” not read")
        }
    }

    /// `--timings` (issue #18): every stage SampleScans goes through reports CPU time, and the stages
    /// it never needs (no page of it is upside down) are there with zero, so the table is complete.
    func testTimingsReportEveryStageThatRan() throws {
        let run = try requireRun()
        var cpu: [String: Double] = [:]
        for line in run.output.split(separator: "\n") where line.hasPrefix("  stage ") {
            let fields = line.split(separator: " ")
            if fields.count > 3, fields[2] == "cpu", let seconds = Double(fields[3]) { cpu[String(fields[1])] = seconds }
        }
        XCTAssertEqual(Set(cpu.keys), Set(PipelineStage.allCases.map(\.name) + ["all"]), run.output)
        for stage in ["decode", "facts", "clean-up", "OCR", "text", "metadata", "PDF", "catalogue"] {
            XCTAssertGreaterThan(cpu[stage] ?? 0, 0, "\(stage) ran but reports no CPU time:\n\(run.output)")
        }
        XCTAssertEqual(cpu["all"] ?? 0, cpu.filter { $0.key != "all" }.values.reduce(0, +), accuracy: 0.05)
        XCTAssertTrue(run.output.contains("OCR workers busy"), run.output)
    }

    func testPagesAreNumberedInNaturalFilenameOrder() throws {
        _ = try requireRun()
        let db = try TestSupport.catalogue(Self.archive)
        let names = try db.query("""
            SELECT s.name FROM pages p JOIN sources s ON s.id = p.source_id JOIN files f ON f.id = p.file_id
            WHERE f.code = 'HN-UB.02.015.0042' ORDER BY p.page_number
            """).compactMap { $0[0].string }
        XCTAssertEqual(names, ["1.png", "2.png", "3.jpg", "10.png"])
    }

    func testPDFTextLayerReadsBackThroughPopplerAndSitsOnTheWords() throws {
        _ = try requireRun()
        let truth = try GroundTruth.load()
        let db = try TestSupport.catalogue(Self.archive)
        let documents = try db.query("""
            SELECT f.code, d.first_page, d.last_page, d.pdf_path FROM documents d JOIN files f ON f.id = d.file_id ORDER BY d.doc_code
            """)
        XCTAssertGreaterThanOrEqual(documents.count, 3)
        var checked = 0, placed = 0
        for document in documents {
            let code = try XCTUnwrap(document[0].string), first = try XCTUnwrap(document[1].int)
            let pdf = try PopplerTestDocument(Self.archive.appendingPathComponent(try XCTUnwrap(document[3].string)))
            XCTAssertEqual(pdf.pageCount, (document[2].int ?? 0) - first + 1)
            let pages = try XCTUnwrap(truth.files.first { $0.file_code == code }).pages
            for index in 0..<pdf.pageCount {
                let pageTruth = try XCTUnwrap(pages.first { $0.page == first + index })
                let catalogued = try db.query("""
                    SELECT p.text FROM pages p JOIN files f ON f.id = p.file_id WHERE f.code = ? AND p.page_number = ?
                    """, [.text(code), .integer(Int64(first + index))]).first?.first?.string ?? ""
                let extracted = pdf.text(page: index)
                let catalogueWords = Set(catalogued.split(whereSeparator: \.isWhitespace))
                let pdfWords = Set(extracted.split(whereSeparator: \.isWhitespace))
                let agreement = Double(catalogueWords.intersection(pdfWords).count) / Double(max(catalogueWords.count, 1))
                XCTAssertGreaterThan(agreement, 0.95, "\(code) page \(first + index): PDF text differs from the catalogue")
                // The page is the scan's size at its dpi.
                let size = pdf.size(page: index)
                XCTAssertEqual(size.width, Double(pageTruth.width_px) * 72 / Double(pageTruth.dpi), accuracy: 0.5)
                // Long words that occur once: poppler must find them where the scan shows them.
                let scale = 72.0 / Double(pageTruth.dpi)
                let counts = Dictionary(grouping: pageTruth.words, by: \.text)
                for word in pageTruth.words where word.text.count >= 6 && counts[word.text]?.count == 1 && pdfWords.contains(Substring(word.text)) {
                    let hits = pdf.find(word.text, page: index)
                    guard hits.count == 1, let hit = hits.first else { continue }
                    checked += 1
                    let box = word.box.map { Double($0) * scale }
                    let centreX = (hit.x1 + hit.x2) / 2, centreY = (hit.y1 + hit.y2) / 2
                    let overlap = max(0, min(hit.x2, box[2]) - max(hit.x1, box[0])) / (box[2] - box[0])
                    if centreX > box[0] - 2 && centreX < box[2] + 2 && centreY > box[1] - 6 && centreY < box[3] + 6 && overlap > 0.7 {
                        placed += 1
                    }
                }
            }
        }
        XCTAssertGreaterThan(checked, 50, "too few words could be checked")
        XCTAssertGreaterThan(Double(placed) / Double(max(checked, 1)), 0.9, "\(placed) of \(checked) words sit on their image")
    }

    func testIndependentReadersExtractTheText() throws {
        _ = try requireRun()
        let pdf = Self.archive.appendingPathComponent("documents/HN-TU.01.037.0001")
        let first = try XCTUnwrap(TestSupport.files(under: pdf).first { $0.hasSuffix(".pdf") })
        let path = pdf.appendingPathComponent(first).path
        let pdftotext = Process()
        pdftotext.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        pdftotext.arguments = ["-l", "1", path, "-"]
        let pipe = Pipe()
        pdftotext.standardOutput = pipe
        try pdftotext.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        pdftotext.waitUntilExit()
        XCTAssertTrue(text.contains("ĐẢNG CỘNG SẢN VIỆT NAM"), text)
        guard let python = ProcessInfo.processInfo.environment["TEST_PYTHON"] else {
            throw XCTSkip("TEST_PYTHON (a Python with pdfplumber) is not set; `make test` sets it")
        }
        let plumber = Process()
        plumber.executableURL = URL(fileURLWithPath: python)
        plumber.arguments = ["-c", "import pdfplumber,sys\nwith pdfplumber.open(sys.argv[1]) as p: print(p.pages[0].extract_text())", path]
        let plumberPipe = Pipe()
        plumber.standardOutput = plumberPipe
        try plumber.run()
        let plumbed = String(decoding: plumberPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        plumber.waitUntilExit()
        XCTAssertEqual(plumber.terminationStatus, 0)
        XCTAssertTrue(plumbed.contains("CỘNG SẢN"), "pdfplumber read:\n\(plumbed)")
    }

    /// Issue #13: the text layer, read back by poppler (`pdftotext`, its default and content-order
    /// modes, and poppler-glib's text API) and by pdfplumber, against the ground truth, beside the
    /// catalogue's own page text. Lines stay lines in every reader; content order is the
    /// catalogue's; poppler's reading order is within 10% of the catalogue's.
    func testTextLayerReadsBackInReadingOrderNearlyAsWellAsTheCatalogue() throws {
        _ = try requireRun()
        let readBack = try TextLayerReaders.readBack(archive: Self.archive, truth: try GroundTruth.load())
        print("text layer CER on SampleScans: \(readBack.summary)")
        XCTAssertGreaterThan(readBack.length, 8_000, "the ground truth was read")
        try readBack.assertReadsLikeTheCatalogue()
    }

    /// Issue #13: every PDF of SampleScans (Group 4, LZW TIFF, PNG, JPEG and PDF-sourced pages) is
    /// PDF/A-2b by pikepdf's validator (veraPDF's rule set) and sound for `qpdf --check`.
    func testEveryPDFIsPDFA2bByVeraPDFsRulesAndSoundForQPDF() throws {
        _ = try requireRun()
        let db = try TestSupport.catalogue(Self.archive)
        let rows = try db.query("SELECT pdf_path, image_encodings FROM documents")
        let paths = rows.compactMap { $0[0].string }.map { Self.archive.appendingPathComponent($0).path }
        XCTAssertGreaterThanOrEqual(paths.count, 7)
        let encodings = Set(rows.compactMap { $0[1].string }.flatMap { $0.split(separator: ",").map(String.init) })
        XCTAssertTrue(encodings.isSuperset(of: ["g4-passthrough", "jpeg-passthrough", "png-flate", "pdf-passthrough", "flate"]), "\(encodings)")
        for path in paths {
            XCTAssertNil(try TextLayerReaders.qpdfProblems(path), path)
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: Unicode.ASCII.self)
            XCTAssertTrue(text.contains("<pdfaid:part>2</pdfaid:part>") && text.contains("<pdfaid:conformance>B</pdfaid:conformance>"), path)
            XCTAssertTrue(text.contains("/OutputIntents") && text.contains("/ID [<"), path)
        }
        XCTAssertEqual(try TextLayerReaders.pdfA2bFindings(paths), [])
    }

    func testScansAreEmbeddedWithoutNeedlessRecompression() throws {
        _ = try requireRun()
        let db = try TestSupport.catalogue(Self.archive)
        let encodings = try db.query("SELECT group_concat(image_encodings) FROM documents").first?.first?.string ?? ""
        XCTAssertTrue(encodings.contains("jpeg-passthrough"), encodings)
        XCTAssertTrue(encodings.contains("g4-passthrough"), encodings)
        XCTAssertTrue(encodings.contains("png-flate"), encodings)
        // The JPEG page's image in the PDF is byte for byte the scanned file.
        let row = try XCTUnwrap(db.query("""
            SELECT d.pdf_path, 3 - d.first_page + 1 FROM documents d JOIN files f ON f.id = d.file_id
            WHERE f.code = 'HN-UB.02.015.0042' AND d.first_page <= 3 AND d.last_page >= 3
            """).first)
        let out = try TestSupport.temporaryFolder("images")
        defer { try? FileManager.default.removeItem(at: out) }
        let pdfimages = Process()
        pdfimages.executableURL = URL(fileURLWithPath: "/usr/bin/pdfimages")
        let page = String(row[1].int ?? 0)
        pdfimages.arguments = ["-j", "-f", page, "-l", page, Self.archive.appendingPathComponent(row[0].string ?? "").path, out.appendingPathComponent("img").path]
        try pdfimages.run()
        pdfimages.waitUntilExit()
        let extracted = try Data(contentsOf: out.appendingPathComponent("img-000.jpg"))
        XCTAssertEqual(extracted, try Data(contentsOf: TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/3.jpg")))
    }

    func testCatalogueRecordsSourcesOutputsAndChecksums() throws {
        _ = try requireRun()
        let db = try TestSupport.catalogue(Self.archive)
        XCTAssertEqual(try db.query("SELECT count(*) FROM pages").first?.first?.int, 11)
        XCTAssertEqual(try db.query("SELECT count(*) FROM files WHERE state = 'done'").first?.first?.int, 3)
        XCTAssertEqual(try db.query("PRAGMA journal_mode").first?.first?.string, "wal")
        for row in try db.query("SELECT relative_path, sha256, size FROM sources") {
            let url = TestSupport.sampleScans.appendingPathComponent(row[0].string ?? "")
            let data = try Data(contentsOf: url)
            XCTAssertEqual(row[1].string, try Self.sha256sum(url), row[0].string ?? "")
            XCTAssertEqual(row[2].int, data.count)
        }
        let documents = try db.query("SELECT pdf_path, pdf_sha256, pdf_size FROM documents")
        XCTAssertFalse(documents.isEmpty)
        for row in documents {
            let url = Self.archive.appendingPathComponent(row[0].string ?? "")
            XCTAssertEqual(row[1].string, try Self.sha256sum(url))
            XCTAssertEqual(row[2].int, try Data(contentsOf: url).count)
            XCTAssertTrue(url.lastPathComponent.range(of: #"^HN-(TU|UB)\.\d{2}\.\d{3}\.\d{4}\.\d{3}\.pdf$"#, options: .regularExpression) != nil)
        }
        let kinds = Set(try db.query("SELECT kind FROM events").compactMap { $0[0].string })
        XCTAssertTrue(kinds.isSuperset(of: ["run-started", "source-added", "page-done", "document-written", "file-completed", "run-finished"]), "\(kinds)")
        XCTAssertTrue(TestSupport.files(under: Self.archive).allSatisfy { !$0.contains(DurableFile.temporaryPrefix) })
        // The inventory's facts are joined to the file.
        XCTAssertEqual(try db.query("SELECT retention, shelf_metres FROM files WHERE code = 'HN-UB.02.015.0043'").first,
                       [.text("70 năm"), .real(0.005)])
    }

    func testEachPDFDescribesItsDocumentInItsInfoDictionaryAndXMP() throws {
        _ = try requireRun()
        let db = try TestSupport.catalogue(Self.archive)
        let documents = try db.query("SELECT doc_code, pdf_path, title, json_extract(metadata, '$.date') FROM documents")
        XCTAssertFalse(documents.isEmpty)
        for row in documents {
            let code = row[0].string ?? "", title = row[2].string ?? "", date = row[3].string ?? ""
            let pdf = try PopplerTestDocument(Self.archive.appendingPathComponent(row[1].string ?? ""))
            XCTAssertEqual(pdf.title, title.isEmpty ? code : title, code)
            let xmp = pdf.xmp
            XCTAssertTrue(xmp.contains("<dc:identifier>\(code)</dc:identifier>"), xmp)
            XCTAssertTrue(xmp.contains("<rdf:li xml:lang=\"x-default\">\(MarkupText.escape(title.isEmpty ? code : title))</rdf:li>"), xmp)
            if !date.isEmpty { XCTAssertTrue(xmp.contains("<dc:date><rdf:Seq><rdf:li>\(date)</rdf:li>"), xmp) }
        }
        // The first document of SampleScans is labelled: its title and date are in its PDF.
        let first = try XCTUnwrap(documents.first { $0[0].string == "HN-TU.01.037.0001.001" })
        XCTAssertEqual(first[3].string, "2025-02-18")
        XCTAssertEqual(try PopplerTestDocument(Self.archive.appendingPathComponent(first[1].string ?? "")).title,
                       "Quyết định về việc thành lập Ban Chỉ đạo 204")
    }

    func testSecondRunRedoesNothing() throws {
        _ = try requireRun()
        let before = try TestSupport.fingerprint(of: Self.archive)
        let rerun = try TestSupport.run(["run", TestSupport.sampleScans.path, "--archive", Self.archive.path, "--quiet"])
        XCTAssertEqual(rerun.status, 0, rerun.errors)
        XCTAssertTrue(rerun.output.contains("0 OCR'd now, 11 already done before"), rerun.output)
        XCTAssertEqual(try TestSupport.fingerprint(of: Self.archive), before)
        XCTAssertEqual(try TestSupport.catalogue(Self.archive).query("SELECT pages_done FROM runs ORDER BY id DESC LIMIT 1").first?.first?.int, 0)
    }

    func testHelpAndUsageErrors() throws {
        let help = try TestSupport.run(["run", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.output.contains("USAGE: digitize run <scan-folder>"))
        let wrong = try TestSupport.run(["run", "--jobz", "2", "x"])
        XCTAssertEqual(wrong.status, 64)
        XCTAssertTrue(wrong.errors.contains("--jobz"), wrong.errors)
        let missing = try TestSupport.run(["run", "/nonexistent/scans", "--archive", Self.archive.path + "-x"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.errors.contains("does not exist"), missing.errors)
    }

    static func sha256sum(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [url.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return String(output.prefix(64))
    }
}
