/// The words around a page's best match, chosen and marked as SQLite FTS5's `snippet()` does for
/// `SearchIndex`, for a store that has no such function (PostgreSQL, `PostgreSQLSearch`).
///
/// The page's own text is shown, diacritics and all; its words are compared with the query's after
/// folding both (`SearchQuery.key`), so `dang phi` marks `đảng phí`. As in FTS5: a window of
/// `wordCount` words that holds the most different query groups (1000 points each, 1 per repeat) is
/// centred on its matches, or starts at a sentence if that scores as well plus a bonus; a matched
/// phrase is marked as one span; `…` stands where the page goes on.
struct SearchSnippet {
    /// The query's groups, folded: each a run of words that must follow each other.
    private let groups: [(keys: [String], isPrefix: Bool)]
    /// Words in the window (FTS5's `snippet(…, 16)`).
    let wordCount: Int
    /// Folded words seen so far: pages repeat most of their words, and folding is the costly part.
    private var folded: [Substring: String] = [:]

    init(query: SearchQuery, wordCount: Int = 16) {
        groups = query.groups.map { group in (group.words.map(SearchQuery.key), group.isPrefix) }
        self.wordCount = wordCount
    }

    /// One match: the query group and the words it covers (`first..<end`).
    private struct Match {
        var group: Int
        var first: Int
        var end: Int
    }

    /// `text` cut to its best window, matches wrapped in `SearchHit.matchStart`/`matchEnd`.
    mutating func marked(_ text: String) -> String {
        let words = Self.wordRanges(in: text)
        guard !words.isEmpty else { return "" }
        let keys = words.map { range in key(text[range]) }
        let matches = self.matches(in: keys)
        let start = bestStart(matches: matches, wordCount: words.count, sentenceStarts: Self.sentenceStarts(in: text, words: words))
        let end = min(start + wordCount, words.count)
        // As in FTS5, a window at either end of the page takes the text before its first word or after its last.
        var output = start > 0 ? "…" : ""
        var cursor = start > 0 ? words[start].lowerBound : text.startIndex
        for match in matches where match.first >= start && match.first < end {
            let first = words[match.first].lowerBound
            guard first >= cursor else { continue }  // overlaps the previous span, already marked
            let last = words[min(match.end, end) - 1].upperBound
            output += text[cursor..<first] + SearchHit.matchStart + text[first..<last] + SearchHit.matchEnd
            cursor = last
        }
        guard end < words.count else { return output + text[cursor...] }
        return output + text[cursor..<words[end - 1].upperBound] + "…"
    }

    private mutating func key(_ word: Substring) -> String {
        if let known = folded[word] { return known }
        let made = SearchQuery.key(String(word))
        folded[word] = made
        return made
    }

    /// Every place a group's words follow each other (the last as a beginning if it ends in `*`), in text order.
    private func matches(in keys: [String]) -> [Match] {
        var matches: [Match] = []
        for position in keys.indices {
            for (index, group) in groups.enumerated() where position + group.keys.count <= keys.count {
                let isMatch = group.keys.indices.allSatisfy { offset in
                    let word = keys[position + offset], wanted = group.keys[offset]
                    return group.isPrefix && offset == group.keys.count - 1 ? word.hasPrefix(wanted) : word == wanted
                }
                if isMatch { matches.append(Match(group: index, first: position, end: position + group.keys.count)) }
            }
        }
        return matches
    }

    /// The first word of the window, as FTS5 picks it (`fts5SnippetFunction`, `fts5SnippetScore`).
    private func bestStart(matches: [Match], wordCount total: Int, sentenceStarts: [Int]) -> Int {
        guard total > wordCount else { return 0 }
        func score(from start: Int) -> (points: Int, first: Int, end: Int) {
            var seen = Set<Int>(), points = 0, first = -1, end = 0
            for match in matches where match.first >= start && match.first < start + wordCount {
                points += seen.insert(match.group).inserted ? 1000 : 1
                if first < 0 { first = match.first }
                end = match.end
            }
            return (points, first, end)
        }
        var best = (points: 0, start: 0)
        for match in matches {
            let (points, first, end) = score(from: match.first)
            let centred = max(0, min(first - (wordCount - (end - first)) / 2, total - wordCount))
            if points > best.points { best = (points, centred) }
            if let sentence = sentenceStarts.last(where: { $0 <= match.first }), sentence < match.first {
                let bonus = score(from: sentence).points + (sentence == 0 ? 120 : 100)
                if bonus > best.points { best = (bonus, sentence) }
            }
        }
        return best.start
    }

    /// The letters-and-digits runs of `text`, as `SearchQuery.words` splits it.
    static func wordRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        var start: String.Index?
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let isWord = character.isLetter || character.isNumber
            if isWord, start == nil { start = index }
            if !isWord, let begun = start {
                ranges.append(begun..<index)
                start = nil
            }
            index = text.index(after: index)
        }
        if let start { ranges.append(start..<text.endIndex) }
        return ranges
    }

    /// The words that begin a sentence: the first, and any after a `.` or `:` and white space (FTS5's rule).
    private static func sentenceStarts(in text: String, words: [Range<String.Index>]) -> [Int] {
        var starts = [0]
        for (position, range) in words.enumerated().dropFirst() {
            let before = text[words[position - 1].upperBound..<range.lowerBound]
            let trimmed = before.reversed().drop(while: \.isWhitespace)
            if trimmed.count < before.count, let mark = trimmed.first, mark == "." || mark == ":" { starts.append(position) }
        }
        return starts
    }
}
