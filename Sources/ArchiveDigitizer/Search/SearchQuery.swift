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

        /// The group in FTS5 syntax: its words double-quoted as one phrase, then ` *` for a prefix.
        var expression: String {
            "\"" + words.joined(separator: " ") + "\"" + (isPrefix ? " *" : "")
        }
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
        groups.map(\.expression).joined(separator: " ")
    }

    /// The expression with each prefix that begins exactly one indexed word written as that word.
    ///
    /// Why: FTS5 answers a prefix by merging the position lists of every word it begins, which on a
    /// word found on nearly every page costs three times the word's own search (`thanh*`: 135 ms
    /// against 46 ms on 100,000 pages); when only one word begins so, the merge changes nothing and
    /// the results are the same. `indexedWords` gives the words a prefix begins, as the index holds
    /// words (diacritics and case removed); only prefixes that fold to plain ASCII letters and digits
    /// are narrowed, so the index's own folding cannot differ from ours.
    func expression(narrowingPrefixesWith indexedWords: (String) throws -> [String]) rethrows -> String {
        Self.joined(try rewritingPrefixes(with: indexedWords) { group, words in
            words.count == 1 ? (Group(words: group.words.dropLast() + words, isPrefix: false).expression, 1) : nil
        }.map(\.expression))
    }

    /// The query with each prefix that begins two to `expansionLimit` indexed words written as an OR
    /// of those words (`than*` → `("thang" OR "thanh")`). It matches the same pages as
    /// `expression(narrowingPrefixesWith:)`, and `pages_bm25`, told which phrases make up each group,
    /// scores them the same (`SearchRanking`).
    ///
    /// Why: before its first match FTS5 merges the position lists of every word a prefix begins,
    /// over the whole catalogue (25–29 ms for `than*` on 100,000 pages, for the count and again for
    /// the ranking); an OR of words merges nothing ahead. Not for snippets: `snippet()` weighs an
    /// OR's words as separate phrases, a prefix's as one.
    func expanded(with indexedWords: (String) throws -> [String]) rethrows -> Expanded {
        let groups = try rewritingPrefixes(with: indexedWords) { group, words in
            guard (1...Self.expansionLimit).contains(words.count) else { return nil }
            let each = words.map { Group(words: group.words.dropLast() + [$0], isPrefix: false).expression }
            return (each.count == 1 ? each[0] : "(" + each.joined(separator: " OR ") + ")", each.count)
        }
        return Expanded(groups: groups.map(\.expression), phraseCounts: groups.map(\.phrases))
    }

    /// A query's groups with prefixes expanded into the words they begin (`expanded(with:)`).
    struct Expanded {
        /// Each group in FTS5 syntax: a phrase, or an OR of phrases in parentheses.
        var groups: [String]
        /// How many FTS5 phrases each group holds, in order.
        var phraseCounts: [Int]

        /// The whole FTS5 expression.
        var expression: String { SearchQuery.joined(groups) }
        /// Whether any prefix was expanded into several words.
        var hasAlternatives: Bool { phraseCounts.contains { $0 > 1 } }
    }

    /// The most words a prefix is expanded into; beyond, the prefix itself is cheaper.
    /// `indexedWords` should give one more than this, to tell a prefix that begins more.
    static let expansionLimit = 16

    /// Each group as `rewrite` writes it, with the number of FTS5 phrases it holds (nil: left a
    /// prefix), given the indexed words its folded last word begins; prefixes that are not plain
    /// ASCII are left alone.
    private func rewritingPrefixes(with indexedWords: (String) throws -> [String],
                                   _ rewrite: (Group, [String]) -> (String, Int)?) rethrows -> [(expression: String, phrases: Int)] {
        try groups.map { group in
            guard group.isPrefix,
                  let prefix = group.words.last?.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil),
                  prefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) })
            else { return (group.expression, 1) }
            return try rewrite(group, indexedWords(prefix)) ?? (group.expression, 1)
        }
    }

    /// Groups in FTS5 syntax as one expression, joined by `AND` once one is parenthesized: FTS5
    /// implies AND only between phrases.
    static func joined(_ groups: [String]) -> String {
        groups.joined(separator: groups.contains { $0.hasPrefix("(") } ? " AND " : " ")
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
