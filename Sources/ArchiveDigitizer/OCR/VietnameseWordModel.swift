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
    private let words: [String: Int]
    private let pairs: [String: Int]
    private let total: Double

    /// The model every worker shares; nil when the resource is missing (then no word is corrected by context).
    static let shared: VietnameseWordModel? = Bundle.module.url(forResource: "vietnamese-bigrams", withExtension: "tsv")
        .flatMap { try? String(contentsOf: $0, encoding: .utf8) }
        .flatMap { VietnameseWordModel(table: $0) }

    /// Reads `word<TAB>count` and `word word<TAB>count` lines; `#` lines are comments. Entries
    /// that are not valid syllables (text glued by the source's lost line breaks) are dropped.
    init?(table: String, lexicon: VietnameseLexicon? = VietnameseLexicon.shared) {
        var words: [String: Int] = [:], pairs: [String: Int] = [:]
        // Each distinct word is parsed as a syllable once: the table repeats its ~10^4 words in ~10^5
        // pairs, and parsing every occurrence cost each worker process seconds at start.
        var keyOf: [Substring: String?] = [:]
        for line in table.split(separator: "\n") where !line.hasPrefix("#") {
            let fields = line.split(separator: "\t")
            guard fields.count == 2, let count = Int(fields[1]) else { continue }
            let parts = fields[0].split(separator: " ")
            let keys = parts.compactMap { part -> String? in
                if let known = keyOf[part] { return known }
                let key = Self.key(String(part), lexicon: lexicon)
                keyOf[part] = key
                return key
            }
            switch (parts.count, keys.count) {
            case (1, 1): words[keys[0], default: 0] += count
            case (2, 2): pairs[keys[0] + " " + keys[1], default: 0] += count
            default: continue
            }
        }
        guard !words.isEmpty else { return nil }
        self.words = words
        self.pairs = pairs
        total = Double(words.values.reduce(0, +))
    }

    /// The placement-free key of a valid syllable, nil for anything else.
    static func key(_ word: String, lexicon: VietnameseLexicon?) -> String? {
        guard let syllable = VietnameseSyllable(word.lowercased()) else { return nil }
        if let lexicon, !lexicon.contains(syllable) { return nil }
        return syllable.key
    }

    func count(_ word: String) -> Int { words[word] ?? 0 }
    func count(_ first: String, _ second: String) -> Int { pairs[first + " " + second] ?? 0 }

    /// log P(second | first), interpolated with the word's own frequency (Jelinek–Mercer, λ = 0.8)
    /// so that a pair never seen costs much but is not impossible.
    func logProbability(_ second: String, after first: String) -> Double {
        let unigram = (Double(count(second)) + 0.5) / (total + 1)
        let history = Double(count(first))
        let bigram = history > 0 ? Double(count(first, second)) / history : 0
        return log(0.8 * bigram + 0.2 * unigram)
    }
}
