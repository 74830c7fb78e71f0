import Foundation

/// A pixel rectangle in the page image: left, top, right, bottom (exclusive), origin top-left.
public struct PixelBox: Sendable, Equatable, Codable {
    public var left: Int, top: Int, right: Int, bottom: Int
    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left; self.top = top; self.right = right; self.bottom = bottom
    }
    public var width: Int { right - left }
    public var height: Int { bottom - top }

    /// The smallest box that holds every one of `words` (a line, a block, a header segment);
    /// all zero for no words.
    static func enclosing(_ words: [RecognizedWord]) -> PixelBox {
        PixelBox(left: words.map(\.box.left).min() ?? 0, top: words.map(\.box.top).min() ?? 0,
                 right: words.map(\.box.right).max() ?? 0, bottom: words.map(\.box.bottom).max() ?? 0)
    }
}

/// One word as Tesseract read it, where it stands on the page and how sure it was.
///
/// Kept in the catalogue so PDFs and metadata can be rebuilt without OCR'ing again.
public struct RecognizedWord: Sendable, Equatable, Codable {
    /// The word, NFC.
    public var text: String
    /// Where it stands in the page image.
    public var box: PixelBox
    /// Tesseract's confidence, 0…100.
    public var confidence: Double
    /// Index of the text line on the page (0-based, reading order).
    public var line: Int
    /// Index of the block (column or header zone) on the page.
    public var block: Int
    /// Index of Tesseract's paragraph on the page; only used to lay out the page text (not stored).
    var paragraph = 0
    /// The baseline of the word's text line, as Tesseract found it; nil for words recorded before
    /// baselines were stored (the text layer then fits one to the line's boxes).
    public var baseline: LineBaseline?
    /// Per character of `text`, the other characters Tesseract's LSTM considered there (its choice
    /// iterator), for the context correction; empty when not known. Not stored.
    var alternatives: [[String]] = []

    public init(text: String, box: PixelBox, confidence: Double, line: Int, block: Int) {
        self.text = text; self.box = box; self.confidence = confidence; self.line = line; self.block = block
    }

    /// The word cut in two before its character `index` (`0 < index < text.count`), for two words OCR
    /// glued together: each part keeps the confidence, line and block, its characters' alternatives,
    /// and a share of the box in proportion to its characters (where the glyphs lie is not known).
    func split(atCharacter index: Int) -> (RecognizedWord, RecognizedWord) {
        let characters = Array(text)
        let cut = left(characters.count, index)
        var head = self, tail = self
        head.text = String(characters[..<index])
        tail.text = String(characters[index...])
        head.box.right = cut
        tail.box.left = cut
        if alternatives.count == characters.count {
            head.alternatives = Array(alternatives[..<index])
            tail.alternatives = Array(alternatives[index...])
        }
        return (head, tail)
    }

    /// The x where the first `index` of `count` characters end, spread evenly over the box.
    private func left(_ count: Int, _ index: Int) -> Int {
        box.left + Int((Double(box.width) * Double(index) / Double(max(count, 1))).rounded())
    }

    // Compact keys: a 300-word page is stored hundreds of thousands of times over.
    enum CodingKeys: String, CodingKey { case text = "t", box = "b", confidence = "c", line = "l", block = "k", baseline = "bl" }
}

/// The outcome of OCR on one page.
public struct RecognizedPage: Sendable, Equatable, Codable {
    /// The page text in reading order, lines separated by newlines.
    public var text: String
    /// Every word with its box: in pixels of the scan *as displayed upright* (after the page's
    /// `PageFacts.rotation`), at the scan's own resolution.
    public var words: [RecognizedWord]
    /// Mean word confidence, 0…100 (0 for a page with no words).
    public var meanConfidence: Double
    /// Words the Vietnamese post-correction changed (empty when none).
    public var corrections: [WordCorrection]

    public init(text: String, words: [RecognizedWord], meanConfidence: Double, corrections: [WordCorrection] = []) {
        self.text = text; self.words = words; self.meanConfidence = meanConfidence; self.corrections = corrections
    }
}
