import Foundation

/// Security (độ mật) and urgency (độ khẩn) marks stamped under the number.
enum MarkReader {
    enum Kind: Sendable { case security, urgency }

    /// Longest first, so `TUYỆT MẬT` wins over `MẬT` when both fit.
    static let marks: [(text: String, kind: Kind)] = [
        ("HỎA TỐC HẸN GIỜ", .urgency), ("TUYỆT MẬT", .security), ("THƯỢNG KHẨN", .urgency),
        ("HỎA TỐC", .urgency), ("TỐI MẬT", .security), ("KHẨN", .urgency), ("MẬT", .security),
    ]

    /// The mark a whole line reads as, with the match quality (0…1); nil for anything else.
    ///
    /// The line must be the mark alone (frame strokes and punctuation aside) and in capitals, so
    /// "bảo mật" in an excerpt is not a mark. One wrong letter is allowed in a short mark
    /// (`NẬT`, `RHẨN`), two in a long one; diacritics count, so `NAM` is not `MẬT`.
    static func mark(in line: String) -> (text: String, kind: Kind, quality: Double)? {
        let letters = VietnameseText.normalized(line).filter { $0.isLetter || $0 == " " }
        let words = letters.split(separator: " ").map(String.init)
        let text = words.joined(separator: " ")
        guard !text.isEmpty, text.count <= 20, VietnameseText.upperCaseShare(text) >= 0.8 else { return nil }
        var best: (text: String, kind: Kind, quality: Double)?
        var bestDistance = Int.max
        for mark in marks {
            let distance = VietnameseText.editDistance(Array(text), Array(mark.text))
            let allowed = mark.text.count <= 4 ? 1 : 2
            guard distance <= allowed, distance < bestDistance else { continue }
            // A one-letter slip in a three-letter word must keep the rest: `NẬT` yes, `MAT` (no marks) too.
            if mark.text.count <= 4, text.count != mark.text.count { continue }
            bestDistance = distance
            best = (mark.text, mark.kind, 1 - Double(distance) / Double(mark.text.count + 1))
        }
        if best == nil, let first = lone.first(where: { VietnameseText.editDistance(Array(text), Array($0.word)) <= 1 && text.count == $0.word.count }) {
            // Only a long mark's first word survived (`HỎA`, `HÓA` for `HỎA TỐC`; the rest lost to
            // the stamp's frame): no other mark or header line is that word alone.
            return (first.mark, first.kind, 0.6)
        }
        return best
    }

    /// The first words of the two-word marks, each of which, alone on a line, can only be that mark.
    static let lone: [(word: String, mark: String, kind: Kind)] = [
        ("HỎA", "HỎA TỐC", .urgency), ("THƯỢNG", "THƯỢNG KHẨN", .urgency), ("TUYỆT", "TUYỆT MẬT", .security),
    ]
}
