import CLeptonica
import XCTest
@testable import ArchiveDigitizer

/// Work the bare Tesseract CLI does that we skip: blank sheets are not OCR'd, 600 dpi scans are
/// read at 300 dpi — while the PDF keeps every original pixel and the words stay on them.
final class OCRPreparationTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws { work = try TestSupport.temporaryFolder("prep") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    func testBlankSheetIsKeptFlaggedAndNotOCRd() throws {
        let folder = work.appendingPathComponent("scans/HN-TU.99.002.0001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/2.png"),
                                         to: folder.appendingPathComponent("1.png"))
        // A white 200 dpi A4 sheet with scanner dust.
        let pix = try XCTUnwrap(pixCreate(1654, 2339, 8))
        pixSetAllArbitrary(pix, 255)
        for index in 0..<40 { pixSetPixel(pix, Int32(37 * index % 1654), Int32(91 * index % 2339), 0) }
        pixSetResolution(pix, 200, 200)
        XCTAssertEqual(pixWrite(folder.appendingPathComponent("2.png").path, pix, Int32(IFF_PNG)), 0)
        var owned: UnsafeMutablePointer<Pix>? = pix
        pixDestroy(&owned)

        let archive = work.appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.run(["run", work.appendingPathComponent("scans").path, "--archive", archive.path, "--quiet"]).status, 0)
        let db = try TestSupport.catalogue(archive)
        let rows = try db.query("SELECT page_number, state, is_blank, text, ocr_seconds FROM pages ORDER BY page_number")
        XCTAssertEqual(rows.map { $0[2].int }, [0, 1], "only the white sheet is blank")
        XCTAssertEqual(rows[1][1].string, "done")
        XCTAssertEqual(rows[1][3].string, "")
        XCTAssertEqual(rows[1][4].double, 0, "the blank sheet was not OCR'd")
        let pdfPath = try XCTUnwrap(db.query("SELECT pdf_path FROM documents").first?.first?.string)
        XCTAssertEqual(try PopplerTestDocument(archive.appendingPathComponent(pdfPath)).pageCount, 2, "the blank sheet stays in the PDF")
    }

    func testA600DPIScanIsReadAt300DPIWithWordsOnTheOriginalPixels() throws {
        let folder = work.appendingPathComponent("scans/HN-TU.99.003.0001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = try XCTUnwrap(pixRead(TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/1.png").path))
        let large = try XCTUnwrap(pixScale(source, 3, 3))  // 200 dpi × 3 = 600 dpi
        pixSetResolution(large, 600, 600)
        XCTAssertEqual(pixWrite(folder.appendingPathComponent("1.png").path, large, Int32(IFF_PNG)), 0)
        let width = Int(pixGetWidth(large))
        var ownedSource: UnsafeMutablePointer<Pix>? = source, ownedLarge: UnsafeMutablePointer<Pix>? = large
        pixDestroy(&ownedSource); pixDestroy(&ownedLarge)

        let archive = work.appendingPathComponent("archive")
        XCTAssertEqual(try TestSupport.run(["run", work.appendingPathComponent("scans").path, "--archive", archive.path, "--quiet"]).status, 0)
        let db = try TestSupport.catalogue(archive)
        let row = try XCTUnwrap(db.query("SELECT dpi, width, text, words FROM pages").first)
        XCTAssertEqual(row[0].int, 600)
        XCTAssertEqual(row[1].int, width)
        XCTAssertTrue((row[2].string ?? "").contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), row[2].string ?? "")
        let words = try JSONDecoder().decode([RecognizedWord].self, from: Data((row[3].string ?? "[]").utf8))
        // The ground truth's 200 dpi boxes, times three, are where the words must be on the 600 dpi scan.
        let truth = try GroundTruth.load().files.first { $0.file_code == "HN-UB.02.015.0042" }?.pages.first { $0.page == 1 }
        let expected = try XCTUnwrap(truth?.words.first { $0.text == "NGHĨA" })
        let found = try XCTUnwrap(words.first { $0.text == "NGHĨA" })
        XCTAssertEqual(Double(found.box.left), Double(expected.box[0] * 3), accuracy: 30)
        XCTAssertEqual(Double(found.box.bottom), Double(expected.box[3] * 3), accuracy: 40)
        let encodings = try db.query("SELECT image_encodings FROM documents").first?.first?.string
        XCTAssertEqual(encodings, "png-flate", "the PDF keeps the original 600 dpi image")
    }
}
