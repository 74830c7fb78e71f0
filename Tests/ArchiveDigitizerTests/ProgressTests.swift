import XCTest
@testable import ArchiveDigitizer

/// The supervisor's `digitize progress` on the real SampleScans archive: figures against the
/// shelf-metre backlog equal hand-computed ones, the attention list names the right pages and
/// documents, and the HTML page is self-contained with every OCR-derived text escaped.
final class ProgressTests: SampleArchiveTestCase {
    /// The report's clock: every rate window ends here.
    private let now = Timestamp.date("2025-06-10T12:00:00.000Z") ?? Date()

    override func setUpWithError() throws {
        try super.setUpWithError()
        // Known history: HN-TU two hours ago, HN-UB.0042 three days ago, HN-UB.0043 nine days ago.
        try SampleArchive.sqlite3(copy.cataloguePath, """
            UPDATE pages SET done_at = CASE (SELECT code FROM files WHERE id = pages.file_id)
                WHEN 'HN-TU.01.037.0001' THEN '2025-06-10T10:00:00.000Z'
                WHEN 'HN-UB.02.015.0042' THEN '2025-06-07T12:00:00.000Z'
                ELSE '2025-06-01T12:00:00.000Z' END;
            UPDATE files SET completed_at = CASE code
                WHEN 'HN-TU.01.037.0001' THEN '2025-06-10T10:30:00.000Z'
                WHEN 'HN-UB.02.015.0042' THEN '2025-06-07T12:30:00.000Z'
                ELSE '2025-06-01T13:00:00.000Z' END;
            """)
    }

    private func report(_ configuration: ProgressConfiguration = ProgressConfiguration()) throws -> ProgressReport {
        let catalogue = try Catalogue(path: copy.cataloguePath, readOnly: true)
        return try ProgressReport.make(catalogue: catalogue, archive: copy.archive.path, configuration: configuration, now: now)
    }

    func testFiguresOnSampleScansEqualHandComputedOnes() throws {
        var configuration = ProgressConfiguration()
        configuration.fondsTotals = ["HN-UB": 2.6]
        let report = try report(configuration)
        let documents = try copy.catalogue().query("SELECT count(*) FROM documents").first?[0].int ?? -1

        // inventory.csv: 0.012 + 0.008 + 0.005 m, on top of the 1,450 m baseline, of 23,600 m.
        XCTAssertEqual(report.pipelineMetres, 0.025, accuracy: 1e-12)
        XCTAssertEqual(report.metresDone, 1450.025, accuracy: 1e-9)
        XCTAssertEqual(report.percentDone, 1450.025 / 23600 * 100, accuracy: 1e-9)
        XCTAssertEqual(report.metresRemaining, 22149.975, accuracy: 1e-9)
        XCTAssertEqual(report.estimatedFiles, 0)
        XCTAssertEqual(report.files, .init(total: 3, done: 3, failed: 0, waiting: 0))
        XCTAssertEqual(report.pages, .init(total: 11, done: 11, failed: 0, waiting: 0))
        XCTAssertEqual(report.documents, documents)

        let rates = Dictionary(uniqueKeysWithValues: report.rates.map { ($0.window, $0) })
        let day = try XCTUnwrap(rates[.lastDay]), week = try XCTUnwrap(rates[.lastWeek]), all = try XCTUnwrap(rates[.allTime])
        XCTAssertEqual(day.pages, 4)
        XCTAssertEqual(day.hours, 24, accuracy: 1e-9)
        XCTAssertEqual(day.pagesPerHour ?? 0, 4.0 / 24, accuracy: 1e-9)
        XCTAssertEqual(day.metresPerDay ?? 0, 0.012, accuracy: 1e-12)
        XCTAssertEqual(week.pages, 8)
        XCTAssertEqual(week.metres, 0.020, accuracy: 1e-12)
        XCTAssertEqual(week.metresPerDay ?? 0, 0.020 / 7, accuracy: 1e-12)
        XCTAssertEqual(all.pages, 11)
        XCTAssertEqual(all.hours, 216, accuracy: 1e-9, "all time starts at the first page processed, nine days ago")
        XCTAssertEqual(all.metresPerDay ?? 0, 0.025 / 9, accuracy: 1e-12)
        let estimate = try XCTUnwrap(report.estimate)
        // The rate of the days on which work was done (1, 7 and 10 June: 0.025 m in 3 days), said so.
        XCTAssertEqual(estimate.basis, .allTime)
        XCTAssertEqual(estimate.workDays, 3)
        XCTAssertEqual(estimate.days, 22149.975 / (0.025 / 3), accuracy: 1e-3)
        XCTAssertTrue(report.text().contains("3 day(s) on which work was done"), report.text())
        // The same report in Vietnamese (`--lang vi`): headings, the estimate's basis and numbers as
        // Vietnamese writes them (1.450,025 m), nothing left in English.
        let vietnamese = report.text(in: .vietnamese)
        for expected in ["Tiến độ số hóa", "3 ngày có làm việc", "1.450,025 m trên 23.600 m", "còn lại 22.149,975 m", "Năng suất",
                         "7 ngày qua", "Phông / mục lục / hộp", "Hồ sơ      3 xong · 0 lỗi"] {
            XCTAssertTrue(vietnamese.contains(expected), "“\(expected)” missing from:\n\(vietnamese)")
        }
        for english in ["Backlog", "Throughput", "day(s) on which", "remaining", "Estimate", "inventory", "done ·"] {
            XCTAssertFalse(vietnamese.contains(english), "“\(english)” left in English in:\n\(vietnamese)")
        }

        XCTAssertEqual(report.fonds.map(\.name), ["HN-TU", "HN-UB"])
        let tu = report.fonds[0], ub = report.fonds[1]
        XCTAssertEqual(tu.children.map(\.name), ["01"])
        XCTAssertEqual(tu.children[0].children.map(\.name), ["037"])
        XCTAssertEqual(tu.pagesDone, 4)
        XCTAssertEqual(tu.metresDone, 0.012, accuracy: 1e-12)
        XCTAssertEqual(ub.files, .init(total: 2, done: 2, failed: 0, waiting: 0))
        XCTAssertEqual(ub.children.first?.children.map(\.name), ["015"])
        XCTAssertEqual(ub.pagesDone, 7)
        XCTAssertEqual(ub.pagesTotal, 7)
        XCTAssertEqual(ub.metresDone, 0.013, accuracy: 1e-12)
        XCTAssertEqual(ub.totalMetres, 2.6)
        XCTAssertNil(tu.totalMetres)
        XCTAssertEqual(report.timeline.map(\.cumulativeMetres).last ?? 0, 0.025, accuracy: 1e-12)
        XCTAssertEqual(report.timeline.count, 3)
    }

