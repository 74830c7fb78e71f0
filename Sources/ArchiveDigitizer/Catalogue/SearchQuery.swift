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

    /// Parses `text`; throws `SearchError.emptyQuery` when it holds no word.
    public init(_ text: String) throws {
        self.text = text
        var groups: [(words: [String], isPrefix: Bool)] = []
        var chunk = ""
        var isQuoted = false
        func close() {
            defer { chunk = "" }
            let isPrefix = !isQuoted && chunk.hasSuffix("*")
            let parts = Self.words(in: Self.fold(chunk))
            if !parts.isEmpty { groups.append((parts, isPrefix)) }
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
        expression = groups.map { group in
            "\"" + group.words.joined(separator: " ") + "\"" + (group.isPrefix ? " *" : "")
        }.joined(separator: " ")
        words = groups.flatMap(\.words)
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
