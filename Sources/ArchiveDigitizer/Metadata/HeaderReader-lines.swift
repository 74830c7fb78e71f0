import Foundation

/// The excerpt (trích yếu) and the repair of lines Tesseract read together.
extension HeaderReader {
    // MARK: - Excerpt

    /// Centred lines under the type line, up to the separator or the first wide gap.
    func excerptUnderTypeLine(_ segments: [LayoutSegment], typeIndex: Int, layout: PageLayout, used: inout Set<Int>) -> FieldReading {
        var lines: [LayoutSegment] = []
        var previous = segments[typeIndex]
        // Excerpt lines follow each other at about 6.5 mm; the body starts 9 mm or more below.
        let maximumPitch = 9.0
        for (index, segment) in segments.enumerated() where index != typeIndex && segment.baseline > previous.baseline {
            guard !used.contains(index) else { continue }
            let pitch = layout.millimetres(segment.baseline - previous.baseline)
            if pitch > maximumPitch || Self.isSeparator(segment.text) { break }
            // A speck or stamp beside the title is skipped, not taken as the end of the excerpt.
            guard segment.zone == .centre, VietnameseText.hasLetterOrDigit(segment.text) else { continue }
            lines.append(segment)
            used.insert(index)
            previous = segment
            if lines.count == 4 { break }
        }
        return excerpt(from: lines)
    }

    /// The rule under a Party excerpt (`-----`), as far as OCR reads it.
    static func isSeparator(_ text: String) -> Bool {
        let characters = text.filter { !$0.isWhitespace }
        return characters.count >= 2 && characters.allSatisfy { "-_—–=~*.".contains($0) } && characters.contains { "-_—–=~".contains($0) }
    }

    /// A công văn's `V/v …` lines in the left column under the number.
    func subjectLine(_ segments: [LayoutSegment], numberIndex: Int, layout: PageLayout, used: inout Set<Int>) -> FieldReading {
        var lines: [LayoutSegment] = []
        var previous = segments[numberIndex]
        var sawPrefix = false
        for (index, segment) in segments.enumerated() where segment.baseline > previous.baseline && segment.zone == .left {
            guard !used.contains(index) else { continue }
            let pitch = layout.millimetres(segment.baseline - previous.baseline)
            guard pitch <= (lines.isEmpty ? 12 : 8.5), VietnameseText.upperCaseShare(segment.text) < 0.5 else { break }
            if lines.isEmpty {
                sawPrefix = segment.words.first.map { Self.isSubjectPrefix($0.text) } ?? false
                guard sawPrefix || segment.words.count >= 2 else { break }
            }
            lines.append(segment)
            used.insert(index)
            previous = segment
            if lines.count == 4 { break }
        }
        var reading = excerpt(from: lines, droppingPrefix: sawPrefix)
        if !sawPrefix { reading.confidence *= 0.7 }
        return reading
    }

    /// `V/v` as printed or as OCR reads it (`V4`, `W/`, `V/V`, `Vv`, `V/%`, `V%`, `WW%`, `V/%v`): a V
    /// or W, then up to three marks that are slashes, v's, or symbols that are no letter or digit
    /// (the small `v` blurred, never the start of a word), at least one of them not a slash-like
    /// letter, so "VI" reads as the prefix but "VII" (a Roman seven) does not.
    static func isSubjectPrefix(_ token: String) -> Bool {
        let characters = Array(token.trimmingCharacters(in: CharacterSet(charactersIn: ":.")))
        guard (2...4).contains(characters.count), let first = characters.first, "VW".contains(first) else { return false }
        let rest = characters.dropFirst()
        let slashes: Set<Character> = ["/", "\\", "|", "l", "I", "1", "4"]
        let vees: Set<Character> = ["v", "V", "y", "Y", "w", "W", "4"]
        let isMark = { (character: Character) in !character.isLetter && !character.isNumber }
        if rest.count == 1 { return slashes.contains(rest[rest.startIndex]) || vees.contains(rest[rest.startIndex]) || isMark(rest[rest.startIndex]) }
        return rest.allSatisfy { slashes.contains($0) || vees.contains($0) || isMark($0) }
            && rest.contains { vees.contains($0) || !$0.isLetter }
    }