    func testAFileWithoutAnInventoryExtentIsEstimatedFromItsPages() throws {
        try SampleArchive.sqlite3(copy.cataloguePath, "UPDATE files SET shelf_metres = NULL WHERE code = 'HN-UB.02.015.0043';")
        let report = try report()
        XCTAssertEqual(report.estimatedFiles, 1)
        XCTAssertEqual(report.estimatedMetres, 3.0 / 8500, accuracy: 1e-12)
        XCTAssertEqual(report.pipelineMetres, 0.012 + 0.008 + 3.0 / 8500, accuracy: 1e-12)
        XCTAssertTrue(report.text().contains("estimated from the page counts of 1 file(s)"), report.text())
    }

    func testAttentionListNamesFailedBlurredLowResolutionPagesAndDocumentsToReview() throws {
        try SampleArchive.sqlite3(copy.cataloguePath, """
            UPDATE pages SET state = 'failed', error_kind = 'damaged', error = '<script>alert("x")</script> the TIFF is truncated'
                WHERE page_number = 2 AND file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001');
            UPDATE pages SET mean_confidence = 55.2
                WHERE page_number = 1 AND file_id = (SELECT id FROM files WHERE code = 'HN-UB.02.015.0042');
            UPDATE pages SET dpi = 150, dpi_recorded = 0
                WHERE page_number = 2 AND file_id = (SELECT id FROM files WHERE code = 'HN-UB.02.015.0042');
            UPDATE pages SET flag_too_dark = 1, flag_heavy_skew = 1, skew = -4.2
                WHERE page_number = 3 AND file_id = (SELECT id FROM files WHERE code = 'HN-UB.02.015.0042');
            UPDATE documents SET metadata = '{"doc_type":"Quyết định","number":"8229","date":"2025-02-18","confidence":{"number":0.9}}';
            UPDATE documents SET metadata = '{"doc_type":"","number":"1","date":"2025-01-01","confidence":{"issuer":0.42}}'
                WHERE file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001');
            """)
        let review = try copy.catalogue().query("""
            SELECT doc_code FROM documents WHERE file_id = (SELECT id FROM files WHERE code = 'HN-TU.01.037.0001') ORDER BY doc_code
            """).compactMap { $0[0].string }
        let report = try report()
        XCTAssertEqual(report.pages, .init(total: 11, done: 10, failed: 1, waiting: 0))
        let attention = Dictionary(uniqueKeysWithValues: report.attention.map { ($0.kind, $0) })
        XCTAssertEqual(attention[.failedPage]?.count, 1)
        XCTAssertEqual(attention[.failedPage]?.items.first?.location, "HN-TU.01.037.0001/2.tif page 1")
        XCTAssertEqual(attention[.failedPage]?.items.first?.pageNumber, 2)
        XCTAssertTrue(attention[.failedPage]?.items.first?.reason.contains("truncated") == true)
        XCTAssertEqual(attention[.lowConfidence]?.items.map(\.location), ["HN-UB.02.015.0042/1.png"])
        XCTAssertTrue(attention[.lowConfidence]?.items.first?.reason.contains("55") == true)
        XCTAssertEqual(attention[.lowResolution]?.items.map(\.location), ["HN-UB.02.015.0042/2.png"])
        XCTAssertTrue(attention[.lowResolution]?.items.first?.reason.contains("150 dpi (assumed") == true)
        // 10.png of SampleScans is a faded page, flagged too light by the run itself.
        XCTAssertEqual(attention[.poorImage]?.items.map(\.location), ["HN-UB.02.015.0042/3.jpg", "HN-UB.02.015.0042/10.png"])
        XCTAssertEqual(attention[.poorImage]?.items.last?.reason.hasPrefix("too light"), true)
        XCTAssertEqual(attention[.poorImage]?.items.first?.reason.hasPrefix("too dark, skewed 4.2°"), true,
                       attention[.poorImage]?.items.first?.reason ?? "")
        let blank = try copy.catalogue().query("SELECT count(*) FROM pages WHERE state = 'done' AND is_blank = 1").first?[0].int
        XCTAssertEqual(attention[.blankPage]?.count, blank)
        XCTAssertEqual(attention[.metadataReview]?.items.map(\.location), review)
        XCTAssertEqual(attention[.metadataReview]?.items.first?.reason, "no type found; uncertain: issuer (0.42)")
        // The reasons in Vietnamese for `digitize progress --lang vi`.
        XCTAssertEqual(ProgressAttention.metadataReason(#"{"review": "issuer, signer", "confidence": {"issuer": 0.42}}"#, in: .vietnamese),
                       "cần kiểm tra: Cơ quan ban hành (0.42), Người ký (không tìm thấy)")
        let vietnamese = try ProgressAttention(connection: copy.catalogue(), limit: 10, language: .vietnamese).categories()
        let poorImage = try XCTUnwrap(vietnamese.first { $0.kind == .poorImage }?.items.first?.reason)
        XCTAssertTrue(poorImage.hasPrefix("quá tối, nghiêng 4.2°: kiểm tra văn bản"), poorImage)
        XCTAssertEqual(attention[.failedFile]?.count, 0)
        XCTAssertEqual(attention[.missingScan]?.count, 0)

        let html = ProgressHTMLPage(report: report).render()
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"), "OCR-derived text is escaped")
        XCTAssertFalse(html.lowercased().contains("<script"), "no script at all in the page")
        XCTAssertTrue(html.contains("<svg"), "the chart is inline SVG")
        for external in ["src=", "href=", "url(", "@import"] {
            XCTAssertFalse(html.contains(external), "self-contained: nothing fetched (\(external))")
        }
        XCTAssertTrue(html.contains("HN-UB.02.015.0042/2.png"))
        XCTAssertTrue(html.contains(ProgressFormatting.percent(report.percentDone)))
    }

    func testCommandLineGivesTextJSONAndHTML() throws {
        let config = copy.work.appendingPathComponent("digitize.json")
        try Data(#"{"backlog": {"total_shelf_metres": 100, "baseline_shelf_metres": 10, "pages_per_metre": 8500, "fonds_totals": {"HN-TU": 1}}}"#.utf8)
            .write(to: config)
        let text = try TestSupport.run(["progress", "--archive", copy.archive.path, "--config", config.path])
        XCTAssertEqual(text.status, 0, text.errors)
        XCTAssertTrue(text.output.contains("10.03%"), "(10 + 0.025) of 100 m:\n\(text.output)")
        XCTAssertTrue(text.output.contains("box 037"), text.output)

        let json = try TestSupport.run(["progress", "--archive", copy.archive.path, "--config", config.path, "--json"])
        XCTAssertEqual(json.status, 0, json.errors)
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["generated_at", "archive", "store", "backlog", "files", "pages", "documents", "throughput",
                                         "estimate", "fonds", "attention", "timeline", "workers"])
        XCTAssertEqual(object["store"] as? String, "sqlite")
        let backlog = try XCTUnwrap(object["backlog"] as? [String: Any])
        XCTAssertEqual(backlog["metres_done"] as? Double, 10.025)
        XCTAssertEqual(backlog["total_shelf_metres"] as? Double, 100)
        XCTAssertEqual(Set((object["throughput"] as? [String: Any]).map { Array($0.keys) } ?? []), ["last_day", "last_week", "all_time"])
        let fonds = try XCTUnwrap(object["fonds"] as? [[String: Any]])
        XCTAssertEqual(fonds.first?["fonds"] as? String, "HN-TU")
        XCTAssertEqual(fonds.first?["percent_done"] as? Double, 1.2, "0.012 of the fonds' 1 m")
        let keyOrder = ["\"generated_at\"", "\"backlog\"", "\"files\"", "\"throughput\"", "\"fonds\"", "\"attention\"", "\"timeline\""]
            .compactMap { json.output.range(of: $0)?.lowerBound }
        XCTAssertEqual(keyOrder, keyOrder.sorted(), "keys come in their documented order")

        let page = copy.work.appendingPathComponent("reports/progress.html")
        let html = try TestSupport.run(["progress", "--archive", copy.archive.path, "--html", page.path])
        XCTAssertEqual(html.status, 0, html.errors)
        XCTAssertTrue(try String(contentsOf: page, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))

        XCTAssertEqual(try TestSupport.run(["progress", "--archive", copy.archive.path, "--json", "--html", page.path]).status, 64)
        XCTAssertEqual(try TestSupport.run(["progress", "--archive", copy.work.appendingPathComponent("none").path]).status, 66)
    }
}
