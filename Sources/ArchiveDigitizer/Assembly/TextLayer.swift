import Foundation

/// Builds the invisible text of one PDF page so that readers get the text back in reading order
/// and a selected word highlights that word of the scan.
///
/// Measured with `pdftotext` (default and `-layout`), pdfplumber's `extract_text()` and poppler's
/// text API (scripts/score-text-layer.py, docs/pdf.md), the layout that reads back best is:
///
/// - **each line on one horizontal baseline**: the line's baseline (Tesseract's, or one fitted to
///   its word boxes) taken at the line's middle. Readers build lines from words whose baselines
///   agree within about half a font size; words placed on their own skewed positions (or along a
///   rotated text matrix, as Tesseract's `pdfrenderer.cpp` does) drift a line-height apart over a
///   line at 1–3° and readers cut the line into pieces and re-sort them (CER 0.155 → 0.063 through
///   `pdftotext` on the evaluation set). On a skewed page a word at a line's end is shifted
///   vertically by at most half the line's length × the skew; horizontally every word is exact.
/// - **one font size for the page**, 1.3 × the median word height: poppler starts a new
///   block at every change of font size, which split the two header blocks into pieces it
///   re-ordered, and joins lines into a block only when their baselines are at most 1.5 font sizes
///   apart, which the wider-spaced header lines were not at the word height (SampleScans through
///   `pdftotext`: 0.067 at the word height, 0.034 at 1.3×; a highlighted word is that much taller).
///   The exception is a block that stands beside another (the two header halves, "Nơi nhận" and
///   the signature): it takes a font large enough, within limits, that poppler keeps all its
///   lines together (`sideBlockFontSize`), since otherwise poppler takes the header halves and the
///   number and date lines under them for a 2 × 2 table and reads it row by row (`pdftotext` on
///   SampleScans 0.0222 → 0.0164 against the catalogue's 0.0165).
/// - each word scaled horizontally (`Tz`) so that it and the space after it reach the next word,
///   a real space after every word (even at a line's end, so lines sharing a baseline never glue);
/// - **one text object (BT … ET) per block, blocks in reading order** in the content stream, so
///   content-order readers (`pdftotext -raw`, copy-paste in many viewers) get the catalogue's order.
///
/// The font is the glyph-less one of Tesseract's renderer (every glyph 500/1000 em wide, drawn in
/// render mode 3 = invisible); characters are written as UTF-16 code units, which the font's
/// ToUnicode map turns back into the same text.
enum TextLayer {
    /// The resource name of the glyph-less font on every page.
    static let fontName = "/GlyphLess"
    /// The text's font size over the median word height (see above).
    static let fontSizeToWordHeight = 1.3

    /// The widest font a block beside another may take, over the page's font size (see above).
    static let widestSideBlockFont = 1.5
    /// Poppler joins a line to a block when the baselines are at most 1.5 font sizes apart; the
    /// font of a side-by-side block is chosen for a little less, so that rounding never splits it.
    static let lineJoiningSpacing = 1.45
    /// Poppler adds words lying within one font size beside a block to it: a side-by-side block's
    /// font stays under this share of the gap to its neighbour, so the two are never joined.
    static let neighbourGapShare = 0.9

    /// The content-stream operators for `words` (in reading order) on a page `heightPoints` tall,
    /// at `scale` points per pixel.
    static func operators(for words: [RecognizedWord], heightPoints: Double, scale: Double) -> String {
        guard !words.isEmpty else { return "" }
        let pageFontSize = max(median(words.map { Double(max($0.box.height, 1)) }) * scale * fontSizeToWordHeight, 1)
        let blocks = runs(of: words, by: \.block).map { block in
            runs(of: block, by: \.line).map { $0.sorted { $0.box.left < $1.box.left } }
        }
        let extents = blocks.map { lines in PixelBox.enclosing(Array(lines.joined())) }
        var out = ""
        for (index, lines) in blocks.enumerated() {
            let gap = gapToSideNeighbour(of: index, among: extents).map { Double($0) * scale }
            let fontSize = gap.map { sideBlockFontSize(lines: lines, pageFontSize: pageFontSize, neighbourGap: $0, scale: scale) } ?? pageFontSize
            out += "BT\n3 Tr\n\(fontName) \(format(fontSize)) Tf\n"
            for lineWords in lines {
                out += line(lineWords, fontSize: fontSize, heightPoints: heightPoints, scale: scale)
            }
            out += "ET\n"
        }
        return out
    }

