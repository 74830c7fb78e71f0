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
        try rewritingPrefixes(with: indexedWords) { group, words in
            words.count == 1 ? Group(words: group.words.dropLast() + words, isPrefix: false).expression : nil
        }
    }

    /// An expression that matches the same pages as `expression(narrowingPrefixesWith:)`, for
    /// counting them only: each prefix that begins two to `expansionLimit` indexed words becomes an
    /// OR of those words (`than*` → `("thang" OR "thanh")`).
    ///
    /// Why: counting through a prefix still merges the words' position lists (29 ms for `than*` on
    /// 100,000 pages); an OR of words only merges page ids (6 ms). It is not for ranking: bm25 scores
    /// an OR's words as separate phrases, a prefix as one; nor for snippets, which weigh them likewise.
    func countingExpression(expandingPrefixesWith indexedWords: (String) throws -> [String]) rethrows -> String {
        try rewritingPrefixes(with: indexedWords) { group, words in
            guard (1...Self.expansionLimit).contains(words.count) else { return nil }
            let each = words.map { Group(words: group.words.dropLast() + [$0], isPrefix: false).expression }
            return each.count == 1 ? each[0] : "(" + each.joined(separator: " OR ") + ")"
        }
    }

    /// The most words a prefix is expanded into for counting; beyond, the prefix itself is cheaper.
    /// `indexedWords` should give one more than this, to tell a prefix that begins more.
    static let expansionLimit = 16

    /// The expression with each prefix group written as `rewrite` says (nil: left a prefix), given the
    /// indexed words its folded last word begins; prefixes that are not plain ASCII are left alone.
    /// Groups are joined by `AND` once one is parenthesized: FTS5 implies AND only between phrases.
    private func rewritingPrefixes(with indexedWords: (String) throws -> [String],
                                   _ rewrite: (Group, [String]) -> String?) rethrows -> String {
        let rewritten = try groups.map { group in
            guard group.isPrefix,
                  let prefix = group.words.last?.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil),
                  prefix.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil) })
            else { return group.expression }
            return try rewrite(group, indexedWords(prefix)) ?? group.expression
        }
        return rewritten.joined(separator: rewritten.contains { $0.hasPrefix("(") } ? " AND " : " ")
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
