import Foundation

/// The set of syllables that exist in Vietnamese, read from Debian's hunspell-vi dictionary.
///
/// Vietnamese writes one syllable per space-separated word, so a syllable list is a complete
/// lexicon for checking OCR words (hunspell-vi lists about 6,600 syllables, tone placed in the new
/// style; `VietnameseSyllable.key` makes the placement irrelevant). Read from disk at run time —
/// no network — once per process, and shared read-only by every worker.
final class VietnameseLexicon: Sendable {
    /// Where Debian's hunspell-vi package installs the dictionary.
    static let defaultPath = "/usr/share/hunspell/vi_VN.dic"

    /// Placement-free keys of every syllable (`VietnameseSyllable.key`).
    private let keys: Set<String>

    /// The lexicon every worker shares; nil when hunspell-vi is not installed (then no word is corrected).
    static let shared: VietnameseLexicon? = VietnameseLexicon(path: defaultPath)

    /// Reads a hunspell `.dic` file: a count on the first line, then one entry per line (flags after `/`).
    init?(path: String) {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else { return nil }
        var keys = Set<String>()
        for line in text.split(whereSeparator: \.isNewline).dropFirst() {
            let entry = line.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
            // Acronyms (UBND, HĐND) are left out; names (Nguyễn, Nẵng) count, lower-cased.
            guard entry.count < 2 || entry != entry.uppercased(), let syllable = VietnameseSyllable(entry) else { continue }
            keys.insert(syllable.key)
        }
        guard !keys.isEmpty else { return nil }
        self.keys = keys
    }

    /// A lexicon of exactly `syllables` (tests).
    init(syllables: [String]) {
        keys = Set(syllables.compactMap { VietnameseSyllable($0)?.key })
    }

    func contains(_ syllable: VietnameseSyllable) -> Bool { keys.contains(syllable.key) }
}
