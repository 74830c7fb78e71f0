import Foundation

/// Text helpers for matching OCR output of Vietnamese documents against what a header should say.
///
/// OCR of scans loses or changes diacritics (`ĐẲNG` for `ĐẢNG`), confuses `Ð` (eth) with `Đ`,
/// and merges words (`HÀNỘI`). Matching therefore happens on *folded* text: diacritics removed,
/// `Đ` as `D`, upper case, one character of the fold for each character of the original so that
/// a match found in the fold can be cut from the original.
enum VietnameseText {
    /// NFC, `Ð`/`ð` (eth, often produced by OCR) as `Đ`/`đ`, dashes as `-`, whitespace runs as one space.
    static func normalized(_ text: String) -> String {
        var result = ""
        var lastWasSpace = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            var replaced = scalar
            switch scalar.value {
            case 0x00D0: replaced = "Đ"
            case 0x00F0: replaced = "đ"
            case 0x2010...0x2015, 0x2212: replaced = "-"
            default: break
            }
            if replaced.properties.isWhitespace {
                if !lastWasSpace, !result.isEmpty { result.append(" ") }
                lastWasSpace = true
            } else {
                result.unicodeScalars.append(replaced)
                lastWasSpace = false
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result.precomposedStringWithCanonicalMapping
    }

    /// One folded character per character of `text`: base letter without diacritics, upper case.
    static func foldedCharacters(_ text: String) -> [Character] {
        text.map(fold)
    }

    /// `text` folded: no diacritics, `Đ` as `D`, upper case (same length in characters).
    static func folded(_ text: String) -> String {
        String(foldedCharacters(text))
    }

    /// Only the letters and digits of `text`, folded: what two spellings of a header line share.
    static func skeleton(_ text: String) -> String {
        String(foldedCharacters(text).filter { $0.isLetter || $0.isNumber })
    }

    /// Folds one character: base scalar of its canonical decomposition, upper-cased.
    static func fold(_ character: Character) -> Character {
        switch character {
        case "Đ", "đ", "Ð", "ð": return "D"
        default: break
        }
        guard let base = String(character).decomposedStringWithCanonicalMapping.unicodeScalars.first else { return character }
        return Character(String(base).uppercased())
    }

    /// How many tone marks (huyền, sắc, ngã, hỏi, nặng) the word carries: a syllable has at most one.
    static func toneMarkCount(_ word: String) -> Int {
        word.decomposedStringWithCanonicalMapping.unicodeScalars.filter { toneMarks.contains($0.value) }.count
    }

    private static let toneMarks: Set<UInt32> = [0x0300, 0x0301, 0x0303, 0x0309, 0x0323]

    /// Levenshtein distance between two character sequences.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Where `pattern` occurs inside `text` with the fewest edits: the edits and the span of `text`
    /// (character offsets, end exclusive). Finds a motto inside a line that also holds other words.
    static func bestOccurrence(of pattern: [Character], in text: [Character]) -> (distance: Int, start: Int, end: Int) {
        guard !pattern.isEmpty else { return (0, 0, 0) }
        guard !text.isEmpty else { return (pattern.count, 0, 0) }
        // Semi-global alignment: skipping text before and after the match is free.
        var cost = [Int](repeating: 0, count: text.count + 1)
        var start = Array(0...text.count)
        for i in 1...pattern.count {
            var nextCost = [Int](repeating: i, count: text.count + 1)
            var nextStart = [Int](repeating: 0, count: text.count + 1)
            for j in 1...text.count {
                let substitute = cost[j - 1] + (pattern[i - 1] == text[j - 1] ? 0 : 1)
                let skipPattern = cost[j] + 1
                let skipText = nextCost[j - 1] + 1
                if substitute <= skipPattern, substitute <= skipText {
                    nextCost[j] = substitute; nextStart[j] = start[j - 1]
                } else if skipPattern <= skipText {
                    nextCost[j] = skipPattern; nextStart[j] = start[j]
                } else {
                    nextCost[j] = skipText; nextStart[j] = nextStart[j - 1]
                }
            }
            cost = nextCost
            start = nextStart
        }
        var best = (distance: pattern.count, start: 0, end: 0)
        for j in 1...text.count where cost[j] < best.distance {
            best = (cost[j], start[j], j)
        }
        return best
    }

    /// 1 for equal strings, falling towards 0 as edits are needed (edit distance over the longer length).
    static func similarity(_ a: String, _ b: String) -> Double {
        let x = Array(a), y = Array(b)
        let longest = max(x.count, y.count)
        guard longest > 0 else { return 1 }
        return 1 - Double(editDistance(x, y)) / Double(longest)
    }

    /// Share of the letters that are upper case (0 when there are no letters).
    static func upperCaseShare(_ text: String) -> Double {
        let letters = text.filter(\.isLetter)
        guard !letters.isEmpty else { return 0 }
        return Double(letters.filter(\.isUppercase).count) / Double(letters.count)
    }

    /// Whether the text has any letter or digit (a separator `-----` or a star `*` has none).
    static func hasLetterOrDigit(_ text: String) -> Bool {
        text.contains { $0.isLetter || $0.isNumber }
    }

    /// The text without punctuation at either end (`"trữ."` → `"trữ"`, `"(để"` → `"để"`).
    static func trimmingPunctuation(_ text: String) -> String {
        let edges = CharacterSet.punctuationCharacters.union(.symbols).union(.whitespaces)
        return text.trimmingCharacters(in: edges)
    }

    /// A word in title case (`Nguyễn`): upper-case first letter, lower-case letters after it.
    static func isTitleCaseWord(_ word: String) -> Bool {
        guard let first = word.first, first.isLetter, first.isUppercase else { return false }
        return word.dropFirst().allSatisfy { $0.isLetter && $0.isLowercase }
    }
}
