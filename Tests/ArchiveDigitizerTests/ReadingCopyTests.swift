import XCTest
@testable import ArchiveDigitizer

/// The cheaper ways a page is looked at before OCR (issue #18) measure exactly what the full-size
/// copies they replace measured.
final class ReadingCopyTests: XCTestCase {
    private func decode(_ relative: String, _ format: ScanFormat) throws -> DecodedPage {
        try PageDecoder().decode(PageLocation(path: TestSupport.sampleScans.appendingPathComponent(relative).path, format: format, frame: 0))
    }

    func testColourPageIsReadThroughItsLuminanceWithTheSameFacts() throws {
        let colour = try decode("HN-UB.02.015.0042/3.jpg", .jpeg)
        XCTAssertEqual(colour.image.depth, 32)
        let gray = colour.inGrayForReading()
        XCTAssertEqual(gray.image.depth, 8, "one luminance copy")
        XCTAssertEqual(gray.colourMode, "colour", "the page facts still name the scan's colour mode")
        XCTAssertEqual(colour.colourMode, "colour")
        XCTAssertEqual([gray.image.width, gray.image.height, gray.dpi], [colour.image.width, colour.image.height, colour.dpi])
        XCTAssertEqual(PageQuality(gray.image), PageQuality(colour.image))
        let (grayMeasure, colourMeasure) = (gray.image.measure(), colour.image.measure())
        XCTAssertEqual(grayMeasure.skew, colourMeasure.skew)
        XCTAssertEqual(grayMeasure.ink, colourMeasure.ink)
        XCTAssertEqual(OCRPreparation.isBlank(gray.image, dpi: gray.dpi), OCRPreparation.isBlank(colour.image, dpi: colour.dpi))
        let yellowed = PageQuality(colour.image)
        XCTAssertLessThan(yellowed.paperLevel, 250, "tinted paper is measured as such")
    }

    func testGrayAndBilevelPagesAreReadAsTheyAre() throws {
        let gray = try decode("HN-UB.02.015.0042/1.png", .png)
        XCTAssertTrue(gray.inGrayForReading().image === gray.image, "no copy of a gray page")
        let bilevel = try decode("HN-TU.01.037.0001/1.tif", .tiff)
        XCTAssertEqual(bilevel.image.depth, 1)
        XCTAssertEqual(bilevel.colourMode, "bilevel")
        XCTAssertEqual(PageQuality(bilevel.image), PageQuality(paperLevel: 255, inkLevel: 0), "black ink on white paper")
    }
}