    /// Marks that OCR makes of dirt and that no excerpt writes as a word of their own.
    static let specks: Set<Character> = ["_", "~", "|", "^", "`", "'", "‘", "’", "•", "¦"]
    /// Quotes that may close a quoted name at an excerpt's end, and those that open one.
    static let closingQuotes: Set<Character> = ["'", "’", "”", "\"", "`", "´"]
    static let openingQuotes: Set<Character> = ["'", "‘", "“", "\"", "«"]

    func excerpt(from lines: [LayoutSegment], droppingPrefix: Bool = false) -> FieldReading {
        // A full stop closing a line that is not the last is a speck, not punctuation.
        var words = lines.enumerated().flatMap { index, line -> [String] in
            var texts = line.words.map(\.text)
            if index < lines.count - 1, let last = texts.last, last.hasSuffix("."), !last.hasSuffix("..") {
                texts[texts.count - 1] = String(last.dropLast())
            }
            return texts
        }
        if droppingPrefix, !words.isEmpty { words.removeFirst() }
        // A word of specks alone ("của _ các xã": a mark of dirt read as an underscore) is no word.
        words.removeAll { word in !word.isEmpty && word.allSatisfy { Self.specks.contains($0) } }
        let joined = VietnameseText.normalized(words.joined(separator: " "))
        // Only split words with two tone marks: in running text a long non-syllable is more often a loanword.
        let repaired = joined.split(separator: " ").map { word -> String in
            VietnameseText.toneMarkCount(String(word)) > 1 ? splitter.splitWord(String(word)) : String(word)
        }.joined(separator: " ")
        var text = repaired.trimmingCharacters(in: CharacterSet(charactersIn: " .,;:-_*"))
        // A closing quote with none opened before it is a speck after the last word ("lưu trữ'").
        while let last = text.last, Self.closingQuotes.contains(last),
              !text.dropLast().contains(where: { Self.openingQuotes.contains($0) }) {
            text = String(text.dropLast()).trimmingCharacters(in: CharacterSet(charactersIn: " .,;:-_*"))
        }
        guard !lines.isEmpty else { return FieldReading() }
        let confidence = lines.map(\.confidence).reduce(0, +) / Double(lines.count)
        return FieldReading(text, confidence: confidence)
    }

    // MARK: - Merged lines

    /// Cuts segments that still hold two header parts: a motto read together with the left
    /// column's line, or a number line read together with the date line.
    func refined(_ segments: [LayoutSegment], in layout: PageLayout) -> [LayoutSegment] {
        var result: [LayoutSegment] = []
        for segment in segments {
            var pieces = [segment]
            if layout.verticalPosition(segment.box.top) < 0.25, let cut = mottoStart(in: segment), cut.word > 0 || cut.characters > 0 {
                var head = Array(segment.words[..<cut.word])
                var tail = Array(segment.words[cut.word...])
                if cut.characters > 0 {
                    let glued = Array(segment.words[cut.word].text)
                    let parts = segment.words[cut.word].pieces([String(glued[..<cut.characters]), String(glued[cut.characters...])])
                    head.append(parts[0])
                    tail[0] = parts[1]
                }
                pieces = [layout.segment(head, lineIndex: segment.lineIndex), layout.segment(tail, lineIndex: segment.lineIndex)]
            }
            // A `Số` line set close under the issuer is read into the issuer's line
            // ("ỦY BAN KIỂM TRA THÀNH ỦY SỐ 1651-NQ/UBKTTU"): cut where the number line starts.
            pieces = pieces.flatMap { piece -> [LayoutSegment] in
                guard layout.verticalPosition(piece.box.top) < 0.3, let cut = embeddedNumberLineStart(in: piece) else { return [piece] }
                return [layout.segment(Array(piece.words[..<cut]), lineIndex: piece.lineIndex),
                        layout.segment(Array(piece.words[cut...]), lineIndex: piece.lineIndex)]
            }
            for piece in pieces {
                let tokens = piece.text.split(separator: " ")
                if let number = NumberLine.parse(piece.text), tokens.count == piece.words.count,
                   number.consumedTokens < piece.words.count {
                    result.append(layout.segment(Array(piece.words[..<number.consumedTokens]), lineIndex: piece.lineIndex))
                    result.append(layout.segment(Array(piece.words[number.consumedTokens...]), lineIndex: piece.lineIndex))
                } else {
                    result.append(piece)
                }
            }
        }
        return result.sorted { ($0.baseline, $0.box.left) < ($1.baseline, $1.box.left) }
    }

