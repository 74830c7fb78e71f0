import Foundation

/// What a person typed into `digitize search`, turned into a safe SQLite FTS5 query.
///
/// The user's text is never passed to FTS5 as syntax (a stray `"`, `-`, `*` or `AND` would be an
/// error or change the meaning): it is split into words, every word is double-quoted, and only
/// three forms are understood — all words must occur (`dang phi`), `"a quoted phrase"` must occur
/// as written, and a trailing `*` matches word beginnings (`thanh*`). A word with inner punctuation
/// (`8229-QĐ/TU`) becomes a phrase of its parts, as the index splits it the same way.
/// Diacritics need not be typed: the index ignores them, and `đ`/`Đ` are folded to `d`/`D` on both
/// sides (`SearchQuery.fold`), since Unicode does not decompose `đ`.
public struct SearchQuery: Sendable, Equatable {
    /// The text as typed.
    public let text: String
    /// The FTS5 MATCH expression.
    public let expression: String
    /// The folded words looked for, for display.
    public let words: [String]
    /// The quoted groups of the expression, in order.
    let groups: [Group]

    /// A word or a phrase, with or without a prefix star on its last word.
    struct Group: Sendable, Equatable {
        var words: [String]
        var isPrefix: Bool
    }

    /// Parses `text`; throws `SearchError.emptyQuery` when it holds no word.
    public init(_ text: String) throws {
        self.text = text
        var groups: [Group] = []
        var chunk = ""
        var isQuoted = false
        func close() {
            defer { chunk = "" }
            let isPrefix = !isQuoted && chunk.hasSuffix("*")
            let parts = Self.words(in: Self.fold(chunk))
            if !parts.isEmpty { groups.append(Group(words: parts, isPrefix: isPrefix)) }
        }
        for character in text {
            if character == "\"" {
                close()
                isQuoted.toggle()
            } else if !isQuoted && character.isWhitespace {
                close()
            } else {
                chunk.append(character)
            }
        }
        close()
        guard !groups.isEmpty else { throw SearchError.emptyQuery }
        self.groups = groups
        expression = Self.expression(of: groups)
        words = groups.flatMap(\.words)
    }

    static func expression(of groups: [Group]) -> String {
        groups.map { group in
            "\"" + group.words.joined(separator: " ") + "\"" + (group.isPrefix ? " *" : "")
        }.joined(separator: " ")
    }

    /// The expression with each prefix that begins exactly one indexed word written as that word.
    ///
    /// Why: FTS5 answers a prefix by merging the position lists of every word it begins, which on a
    /// word found on nearly every page costs three times the word's own search (`thanh*`: 135 ms
    /// against 46 ms on 100,000 pages); when only one word begins so, the merge changes nothing and
    /// the results are the same. `indexedWords(startingWith:)` is asked for at most two words, with the
    /// prefix as the index holds words (diacritics and case removed); only prefixes that fold to plain
    /// ASCII letters and digits are narrowed, so the index's own folding cannot differ from ours.
    func expression(narrowingPrefixesWith indexedWords: (String) throws -> [String]) rethrows -> String {
        var narrowed = groups
        for index in narrowed.indices where narrowed[index].isPrefix {
            guard let prefix = narrowed[index].words.last?.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil),
                  prefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) })
            else { continue }
            let matches = try indexedWords(prefix)
            if matches.count == 1, let word = matches.first {
                narrowed[index].words[narrowed[index].words.count - 1] = word
                narrowed[index].isPrefix = false
            }
        }
        return Self.expression(of: narrowed)
    }

    /// NFC, then `đ`→`d` and `Đ`→`D`: the same folding the index triggers apply to page text.
    public static func fold(_ text: String) -> String {
        text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "đ", with: "d")
            .replacingOccurrences(of: "Đ", with: "D")
    }

    /// Letters-and-digits runs, as the `unicode61` tokenizer splits text.
    static func words(in text: String) -> [String] {
        text.split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// A comparison key for metadata filters: folded, diacritics and case removed, spaces collapsed.
    public static func key(_ text: String) -> String {
        fold(text).folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }
}
