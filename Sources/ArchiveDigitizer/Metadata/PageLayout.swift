import Foundation

/// A page's words arranged as segments of lines, with the text column measured, in reading order.
struct PageLayout: Sendable {
    let width: Int
    let height: Int
    let pixelsPerMillimetre: Double
    /// Left and right edge of the body text column, pixels (measured from wide lines, or the A4 norm).
    let columnLeft: Double
    let columnRight: Double
    /// Segments sorted top to bottom (by baseline), then left to right.
    let segments: [LayoutSegment]

    /// Words below this confidence (0…100) are seal, signature or speckle noise more often than text.
    static let noiseConfidence = 15.0

    init(page: PDFPage) {
        let width = max(page.width, 1)
        let millimetre = page.dpi > 0 ? Double(page.dpi) / 25.4 : Double(width) / 210
        self.width = width
        height = max(page.height, 1)
        pixelsPerMillimetre = millimetre
        let words = page.words.filter { $0.confidence >= Self.noiseConfidence && !$0.text.trimmingCharacters(in: .whitespaces).isEmpty }
            .flatMap(Self.pieces)
        var segments = Self.segments(of: words, pixelsPerMillimetre: millimetre)
        // Text column: NĐ 30 margins are 30-35 mm left and 15-20 mm right; measure it from wide lines.
        let wide = segments.filter { Double($0.box.width) > 0.45 * Double(width) }
        let left: Double, right: Double
        if wide.count >= 3 {
            let lefts = wide.map { Double($0.box.left) }.sorted()
            let rights = wide.map { Double($0.box.right) }.sorted()
            left = lefts[lefts.count / 4]
            right = rights[rights.count / 2]
        } else {
            left = 30 * millimetre
            right = Double(width) - 15 * millimetre
        }
        columnLeft = left
        columnRight = right
        for index in segments.indices {
            segments[index].zone = Self.zone(of: segments[index].box, columnLeft: left, columnRight: right)
        }
        self.segments = segments.sorted { ($0.baseline, $0.box.left) < ($1.baseline, $1.box.left) }
    }

    /// The zone a box falls in: the left or right header column, or centred / full width.
    func zone(of box: PixelBox) -> LayoutZone {
        Self.zone(of: box, columnLeft: columnLeft, columnRight: columnRight)
    }

    /// A segment made of some of a segment's words, zoned afresh.
    func segment(_ words: [RecognizedWord], lineIndex: Int) -> LayoutSegment {
        var segment = LayoutSegment(words: words, lineIndex: lineIndex)
        segment.zone = zone(of: segment.box)
        return segment
    }

    private static func zone(of box: PixelBox, columnLeft: Double, columnRight: Double) -> LayoutZone {
        // Header blocks are centred at about 20% (left) and 72% (right) of the NĐ 30 text column,
        // the type line and excerpt at 50%.
        let span = max(columnRight - columnLeft, 1)
        let left = (Double(box.left) - columnLeft) / span
        let right = (Double(box.right) - columnLeft) / span
        let centre = (left + right) / 2
        if centre < 0.38, right < 0.56 { return .left }
        if centre > 0.6, left > 0.25 { return .right }
        return .centre
    }

    /// Position across the text column: 0 at its left edge, 1 at its right edge.
    func columnPosition(_ x: Double) -> Double {
        (x - columnLeft) / max(columnRight - columnLeft, 1)
    }

    /// Vertical position as a share of the page height (0 top, 1 bottom).
    func verticalPosition(_ y: Int) -> Double {
        Double(y) / Double(height)
    }

    func millimetres(_ pixels: Int) -> Double {
        Double(pixels) / pixelsPerMillimetre
    }

    /// A word that the syllable repair split ("NỘICỘNG" → "NỘI CỘNG") as one word per syllable, the box
    /// shared out by characters, so that a header part can be cut between them (the motto's `CỘNG`
    /// read onto the issuer's line otherwise stays in the issuer: "UBND THÀNH PHỐ HÀ NỘI CỘNG").
    private static func pieces(of word: RecognizedWord) -> [RecognizedWord] {
        word.pieces(word.text.split(separator: " ").map(String.init))
    }

    /// Groups words into lines (Tesseract's line index), then cuts each line at wide gaps.
    private static func segments(of words: [RecognizedWord], pixelsPerMillimetre: Double) -> [LayoutSegment] {
        var byLine: [Int: [RecognizedWord]] = [:]
        for word in words { byLine[word.line, default: []].append(word) }
        var result: [LayoutSegment] = []
        for (line, lineWords) in byLine {
            let sorted = lineWords.sorted { $0.box.left < $1.box.left }
            let gaps = zip(sorted, sorted.dropFirst()).map { $1.box.left - $0.box.right }
            let usual = gaps.sorted()[safe: gaps.count / 2] ?? 0
            // A column gap is wider than 5 mm and far wider than this line's usual word space;
            // a line of two words has no usual space to compare with, so it needs 7 mm.
            let minimum = (gaps.count > 1 ? 5.0 : 7.0) * pixelsPerMillimetre
            var current: [RecognizedWord] = []
            for (index, word) in sorted.enumerated() {
                if let previous = current.last {
                    let gap = word.box.left - previous.box.right
                    let isColumnGap = Double(gap) > minimum && (gaps.count == 1 || Double(gap) > 2.5 * Double(max(usual, 1)))
                    // Words of two visual lines that Tesseract put on one line: far apart vertically.
                    let height = Double(max(word.box.height, previous.box.height, 1))
                    let drift = abs(Double(word.box.bottom - previous.box.bottom))
                    if isColumnGap || drift > 0.8 * height {
                        result.append(LayoutSegment(words: current, lineIndex: line))
                        current = []
                    }
                }
                current.append(word)
                if index == sorted.count - 1 { result.append(LayoutSegment(words: current, lineIndex: line)) }
            }
        }
        return result
    }
}

private extension Array {
    /// The element at `index`, or nil when it is out of range.
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