    /// The index of the word where a number line (`Số …`, `SỐ: …`) starts inside a segment, when
    /// it does not start it and what comes before is not itself a number line.
    func embeddedNumberLineStart(in segment: LayoutSegment) -> Int? {
        guard segment.words.count >= 3, NumberLine.parse(segment.text) == nil else { return nil }
        for index in 1..<(segment.words.count - 1) {
            // Only after a line of capitals (the issuer's), and only a capital `Số`: running text
            // cites other documents ("Kế hoạch số 56/KH-UBND ngày …").
            let word = segment.words[index].text
            let folded = VietnameseText.folded(word)
            guard word.first == "S", folded.hasPrefix("SO") || folded.hasPrefix("S0"),
                  VietnameseText.upperCaseShare(segment.words[..<index].map(\.text).joined(separator: " ")) >= 0.8 else { continue }
            let rest = VietnameseText.normalized(segment.words[index...].map(\.text).joined(separator: " "))
            if let number = NumberLine.parse(rest), number.quality >= 0.5 { return index }
        }
        return nil
    }

    /// Where a motto starts inside a segment, when it does not start it: the word, and how many of
    /// that word's characters come before it (0 but for a word glued to the motto's first).
    ///
    /// A tight Party header sets the issuer close beside the motto, and OCR may glue the issuer's
    /// last word to the motto's first, the join read as a mark ("ƯƠN®ẢNG" for `ƯƠNG ĐẢNG`): such a
    /// word is cut at the mark.
    func mottoStart(in segment: LayoutSegment) -> (word: Int, characters: Int)? {
        let wordSkeletons = segment.words.map { VietnameseText.skeleton($0.text) }
        let skeleton = Array(wordSkeletons.joined())
        for motto in [Self.partyMotto] + Self.stateMottos {
            let pattern = Array(motto)
            guard skeleton.count > pattern.count else { continue }
            let match = VietnameseText.bestOccurrence(of: pattern, in: skeleton)
            guard Double(match.distance) <= 0.2 * Double(pattern.count), match.start > 0 else { continue }
            var offset = 0
            for (index, word) in wordSkeletons.enumerated() {
                if match.start <= offset + 1 { return (index, 0) }     // one stray character ("_ĐẢNG") allowed
                if match.start < offset + word.count, let mark = gluedMark(in: segment.words[index].text, near: match.start - offset) {
                    return (index, mark)
                }
                offset += word.count
            }
        }
        return nil
    }

    /// The position of a mark inside `word` (neither letter nor digit, with letters on both sides)
    /// with `letters` letters before it, give or take one (the match may take the mark for the
    /// motto's first letter, or the issuer's last): where two glued words meet.
    private func gluedMark(in word: String, near letters: Int) -> Int? {
        let characters = Array(word)
        var before = 0
        for (position, character) in characters.enumerated() {
            if character.isLetter || character.isNumber {
                before += 1
                continue
            }
            guard position > 0, position < characters.count - 1, before >= 2, abs(before - letters) <= 1 else { continue }
            return position
        }
        return nil
    }
}
