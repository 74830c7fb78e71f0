import Foundation

/// Builds the invisible text of one PDF page so that each word sits on the word in the scan.
///
/// The technique is Tesseract's own PDF renderer's: a glyph-less font (every glyph 500/1000 em
/// wide, drawn in render mode 3 = invisible), one text matrix per word at the word's position,
/// and horizontal scaling (`Tz`) so the word and the space after it span the gap to the next word
/// (the word's own width at a line's end). All words
/// of a line share the line's median baseline and height, so viewers highlight even bands and
/// text extractors rebuild lines cleanly; a word far off its line keeps its own box. Characters are written as UTF-16 code units, which the
/// font's ToUnicode map turns back into the same text.
enum TextLayer {
    /// The resource name of the glyph-less font on every page.
    static let fontName = "/GlyphLess"

    /// The content-stream operators for `words` on a page `heightPoints` tall, at `scale` points per pixel.
    static func operators(for words: [RecognizedWord], heightPoints: Double, scale: Double) -> String {
        guard !words.isEmpty else { return "" }
        var out = "BT\n3 Tr\n"
        var currentSize = -1.0
        let lines = Dictionary(grouping: words, by: \.line).sorted { $0.key < $1.key }
        for (_, lineWords) in lines {
            let ordered = lineWords.sorted { $0.box.left < $1.box.left }
            // Medians, not extremes: one stray mark or a word Tesseract put on the wrong line must
            // not make the line so tall that it overlaps its neighbours.
            let lineBottom = median(ordered.map { Double($0.box.bottom) })
            let lineHeight = max(median(ordered.map { Double($0.box.height) }), 1)
            for (index, word) in ordered.enumerated() {
                let isStray = abs(Double(word.box.bottom) - lineBottom) > lineHeight / 2
                let bottom = isStray ? Double(word.box.bottom) : lineBottom
                let fontSize = max((isStray ? Double(max(word.box.height, 1)) : lineHeight) * scale, 1)
                // Every word ends with a space, even at a line's end: another line may share this
                // baseline (a signature block beside the body) and extractors must not glue them.
                let units = Array((word.text + " ").utf16)
                let isLast = index == ordered.count - 1
                let right = isLast ? word.box.right : max(ordered[index + 1].box.left, word.box.right)
                let width = Double(max(right - word.box.left, 1)) * scale
                let stretch = 100 * width / (Double(units.count) * 0.5 * fontSize)
                if fontSize != currentSize {
                    out += "\(fontName) \(format(fontSize)) Tf\n"
                    currentSize = fontSize
                }
                out += "1 0 0 1 \(format(Double(word.box.left) * scale)) \(format(heightPoints - bottom * scale)) Tm \(format(stretch)) Tz <"
                out += units.map { String(format: "%04X", $0) }.joined()
                out += "> Tj\n"
            }
        }
        return out + "ET\n"
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
