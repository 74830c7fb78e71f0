import Foundation

/// Changes a word into a valid Vietnamese syllable when its neighbours make the syllable far more
/// likely and Tesseract itself considered it (`chỉ bộ` → `chi bộ`, `đấy mạnh` → `đẩy mạnh`,
/// `cơ sở đữ liệu` → `dữ liệu`).
///
/// Why: the syllable post-correction never touches a valid syllable and only moves marks on an
/// invalid one, yet this model often reads the wrong valid one (a tone mark or a vowel mark off)
/// or a wrong letter. A word is changed only when all hold:
/// (1) it is a word of letters only (a valid syllable, or no syllable at all: "đữ"), not all
/// capitals (abbreviations, header lines), not before another capitalised word (names), inside a
/// sentence capitalised only if that capital is what changes, into a small letter (a capital there
/// opens a name), not inside numbers, symbols or dates (a neighbour that is not a syllable gives no
/// context); (2) one of its characters has, among the
/// LSTM's own candidates (`RecognizedWord.alternatives`), a letter that makes another valid
/// syllable; (3) with the words on its left and right the other reading is at least
/// e^`minimumLogRatio` times as likely under the word-pair model, no pair of the word as read is
/// seen more often than the new one's, and on one side the old pair was never seen while the new
/// one was at least `minimumEvidence` times, or was seen at all where chance alone would have put
/// the old pair in the table that often. Every change is recorded with its reason.
struct VietnameseContextCorrection {
    let model: VietnameseWordModel
    let lexicon: VietnameseLexicon

    /// How much more likely (pair model, both sides) the new reading must be: e^2 ≈ 7.4 times. Chosen on
    /// the evaluation set's tuning part: e^3 left "sinh hoạt chỉ bộ" (e^2.3: neither "hoạt chi" nor
    /// "hoạt chỉ" is in the model, so the left side only weighs the two words' frequencies) and lowering
    /// it added no other change there; the evidence rule below is what keeps wrong changes out.
    static let minimumLogRatio = 2.0
    /// How many times the new reading's pair must have been seen, on a side where the old one never was.
    static let minimumEvidence = 30

    /// Corrects `words` in reading order; words listed in `skipping` (already corrected) stay.
    func correct(_ words: [RecognizedWord], skipping: Set<Int> = []) -> (words: [RecognizedWord], corrections: [WordCorrection]) {
        var result = words
        var corrections: [WordCorrection] = []
        for index in words.indices where !skipping.contains(index) {
            guard let (corrected, why) = correction(at: index, in: result) else { continue }
            corrections.append(WordCorrection(index: index, from: result[index].text, to: corrected, why: why))
            result[index].text = corrected
        }
        return (result, corrections)
    }

    /// The word at `index` corrected by context, with the reason; nil to leave it.
    func correction(at index: Int, in words: [RecognizedWord]) -> (String, String)? {
        let word = words[index]
        let characters = Array(word.text)
        guard word.alternatives.count == characters.count,
              let start = characters.firstIndex(where: \.isLetter), let end = characters.lastIndex(where: \.isLetter) else { return nil }
        let core = String(characters[start...end])
        guard core.allSatisfy(\.isLetter), core.count <= 7 else { return nil }
        // A word no syllable at all ("đữ" for "dữ", which the syllable repair cannot mend: it only
        // moves marks) is weighed as a word the model has never seen.
        let key = VietnameseWordModel.key(core, lexicon: lexicon) ?? core.lowercased()
        if core.count > 1, core == core.uppercased() { return nil }
        let capitalised = core.first?.isUppercase == true
        let left = neighbour(of: index, step: -1, in: words, touching: start == 0)
        let right = neighbour(of: index, step: 1, in: words, touching: end == characters.count - 1)
        // A capitalised word before another is part of a name ("Hà Nội,", "Cửa Nam"). Inside a
        // sentence a capital starts a name or a body's name ("Văn phòng Quận ủy.", which the model,
        // short of Party texts, would make "Quân ủy"), so there only the capital itself may change,
        // into a small letter the LSTM offered: "tài Hiệu lưu trữ" is "tài liệu" misread.
        if capitalised, words.indices.contains(index + 1), Self.isNamePart(words[index + 1].text) { return nil }
        let isNameInSentence = capitalised && !Self.startsSentence(after: index > 0 ? words[index - 1].text : nil)
        guard left != nil || right != nil else { return nil }

        func score(_ candidate: String) -> Double {
            (left.map { model.logProbability(candidate, after: $0.key) } ?? 0)
                + (right.map { model.logProbability($0.key, after: candidate) } ?? 0)
        }
        func evidence(_ candidate: String) -> Int {
            (left.map { model.count($0.key, candidate) } ?? 0) + (right.map { model.count(candidate, $0.key) } ?? 0)
        }
        let original = score(key)
        var best: (text: String, key: String, score: Double)?
        for position in start...end {
            for alternative in word.alternatives[position] where alternative.count == 1 && alternative.first?.isLetter == true {
                if isNameInSentence, position != start || alternative.first?.isLowercase != true { continue }
                var changed = characters
                changed[position] = Character(alternative)
                let text = String(changed[start...end])
                guard let candidateKey = VietnameseWordModel.key(text, lexicon: lexicon), candidateKey != key,
                      text.lowercased() == text || (capitalised && !isNameInSentence) else { continue }
                let value = score(candidateKey)
                if value > (best?.score ?? -.infinity) { best = (text, candidateKey, value) }
            }
        }
        guard let best, best.score - original >= Self.minimumLogRatio else { return nil }
        // Never against the model's own evidence for the word as read: on every side the new pair
        // must be seen at least as often as the old, and on one side the old pair never (below the
        // model's floor) while the new one often — or the new one at all, where chance alone would
        // have put the old pair in the table `minimumEvidence` times ("chỉ ủy" 51 by chance, "chi
        // ủy" seen 15 times; "số mét" 6 by chance, so its absence says nothing for "số nét").
        let sides = [left.map { Side(old: model.count($0.key, key), new: model.count($0.key, best.key),
                                     oldByChance: model.countByChance($0.key, key)) },
                     right.map { Side(old: model.count(key, $0.key), new: model.count(best.key, $0.key),
                                      oldByChance: model.countByChance(key, $0.key)) }].compactMap { $0 }
        guard sides.allSatisfy({ $0.new >= $0.old }), sides.contains(where: \.isDecisive) else { return nil }
        // The LSTM's letter may bring its tone mark onto the wrong vowel ("đoan" → "đọan"): placed rightly.
        let spelled = VietnamesePostCorrection.withToneRightlyPlaced(
            isNameInSentence ? best.text : VietnamesePostCorrection.applyCase(of: core, to: best.text.lowercased()))
        let corrected = String(characters[..<start]) + spelled + String(characters[(end + 1)...])
        let context = [left?.text, "«\(spelled)»", right?.text].compactMap { $0 }.joined(separator: " ")
        let why = String(format: "context: %@ is %.0f times as likely as with «%@» (pairs seen %d times)",
                         context, exp(best.score - original), core, evidence(best.key))
        return (corrected, why)
    }