    /// The horizontal gap in pixels between block `index` and the nearest block beside it (one
    /// that overlaps it vertically), or nil when no block stands beside it.
    static func gapToSideNeighbour(of index: Int, among extents: [PixelBox]) -> Int? {
        let me = extents[index]
        var nearest: Int?
        for (other, box) in extents.enumerated() where other != index && box.top < me.bottom && box.bottom > me.top {
            let gap = box.left >= me.right ? box.left - me.right : (box.right <= me.left ? me.left - box.right : nil)
            if let gap { nearest = min(nearest ?? gap, gap) }
        }
        return nearest
    }

    /// The font of a block that stands beside another (a header half, "Nơi nhận" beside the
    /// signature): large enough that poppler keeps all its lines in one block — else the two
    /// halves and the lines under them (the number and the date) form a 2 × 2 grid that poppler
    /// takes for a table and reads row by row — but never above `widestSideBlockFont` × the page's
    /// font (a larger one made poppler join the block to lines above or below it) nor so large
    /// that the neighbour `neighbourGap` points away is joined to it. Gaps too wide to bridge
    /// within that limit (a signature's space) are left as they are.
    static func sideBlockFontSize(lines: [[RecognizedWord]], pageFontSize: Double, neighbourGap: Double, scale: Double) -> Double {
        let limit = min(widestSideBlockFont * pageFontSize, neighbourGapShare * neighbourGap)
        let baselines = lines.compactMap { baselineHeight(of: $0).map { $0 * scale } }.sorted()
        let bridgeable = zip(baselines.dropFirst(), baselines).map { $0 - $1 }.filter { $0 <= limit * lineJoiningSpacing }
        guard let widest = bridgeable.max() else { return pageFontSize }
        return max(pageFontSize, min(widest / lineJoiningSpacing, limit))
    }

    /// Where a line (its words left to right) is laid: its baseline's height in pixels at the
    /// line's middle — Tesseract's baseline, or one fitted to the word boxes. Nil for no words.
    static func baselineHeight(of words: [RecognizedWord]) -> Double? {
        guard let first = words.first, let last = words.last,
              let baseline = first.baseline ?? LineBaseline.fitted(to: words) else { return nil }
        return baseline.y(at: Double(first.box.left + last.box.right) / 2)
    }

    /// One line: a text matrix at its first word on the line's baseline, then each word moved to
    /// along the line (`Td`) and stretched to the next word.
    private static func line(_ words: [RecognizedWord], fontSize: Double, heightPoints: Double, scale: Double) -> String {
        guard let first = words.first, let baselineY = baselineHeight(of: words) else { return "" }
        let y = heightPoints - baselineY * scale
        var out = "1 0 0 1 \(format(Double(first.box.left) * scale)) \(format(y)) Tm\n"
        var position = first.box.left
        for (index, word) in words.enumerated() {
            if word.box.left != position {
                out += "\(format(Double(word.box.left - position) * scale)) 0 Td "
                position = word.box.left
            }
            let units = Array((word.text + " ").utf16)
            let isLast = index == words.count - 1
            let right = isLast ? word.box.right : max(words[index + 1].box.left, word.box.right)
            let width = Double(max(right - word.box.left, 1)) * scale
            let stretch = 100 * width / (Double(units.count) * 0.5 * fontSize)
            out += "\(format(stretch)) Tz <" + units.map { String(format: "%04X", $0) }.joined() + "> Tj\n"
        }
        return out
    }

    /// Consecutive runs of `items` that share `key` (words come in reading order, so a block's or a
    /// line's words are consecutive).
    static func runs<Key: Equatable>(of items: [RecognizedWord], by key: KeyPath<RecognizedWord, Key>) -> [[RecognizedWord]] {
        var result: [[RecognizedWord]] = []
        for item in items {
            if let last = result.last?.last, last[keyPath: key] == item[keyPath: key] {
                result[result.count - 1].append(item)
            } else {
                result.append([item])
            }
        }
        return result
    }

    /// The `cm` matrix that draws an image of `width` × `height` points turned clockwise by
    /// `clockwiseTurn` degrees (0, 90, 180, 270) onto a page whose origin is the bottom left.
    /// The image's unit square is mapped so its top-left corner lands where the upright page's
    /// top-left is.
    static func imageMatrix(width w: Double, height h: Double, clockwiseTurn: Int) -> String {
        let values: [Double]
        switch clockwiseTurn {
        case 90: values = [0, -w, h, 0, 0, w]
        case 180: values = [-w, 0, 0, -h, w, h]
        case 270: values = [0, w, -h, 0, h, 0]
        default: values = [w, 0, 0, h, 0, 0]
        }
        return values.map(format).joined(separator: " ")
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Fixed-point notation with at most three decimals, as PDF numbers must not use exponents.
    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.3f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text
    }
}
