import XCTest
@testable import ArchiveDigitizer

final class DocumentNamingTests: XCTestCase {
    func testTT02DocumentNames() {
        XCTAssertEqual(DocumentNaming.documentCode(fileCode: "HN-TU.01.037.0001", ordinal: 2), "HN-TU.01.037.0001.002")
        XCTAssertEqual(DocumentNaming.relativePath(fileCode: "HN-TU.01.037.0001", ordinal: 12),
                       "documents/HN-TU.01.037.0001/HN-TU.01.037.0001.012.pdf")
    }
}

final class TextLayerTests: XCTestCase {
    func testWordsArePlacedOnTheirBoxesAndEncodedAsUTF16() {
        let words = [
            RecognizedWord(text: "Đảng", box: PixelBox(left: 300, top: 100, right: 400, bottom: 140), confidence: 90, line: 0, block: 0),
            RecognizedWord(text: "bộ", box: PixelBox(left: 420, top: 105, right: 470, bottom: 140), confidence: 90, line: 0, block: 0),
            RecognizedWord(text: "Hà", box: PixelBox(left: 500, top: 100, right: 560, bottom: 140), confidence: 90, line: 0, block: 0),
            // Tesseract sometimes puts a word of the next line into this one: it keeps its own box.
            RecognizedWord(text: "Nội", box: PixelBox(left: 600, top: 170, right: 660, bottom: 200), confidence: 90, line: 0, block: 0),
        ]
        // 300 dpi: 0.24 points per pixel; a page 1000 px tall is 240 points.
        let operators = TextLayer.operators(for: words, heightPoints: 240, scale: 0.24)
        XCTAssertTrue(operators.contains("3 Tr"), "text is invisible")
        XCTAssertTrue(operators.contains("1 0 0 1 72 206.4 Tm"), operators)  // x = 300 px, baseline = 240 − 140 × 0.24
        XCTAssertTrue(operators.contains("<01101EA3006E00670020>"), "Đảng + space as UTF-16: \(operators)")
        XCTAssertTrue(operators.contains("<004E1ED900690020>"), "the line's last word ends with a space too")
        XCTAssertTrue(operators.contains("1 0 0 1 144 192 Tm"), "a stray word keeps its own baseline: \(operators)")
        XCTAssertTrue(operators.contains("/GlyphLess 7.2 Tf"), "and its own height: \(operators)")
        XCTAssertTrue(operators.contains("/GlyphLess 9 Tf"), "font size (37.5 px at 300 dpi) is the line's median height: \(operators)")
    }

    func testNoWordsNoTextObject() {
        XCTAssertEqual(TextLayer.operators(for: [], heightPoints: 100, scale: 1), "")
    }
}
