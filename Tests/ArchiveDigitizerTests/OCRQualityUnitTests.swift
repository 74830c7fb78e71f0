import XCTest
@testable import ArchiveDigitizer

/// The pieces of issue #7 on their own: Vietnamese syllables and post-correction, reading order
/// of side-by-side header blocks, quality flags, and the PDF matrix of a turned page.
final class OCRQualityUnitTests: XCTestCase {
    private func lexicon() throws -> VietnameseLexicon {
        try XCTUnwrap(VietnameseLexicon.shared, "hunspell-vi is installed (make deps)")
    }

    func testToneKeyIgnoresPlacementAndSpellingUsesTheOldStyle() throws {
        XCTAssertEqual(VietnameseSyllable("hòa")?.key, VietnameseSyllable("hoà")?.key)
        XCTAssertEqual(VietnameseSyllable("thuỷ")?.spelling, "thủy")
        XCTAssertEqual(VietnameseSyllable("hoàn")?.spelling, "hoàn")
        XCTAssertEqual(VietnameseSyllable("người")?.spelling, "người")
        XCTAssertEqual(VietnameseSyllable("quý")?.spelling, "quý")
        XCTAssertEqual(VietnameseSyllable("giữ")?.spelling, "giữ")
        XCTAssertEqual(VietnameseSyllable("khuyết")?.spelling, "khuyết")
        XCTAssertTrue(try lexicon().contains(XCTUnwrap(VietnameseSyllable("Ủy"))))
    }

    func testPostCorrectionRepairsImpossibleSyllablesOnly() throws {
        let corrector = VietnamesePostCorrection(lexicon: try lexicon())
        XCTAssertEqual(corrector.correct("tỉn."), "tin.")
        XCTAssertEqual(corrector.correct("ky", confidence: 99), "kỵ", "the model cannot write ỵ")
        XCTAssertEqual(corrector.correct("HÀNỘI"), "HÀ NỘI")
        XCTAssertEqual(corrector.correct("TICH"), "TỊCH")
        let slashes = corrector.correct([RecognizedWord(text: "V\u{2044}v", box: PixelBox(left: 0, top: 0, right: 1, bottom: 1), confidence: 90, line: 0, block: 0),
                                         RecognizedWord(text: "\u{2044}><", box: PixelBox(left: 0, top: 0, right: 1, bottom: 1), confidence: 9, line: 0, block: 0)])
        XCTAssertEqual(slashes.words.map(\.text), ["V/v", "\u{2044}><"])
        for kept in ["UBND", "QĐ/TU", "8229-QĐ/TU", "VT,", "camera", "quy", "ly", "Thành", "ỦY", "hóa", "hoá", "XVII"] {
            XCTAssertNil(corrector.correct(kept), kept)
        }
    }

    /// A valid syllable keeps its letters and tone; only a tone mark on a vowel that neither
    /// convention marks moves ("giai đọan" → "đoạn"), and both conventions for oa/oe/uy stay.
    func testToneOnTheWrongVowelMovesToTheRightOne() throws {
        let corrector = VietnamesePostCorrection(lexicon: try lexicon())
        XCTAssertEqual(corrector.correct("đọan"), "đoạn")
        XCTAssertEqual(corrector.correct("ĐỌAN,"), "ĐOẠN,")
        XCTAssertEqual(corrector.correct("qúy"), "quý")
        XCTAssertEqual(corrector.correct("ngòai", confidence: 99), "ngoài")
        for kept in ["hóa", "hoá", "thủy", "thuỷ", "khỏe", "khoẻ", "quý", "giữa", "người", "đoạn"] {
            XCTAssertNil(corrector.correct(kept), kept)
        }
        let words = [RecognizedWord(text: "đọan", box: PixelBox(left: 0, top: 0, right: 1, bottom: 1), confidence: 90, line: 0, block: 0)]
        XCTAssertEqual(corrector.correct(words).corrections.first?.why, "placement")
    }

    func testNoValidSyllableIsEverChanged() throws {
        let text = try String(contentsOfFile: VietnameseLexicon.defaultPath, encoding: .utf8)
        let corrector = VietnamesePostCorrection(lexicon: try lexicon())
        var changed: [String] = []
        for entry in text.split(whereSeparator: \.isNewline).dropFirst() {
            let word = String(entry)
            for form in [word, word.uppercased(), VietnameseSyllable(word)?.spelling ?? word] where corrector.correct(form) != nil {
                if VietnameseSyllable(form) != nil, !(word.count > 1 && word == word.uppercased()) { changed.append(form) }
            }
        }
        XCTAssertEqual(changed, [])
    }

    func testSideBySideHeaderBlocksAreReadLeftThenRight() {
        func word(_ text: String, _ left: Int, _ top: Int, line: Int) -> RecognizedWord {
            RecognizedWord(text: text, box: PixelBox(left: left, top: top, right: left + 20 * text.count, bottom: top + 30),
                           confidence: 90, line: line, block: 0)
        }
        // Tesseract merged the rows of the two header blocks; the body spans the gutter.
        let words = [word("THÀNH", 100, 100, line: 0), word("ỦY", 230, 100, line: 0),
                     word("ĐẢNG", 900, 100, line: 0), word("CỘNG", 1010, 100, line: 0),
                     word("Số", 120, 150, line: 1), word("8229-QĐ/TU", 180, 150, line: 1),
                     word("Hà", 880, 150, line: 1), word("Nội,", 950, 150, line: 1),
                     word("QUYẾT", 500, 260, line: 2), word("ĐỊNH", 640, 260, line: 2)]
        let arranged = ReadingOrder.arrange(words)
        XCTAssertEqual(ReadingOrder.text(of: arranged), "THÀNH ỦY\nSố 8229-QĐ/TU\n\nĐẢNG CỘNG\nHà Nội,\n\nQUYẾT ĐỊNH")
        XCTAssertEqual(Set(arranged.map(\.block)).count, 3)
        // A justified body line is not split.
        let body = [word("Căn", 100, 400, line: 0), word("cứ", 190, 400, line: 0), word("Điều", 260, 400, line: 0)]
        XCTAssertEqual(ReadingOrder.arrange(body).map(\.text), ["Căn", "cứ", "Điều"])
    }

    func testQualityFlags() {
        let dark = PageQuality(paperLevel: 120, inkLevel: 10)
        XCTAssertEqual(dark.flags(dpi: 150, meanConfidence: 60, skewDegrees: 2.5, isBlank: false),
                       ["below-200-dpi", "low-confidence", "too-dark", "heavy-skew"])
        XCTAssertEqual(PageQuality(paperLevel: 250, inkLevel: 160).flags(dpi: 300, meanConfidence: 90, skewDegrees: 0.4, isBlank: false),
                       ["too-light"])
        XCTAssertEqual(PageQuality(paperLevel: 250, inkLevel: 20).flags(dpi: 300, meanConfidence: 0, skewDegrees: nil, isBlank: true), [])
    }

    func testTurnedImageMatrixMapsTheImageOntoTheUprightPage() {
        XCTAssertEqual(TextLayer.imageMatrix(width: 100, height: 200, clockwiseTurn: 0), "100 0 0 200 0 0")
        XCTAssertEqual(TextLayer.imageMatrix(width: 100, height: 200, clockwiseTurn: 90), "0 -100 200 0 0 100")
        XCTAssertEqual(TextLayer.imageMatrix(width: 100, height: 200, clockwiseTurn: 180), "-100 0 0 -200 100 200")
        XCTAssertEqual(TextLayer.imageMatrix(width: 100, height: 200, clockwiseTurn: 270), "0 100 -200 0 200 0")
    }
}
