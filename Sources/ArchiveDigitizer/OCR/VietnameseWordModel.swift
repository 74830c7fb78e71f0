import Foundation

/// How often Vietnamese words and pairs of words occur, for telling apart two valid syllables
/// by their neighbours (`chi bộ`, not `chỉ bộ`).
///
/// Loaded once per process from the package's resource `vietnamese-bigrams.tsv`, made by
/// scripts/make-word-model.py from Vietnamese laws and decrees (not protected by copyright in
/// Viet Nam, Luật SHTT Điều 15) and about 10,900 Vietnamese Wikipedia articles (CC BY-SA) from two
/// crawls; see docs/metadata.md.
/// Words are keyed by `VietnameseSyllable.key`, so old and new tone placement count as one.
/// Shared read-only by every worker.
final class VietnameseWordModel: Sendable {
    /// Each distinct key's number, and its count as a word of its own.
    private let numbers: [String: Int32]
    private let wordCounts: [Int]
    /// Pair counts by the two keys' numbers (`pairKey`).
    private let pairs: [UInt64: Int]
    private let total: Double

    /// The model every worker shares; nil when the resource is missing (then no word is corrected by context).
    static let shared: VietnameseWordModel? = Bundle.module.url(forResource: "vietnamese-bigrams", withExtension: "tsv")
        .flatMap { try? String(contentsOf: $0, encoding: .utf8) }
        .flatMap { VietnameseWordModel(table: $0) }

    /// Reads `word<TAB>count` and `word word<TAB>count` lines; `#` lines are comments. Entries
    /// that are not valid syllables (text glued by the source's lost line breaks) are dropped.
    ///
    /// Every worker process loads the table at start, so the reading is kept cheap: lines and
    /// fields are cut on UTF-8 bytes (cutting a String into Characters runs Unicode's grapheme
    /// rules over all 2 MB), each distinct word is parsed as a syllable once (the table repeats its
    /// ~10^4 words in ~10^5 pairs), and pairs are kept by the two keys' numbers rather than by a
    /// joined string.
    init?(table: String, lexicon: VietnameseLexicon? = VietnameseLexicon.shared) {
        var numbers: [String: Int32] = [:], wordCounts: [Int] = [], pairs: [UInt64: Int] = [:]
        var numberOf: [Substring: Int32] = [:]   // a word as written → its key's number, -1 if not a syllable
        func number(of word: Substring) -> Int32 {
            if let known = numberOf[word] { return known }
            var found: Int32 = -1
            if let key = Self.key(String(word), lexicon: lexicon) {
                if let existing = numbers[key] {
                    found = existing
                } else {
                    found = Int32(wordCounts.count)
                    numbers[key] = found
                    wordCounts.append(0)
                }
            }
            numberOf[word] = found
            return found
        }
        let tab = UInt8(ascii: "\t"), space = UInt8(ascii: " ")
        for line in table.utf8.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            guard let cut = line.firstIndex(of: tab), let count = Int(Substring(line[line.index(after: cut)...])) else { continue }
            let entry = line[..<cut]
            if let gap = entry.firstIndex(of: space) {
                let rest = entry[entry.index(after: gap)...]
                guard !rest.contains(space) else { continue }
                let first = number(of: Substring(entry[..<gap])), second = number(of: Substring(rest))
                guard first >= 0, second >= 0 else { continue }
                pairs[Self.pairKey(first, second), default: 0] += count
            } else {
                let word = number(of: Substring(entry))
                guard word >= 0 else { continue }
                wordCounts[Int(word)] += count
            }
        }
        guard wordCounts.contains(where: { $0 > 0 }) else { return nil }
        self.numbers = numbers
        self.wordCounts = wordCounts
        self.pairs = pairs
        total = Double(wordCounts.reduce(0, +))
    }

    private static func pairKey(_ first: Int32, _ second: Int32) -> UInt64 {
        UInt64(UInt32(bitPattern: first)) << 32 | UInt64(UInt32(bitPattern: second))
    }

    /// The placement-free key of a valid syllable, nil for anything else.
    static func key(_ word: String, lexicon: VietnameseLexicon?) -> String? {
        guard let syllable = VietnameseSyllable(word.lowercased()) else { return nil }
        if let lexicon, !lexicon.contains(syllable) { return nil }
        return syllable.key
    }

    func count(_ word: String) -> Int { numbers[word].map { wordCounts[Int($0)] } ?? 0 }
    func count(_ first: String, _ second: String) -> Int {
        guard let a = numbers[first], let b = numbers[second] else { return 0 }
        return pairs[Self.pairKey(a, b)] ?? 0
    }

    /// How many times `first second` would be in the counted text if the two words fell together
    /// by chance (each word's count times the other's share of all words). A pair missing from
    /// the table (seen fewer than `pairFloor` times) though chance alone would put it there far
    /// more often is one the language avoids ("chỉ ủy": 51 by chance); one whose words are rare
    /// ("số mét": 6) may just not have come up.
    func countByChance(_ first: String, _ second: String) -> Double {
        Double(count(first)) * Double(count(second)) / max(total, 1)
    }

    /// How much of a word's probability after another comes from the pair's count, the rest from
    /// the word's own frequency. 0.95, not 0.8 (until 2026-12-03): at 0.8 a very frequent word
    /// outweighed a pair seen many times — "của chỉ" came out likelier than "của chi" although
    /// the table has "của chi" 89 times and "của chỉ" 46, because "chỉ" alone is five times as
    /// common as "chi".
    static let pairWeight = 0.95

    /// The fewest times a pair was seen for the table to list it (scripts/make-word-model.py's
    /// `MINIMUM_PAIR`): a pair the table lacks was seen fewer times than this, perhaps never.
    static let pairFloor = 15

    /// log P(second | first), interpolated with the word's own frequency (Jelinek–Mercer, λ =
    /// `pairWeight`) so that a pair never seen costs much but is not impossible.
    func logProbability(_ second: String, after first: String) -> Double {
        let unigram = (Double(count(second)) + 0.5) / (total + 1)
        let history = Double(count(first))
        let bigram = history > 0 ? Double(count(first, second)) / history : 0
        return log(Self.pairWeight * bigram + (1 - Self.pairWeight) * unigram)
    }
}
