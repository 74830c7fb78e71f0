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

    /// The word cut into `parts` (pieces of its text, in order), for words OCR glued together: the box
    /// shared out by the parts' characters (where the glyphs lie is not known), each piece at least a
    /// pixel wide, keeping the confidence, line and block; no alternatives (they are for OCR's own
    /// correction, done by then).
    func pieces(_ parts: [String]) -> [RecognizedWord] {
        guard parts.count > 1 else { return [self] }
        let characters = Double(max(parts.reduce(0) { $0 + $1.count }, 1))
        var left = Double(box.left), result: [RecognizedWord] = []
        for part in parts {
            let right = left + Double(box.width) * Double(part.count) / characters
            var piece = self
            piece.text = part
            piece.box.left = Int(left.rounded())
            piece.box.right = max(Int(right.rounded()), piece.box.left + 1)
            piece.alternatives = []
            result.append(piece)
            left = right
        }
        return result
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
