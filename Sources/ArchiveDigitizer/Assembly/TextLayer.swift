import Foundation

/// Builds the invisible text of one PDF page so that each word sits on the word in the scan.
///
/// The technique is Tesseract's own PDF renderer's: a glyph-less font (every glyph 500/1000 em
/// wide, drawn in render mode 3 = invisible), one text matrix per word at the word's position,
/// and horizontal scaling (`Tz`) so the word's advance equals its width in the image. All words
/// of a line share the line's baseline and height, so viewers highlight whole line bands and
/// text extractors rebuild lines cleanly. Characters are written as UTF-16 code units, which the
/// font's ToUnicode map turns back into the same text.
enum TextLayer {
    /// The resource name of the glyph-less font on every page.
    static let fontName = "/GlyphLess"

    /// The content-stream operators for `words` on a page `heightPoints` tall, at `scale` points per pixel.
    static func operators(for words: [RecognizedWord], heightPoints: Double, scale: Double) -> String {
        guard !words.isEmpty else { return "" }
        var out = "BT\n3 Tr\n"
        let lines = Dictionary(grouping: words, by: \.line).sorted { $0.key < $1.key }
        for (_, lineWords) in lines {
            let ordered = lineWords.sorted { $0.box.left < $1.box.left }
            guard let top = ordered.map(\.box.top).min(), let bottom = ordered.map(\.box.bottom).max() else { continue }
            let fontSize = max(Double(bottom - top) * scale, 1)
            let baseline = heightPoints - Double(bottom) * scale
            out += "\(fontName) \(format(fontSize)) Tf\n"
            for (index, word) in ordered.enumerated() {
                let isLast = index == ordered.count - 1
                let text = isLast ? word.text : word.text + " "
                let units = Array(text.utf16)
                guard !units.isEmpty else { continue }
                let right = isLast ? word.box.right : max(ordered[index + 1].box.left, word.box.right)
                let width = Double(max(right - word.box.left, 1)) * scale
                let natural = Double(units.count) * 0.5 * fontSize
                let stretch = 100 * width / natural
                out += "1 0 0 1 \(format(Double(word.box.left) * scale)) \(format(baseline)) Tm \(format(stretch)) Tz <"
                out += units.map { String(format: "%04X", $0) }.joined()
                out += "> Tj\n"
            }
        }
        return out + "ET\n"
    }

    /// Fixed-point notation with at most three decimals, as PDF numbers must not use exponents.
    static func format(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.3f", rounded)
    }
}
