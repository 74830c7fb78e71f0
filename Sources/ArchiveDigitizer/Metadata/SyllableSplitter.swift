import Foundation

/// Splits words that OCR ran together (`HÀNỘI`, `TRUNGƯƠNG`, `NguyễnVăn`) back into syllables.
///
/// Vietnamese writes one syllable per word, so a token that is not one well-formed syllable,
/// or that carries two tone marks, is several words merged. The splitter tries every cut into
/// well-formed syllables (onset + one to three vowels + optional final consonant, at most one
/// tone mark each) and keeps the cheapest: known syllables cost least, syllables without an
/// onset most (so `HÀNỘI` becomes `HÀ NỘI`, not `HÀN ỘI`). Abbreviations (`UBND`, `QĐ`) cannot
/// be cut into syllables and are left alone, as are words with digits or inner punctuation.
struct SyllableSplitter: Sendable {
    /// Upper-cased syllables known to be words (header vocabulary plus the page's own words).
    var known: Set<String>

    init(extraKnown: Set<String> = []) {
        known = HeaderVocabulary.syllables.union(extraKnown.map { $0.uppercased() })
    }

    /// The words of `text` with merged words split; spacing normalised to single spaces.
    func splitWords(in text: String) -> String {
        text.split(separator: " ").map { splitWord(String($0)) }.joined(separator: " ")
    }

    /// One token, split into space-separated syllables when it is several words run together.
    func splitWord(_ token: String) -> String {
        // Keep punctuation at the ends out of the way: "Kiếm," → "Kiếm" + ",".
        let leading = String(token.prefix { !$0.isLetter })
        let trailing = String(token.reversed().prefix { !$0.isLetter }.reversed())
        guard leading.count + trailing.count < token.count else { return token }
        let core = String(token.dropFirst(leading.count).dropLast(trailing.count))
        guard core.allSatisfy(\.isLetter) else { return token }
        let pieces = splitAtCaseChanges(core).flatMap(splitLetters)
        return leading + pieces.joined(separator: " ") + trailing
    }

    /// `NguyễnVăn` → `Nguyễn`, `Văn`: an upper-case letter after a lower-case one starts a word.
    private func splitAtCaseChanges(_ word: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        for character in word {
            if character.isUppercase, let last = current.last, last.isLowercase {
                pieces.append(current)
                current = ""
            }
            current.append(character)
        }
        if !current.isEmpty { pieces.append(current) }
        return pieces
    }

    /// Cuts a run of letters into syllables when it is not one already.
    private func splitLetters(_ word: String) -> [String] {
        let characters = Array(word)
        if characters.count < 4 || (VietnameseText.toneMarkCount(word) <= 1 && Self.isSyllable(characters)) {
            return [word]
        }
        // Cheapest cut, dynamic programming over the end positions.
        let n = characters.count
        var best = [Double](repeating: .infinity, count: n + 1)
        var cut = [Int](repeating: -1, count: n + 1)
        best[0] = 0
        for end in 1...n {
            for start in max(0, end - 7)..<end where best[start] < .infinity {
                let piece = Array(characters[start..<end])
                guard let cost = syllableCost(piece) else { continue }
                if best[start] + cost < best[end] {
                    best[end] = best[start] + cost
                    cut[end] = start
                }
            }
        }
        guard best[n] < .infinity else { return [word] }
        var pieces: [String] = []
        var end = n
        while end > 0 {
            let start = cut[end]
            pieces.append(String(characters[start..<end]))
            end = start
        }
        return pieces.reversed()
    }

    private func syllableCost(_ piece: [Character]) -> Double? {
        let text = String(piece)
        guard VietnameseText.toneMarkCount(text) <= 1, Self.isSyllable(piece) else { return nil }
        if known.contains(text.uppercased()) { return 0.1 }
        return Self.hasOnset(piece) ? 1.1 : 1.7
    }

    // MARK: - Syllable shape

    private static let onsets: [[Character]] = ["NGH", "NG", "NH", "CH", "GH", "GI", "KH", "PH", "QU", "TH", "TR",
                                                "B", "C", "D", "G", "H", "K", "L", "M", "N", "P", "R", "S", "T", "V", "X", ""].map(Array.init)
    private static let codas: Set<String> = ["", "C", "CH", "M", "N", "NG", "NH", "P", "T"]
    private static let vowels: Set<Character> = ["A", "E", "I", "O", "U", "Y"]

    /// Whether the letters form one syllable: onset, one to three vowels, a final consonant or none.
    static func isSyllable(_ letters: [Character]) -> Bool {
        let folded = letters.map(VietnameseText.fold)
        for onset in onsets where folded.starts(with: onset) {
            var index = onset.count
            var vowelCount = 0
            while index < folded.count, vowels.contains(folded[index]), vowelCount < 3 {
                index += 1
                vowelCount += 1
            }
            if vowelCount > 0, codas.contains(String(folded[index...])) { return true }
        }
        return false
    }

    private static func hasOnset(_ letters: [Character]) -> Bool {
        guard let first = letters.first else { return false }
        return !vowels.contains(VietnameseText.fold(first))
    }
}
