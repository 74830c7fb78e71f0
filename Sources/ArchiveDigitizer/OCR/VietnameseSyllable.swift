import Foundation

/// A Vietnamese syllable taken apart into what OCR confuses separately: its letters with their
/// vowel marks (â, ơ, đ…) and its one tone mark.
///
/// Two spellings that differ only in where the tone mark sits (“hòa”/“hoà”, “thủy”/“thuỷ”) are
/// the same syllable: `key` ignores the placement, so a lexicon in the new style (hunspell-vi)
/// accepts the old style administrative documents use, and the reverse.
struct VietnameseSyllable: Hashable {
    /// The six tones; `level` (ngang) has no mark.
    enum Tone: Int, CaseIterable {
        case level, grave, acute, hook, tilde, dot

        /// The combining mark (U+0300 huyền, U+0301 sắc, U+0309 hỏi, U+0303 ngã, U+0323 nặng).
        var mark: Unicode.Scalar? {
            switch self {
            case .level: nil
            case .grave: "\u{300}"
            case .acute: "\u{301}"
            case .hook: "\u{309}"
            case .tilde: "\u{303}"
            case .dot: "\u{323}"
            }
        }

        init?(mark: Unicode.Scalar) {
            guard let tone = Tone.allCases.first(where: { $0.mark == mark }) else { return nil }
            self = tone
        }
    }

    /// Lower-case letters with vowel marks but no tone, NFC (e.g. `thuy`, `hoan`, `đương`).
    var letters: String
    var tone: Tone

    /// Takes a lower-case word apart; nil when it is not made of letters only.
    init?(_ word: String) {
        var tone = Tone.level
        var scalars = String.UnicodeScalarView()
        for scalar in word.lowercased().decomposedStringWithCanonicalMapping.unicodeScalars {
            if let found = Tone(mark: scalar) {
                guard tone == .level else { return nil }  // two tone marks: not a syllable
                tone = found
            } else if CharacterSet.letters.contains(scalar) || Self.vowelMarks.contains(scalar) {
                scalars.append(scalar)
            } else {
                return nil
            }
        }
        guard !scalars.isEmpty else { return nil }
        letters = String(scalars).precomposedStringWithCanonicalMapping
        self.tone = tone
    }

    init(letters: String, tone: Tone) {
        self.letters = letters
        self.tone = tone
    }

    /// The circumflex, breve and horn: part of the letter, not of the tone.
    static let vowelMarks: Set<Unicode.Scalar> = ["\u{302}", "\u{306}", "\u{31B}"]
    static let vowels: Set<Character> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]

    /// Placement-free identity, e.g. `hoa#1` for both “hòa” and “hoà”.
    var key: String { "\(letters)#\(tone.rawValue)" }

    /// The syllable written the way administrative documents do (the “old” placement, as in
    /// Nghị định 30/2020 templates: hòa, thủy, khỏe): on the vowel with a mark (â, ê, ô, ơ, ư,
    /// ă; on ơ in ươ); otherwise, after the onset (qu, gi count as onset), on the second of
    /// two vowels when a consonant follows, on the middle of three, else on the first.
    var spelling: String {
        guard let mark = tone.mark else { return letters }
        var characters = Array(letters)
        var start = 0
        if characters.count > 2, characters[0] == "q", characters[1] == "u" { start = 2 }
        if characters.count > 2, characters[0] == "g", characters[1] == "i", Self.vowels.contains(characters[2]) { start = 2 }
        let vowelIndices = characters.indices.filter { $0 >= start && Self.vowels.contains(characters[$0]) }
        guard let first = vowelIndices.first, let last = vowelIndices.last else {
            // "gì", "gìn": the i of gi carries the tone when no other vowel follows.
            guard let index = characters.indices.last(where: { Self.vowels.contains(characters[$0]) }) else { return letters }
            return place(mark, at: index, in: &characters)
        }
        let cluster = Array(first...last)
        let marked = cluster.filter { "âăêôơư".contains(characters[$0]) }
        let index: Int
        if let lastMarked = marked.last {
            index = lastMarked  // ươ → ơ; ưu → ư; uô → ô
        } else if cluster.count == 1 {
            index = first
        } else if last < characters.count - 1 {
            index = last  // hoàn, thuyết-like closed syllables
        } else if cluster.count == 3 {
            index = cluster[1]
        } else {
            index = first
        }
        return place(mark, at: index, in: &characters)
    }

    /// Whether `word` (lower case, NFC) has the tone mark where one of the two conventions puts it:
    /// `spelling`, or for a syllable ending in an open oa, oe or uy the newer placement on its last
    /// vowel (“hoà”, “thuỷ”). “đọan” for “đoạn” has it where neither does — a slip of the OCR, not
    /// a style.
    func isPlacedRightly(in word: String) -> Bool {
        let spelled = spelling
        if word == spelled { return true }
        guard let mark = tone.mark, let ending = ["oa", "oe", "uy"].first(where: { letters.hasSuffix($0) }),
              !(ending == "uy" && letters.hasSuffix("quy")) else { return false }
        var characters = Array(letters)
        return word == place(mark, at: characters.count - 1, in: &characters)
    }

    private func place(_ mark: Unicode.Scalar, at index: Int, in characters: inout [Character]) -> String {
        var scalars = String(characters[index]).decomposedStringWithCanonicalMapping.unicodeScalars
        scalars.append(mark)
        characters[index] = Character(String(scalars).precomposedStringWithCanonicalMapping)
        return String(characters).precomposedStringWithCanonicalMapping
    }
}
