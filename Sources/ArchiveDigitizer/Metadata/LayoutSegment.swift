import Foundation

/// Where a piece of a text line stands across the page.
enum LayoutZone: Sendable, Equatable {
    /// The left header column: issuing body, number, `V/v` excerpt, marks; the `Nơi nhận` list.
    case left
    /// Centred or full width: type line, excerpt, body text.
    case centre
    /// The right header column: national or Party motto, date line; the signature block.
    case right
}

/// A run of words on one text line with no wide gap inside: one block's part of that line.
///
/// Tesseract often reads the two header columns as one line (`ĐẢNG BỘ … HÀ NỘI  ĐẢNG CỘNG SẢN
/// VIỆT NAM`); cutting lines at wide gaps gives each column its own segments.
struct LayoutSegment: Sendable {
    var words: [RecognizedWord]
    /// Tesseract's line index (reading order) of the words.
    var lineIndex: Int
    var zone: LayoutZone = .centre

    init(words: [RecognizedWord], lineIndex: Int) {
        self.words = words
        self.lineIndex = lineIndex
    }

    var box: PixelBox { PixelBox.enclosing(words) }

    /// The words joined by single spaces, normalised (NFC, `Đ` for `Ð`).
    var text: String { VietnameseText.normalized(words.map(\.text).joined(separator: " ")) }

    /// Mean confidence of the words with letters or digits, 0…1 (a stray `.` or `-` does not count).
    var confidence: Double {
        let textual = words.filter { VietnameseText.hasLetterOrDigit($0.text) }
        let counted = textual.isEmpty ? words : textual
        guard !counted.isEmpty else { return 0 }
        return counted.map(\.confidence).reduce(0, +) / Double(counted.count) / 100
    }

    /// The line's baseline: the median bottom of its words (descenders of g, p, y are the minority).
    var baseline: Int {
        let bottoms = words.map(\.box.bottom).sorted()
        return bottoms.isEmpty ? 0 : bottoms[bottoms.count / 2]
    }

    var centreX: Double { Double(box.left + box.right) / 2 }
}