    /// Whether a word after `previous` (nil: the first of the page) opens a sentence: after a full
    /// stop, colon, semicolon, question or exclamation mark, after a heading or abbreviation in
    /// capitals ("GHI NHỚ", "V/V"), or after a mark that is no word.
    static func startsSentence(after previous: String?) -> Bool {
        guard let previous, let last = previous.last else { return true }
        if ".:;!?".contains(last) || !previous.contains(where: \.isLetter) { return true }
        let letters = previous.filter(\.isLetter)
        return letters.count > 1 && letters == letters.uppercased()
    }

    /// Whether `text` reads as part of a proper name: capitalised, and not capitals throughout
    /// (one capital letter, an initial, still counts).
    static func isNamePart(_ text: String) -> Bool {
        let letters = text.filter(\.isLetter)
        guard text.first?.isUppercase == true else { return false }
        return letters.count <= 1 || letters != letters.uppercased()
    }

    /// One side's pair counts: the word as read with its neighbour, the new reading with it, and how
    /// often the old pair would be seen by chance.
    private struct Side {
        var old: Int
        var new: Int
        var oldByChance: Double

        /// The old pair unseen while the new one is seen often, or seen at all where the old pair's
        /// absence is itself telling.
        var isDecisive: Bool {
            old == 0 && (new >= VietnameseContextCorrection.minimumEvidence
                || (new > 0 && oldByChance >= Double(VietnameseContextCorrection.minimumEvidence)))
        }
    }

    private struct Neighbour {
        var text: String
        var key: String
    }

    /// The valid syllable next to `index` (`step` -1 left, +1 right) with no punctuation between.
    /// Punctuation on the neighbour's far side does not part the pair: in "chỉ ủy, chi bộ" the word
    /// right of "chỉ" is "ủy" (its comma ends the pair, it does not split it); on its near side it does.
    private func neighbour(of index: Int, step: Int, in words: [RecognizedWord], touching: Bool) -> Neighbour? {
        let other = index + step
        guard touching, words.indices.contains(other) else { return nil }
        let text = words[other].text
        let letters = step > 0 ? String(text.prefix(while: \.isLetter)) : String(text.reversed().prefix(while: \.isLetter).reversed())
        let rest = step > 0 ? text.dropFirst(letters.count) : text.dropLast(letters.count)
        guard !letters.isEmpty, !rest.contains(where: { $0.isLetter || $0.isNumber }),
              let key = VietnameseWordModel.key(letters, lexicon: lexicon) else { return nil }   // punctuation or digits: no context
        // A neighbour in capitals throughout belongs to a heading or a header line, not to the
        // word's phrase (the words corrected are never all capitals): "… NHÀ NƯỚC" | "Số:" is
        // no "nước sẽ".
        if letters.count > 1, letters == letters.uppercased() { return nil }
        return Neighbour(text: text, key: key)
    }
}
