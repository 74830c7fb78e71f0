import Foundation

/// One word the post-correction changed, kept in the catalogue (`pages.corrections`) so every
/// change to what Tesseract read can be audited and undone.
public struct WordCorrection: Sendable, Equatable, Codable {
    /// Index of the word in the page's word list (reading order).
    public var index: Int
    /// The word as Tesseract read it, and as corrected.
    public var from: String
    public var to: String
    /// Why it was changed: `syllable` (not a Vietnamese syllable), `placement` (a syllable's tone
    /// mark moved to the vowel that carries it: "đọan" → "đoạn") or `context: …` (the
    /// neighbouring words made another of Tesseract's candidates far more likely). Nil in records
    /// made before the reason was kept.
    public var why: String?

    public init(index: Int, from: String, to: String, why: String? = nil) {
        self.index = index; self.from = from; self.to = to; self.why = why
    }

    enum CodingKeys: String, CodingKey { case index = "i", from, to, why }
}

/// Corrects OCR words that cannot be Vietnamese syllables to the most likely valid one.
///
/// Why: Debian's `vie` model (tessdata_fast) misplaces or invents tone marks (`thông tỉn`) and
/// cannot produce `ỵ` at all. A word is changed only when (1) it is not a valid syllable — a
/// valid word is never made another (only a tone mark it carries on the wrong vowel, "giai đọan",
/// moves to the right one), (2) it is made of letters only (numbers, symbols such as
/// `QĐ/TU`, and ALL-CAPS words without diacritics such as `UBND` are abbreviations, left alone),
/// and (3) exactly one valid syllable is the cheapest repair under the confusions this model
/// makes: a tone mark changed, added or dropped; a vowel mark (ă â ê ô ơ ư đ) changed; `ỵ`
/// written as `y`; a few glyph confusions (rn/m, cl/d, li/h). Ties are broken by a short list
/// of the most frequent syllables of administrative Vietnamese; when still tied, the word is
/// left as read. Case is kept (ALL CAPS, Capitalised, lower). Two syllables run together
/// (`HÀNỘI`) are split at the one place where both halves are valid and one carries a tone.
struct VietnamesePostCorrection {
    let lexicon: VietnameseLexicon

    /// Words at or above this confidence are kept even when unknown (names, foreign words).
    static let trustedConfidence = 96.0

    /// Corrects `words`; returns the new words and what changed.
    func correct(_ words: [RecognizedWord]) -> (words: [RecognizedWord], corrections: [WordCorrection]) {
        var result = words
        var corrections: [WordCorrection] = []
        for (index, word) in words.enumerated() {
            // The model writes the slash of V/v, QĐ/TU as U+2044 FRACTION SLASH now and then.
            let read = word.text.replacingOccurrences(of: "([\\p{L}\\p{N}])\u{2044}", with: "$1/", options: .regularExpression)
            guard let corrected = correct(read, confidence: word.confidence) ?? (read != word.text ? read : nil),
                  corrected != word.text else { continue }
            result[index].text = corrected
            let isMarkMoved = VietnameseSyllable(read.filter(\.isLetter)).map { $0 == VietnameseSyllable(corrected.filter(\.isLetter)) } ?? false
            corrections.append(WordCorrection(index: index, from: word.text, to: corrected, why: isMarkMoved ? "placement" : "syllable"))
        }
        return (result, corrections)
    }

    /// The corrected token (punctuation around it kept), or nil to leave it as read.
    func correct(_ token: String, confidence: Double = 0) -> String? {
        let characters = Array(token)
        guard let start = characters.firstIndex(where: \.isLetter),
              let end = characters.lastIndex(where: \.isLetter) else { return nil }
        let core = String(characters[start...end])
        guard core.allSatisfy(\.isLetter), core.count <= 12 else { return nil }
        let isAllCaps = core.count > 1 && core == core.uppercased()
        let hasDiacritics = core.unicodeScalars.contains { !$0.isASCII }
        let read = VietnameseSyllable(core)  // nil for two tone marks: maybe two syllables run together
        let prefix = String(characters[..<start]), suffix = String(characters[(end + 1)...])
        if let read, lexicon.contains(read) {
            // A valid syllable stays, only its tone mark moved where it belongs ("giai đọan").
            let placed = Self.withToneRightlyPlaced(core)
            return placed == core ? nil : prefix + placed + suffix
        }
        if let read, let best = bestRepair(of: read), core.count <= 7 {
            // Capitals without diacritics are abbreviations (UBND, KT, TM) unless only a tone is missing
            // (CHỦ TICH); a confident unknown word is a name or a loanword, except a y the model can
            // never give its dot below (ỵ).
            let toneOnly = best.letters == read.letters
            let isRestoredY = toneOnly && read.tone == .level && best.tone == .dot && read.letters.hasSuffix("y")
            if isAllCaps && !hasDiacritics && !(toneOnly && core.count >= 3) { return nil }
            if confidence >= Self.trustedConfidence && !isRestoredY { return nil }
            return prefix + Self.applyCase(of: core, to: best.spelling) + suffix
        }
        // Two syllables read as one (HÀNỘI): split where both halves are valid as read.
        guard confidence < Self.trustedConfidence, core.count >= 4 else { return nil }
        let letters = Array(core)
        for cut in 2...(letters.count - 2) {
            let head = String(letters[..<cut]), tail = String(letters[cut...])
            if let first = VietnameseSyllable(head), let second = VietnameseSyllable(tail),
               lexicon.contains(first), lexicon.contains(second), first.tone != .level || second.tone != .level {
                return prefix + head + " " + tail + suffix
            }
        }
        return nil
    }

    /// The cheapest valid syllable reachable from `read`, or nil when none or a tie.
    func bestRepair(of read: VietnameseSyllable) -> VietnameseSyllable? {
        var candidates: [(syllable: VietnameseSyllable, cost: Double)] = []
        for (letters, letterCost) in Self.letterVariants(of: read.letters) {
            for tone in VietnameseSyllable.Tone.allCases {
                let candidate = VietnameseSyllable(letters: letters, tone: tone)
                guard lexicon.contains(candidate) else { continue }
                var cost = letterCost + (tone == read.tone ? 0 : 1)
                // The model has no ỵ: a y read without a tone is most often a ỵ.
                if tone == .dot, read.tone == .level, letters.hasSuffix("y"), letters == read.letters { cost -= 0.5 }
                candidates.append((candidate, cost))
            }
        }
        guard let cheapest = candidates.map(\.cost).min(), cheapest <= 2 else { return nil }
        var best = candidates.filter { $0.cost == cheapest }.map(\.syllable)
        if best.count > 1 {
            let frequent = best.filter { Self.frequentSyllables.contains($0.key) }
            best = frequent.isEmpty ? best : frequent
        }
        return best.count == 1 ? best[0] : nil
    }

    /// Spellings of `letters` one confusion away (with their cost), itself first at cost 0.
    static func letterVariants(of letters: String) -> [(String, Double)] {
        var variants: [(String, Double)] = [(letters, 0)]
        let characters = Array(letters)
        for (index, character) in characters.enumerated() {
            for group in markGroups where group.contains(character) {
                for other in group where other != character {
                    var changed = characters
                    changed[index] = other
                    variants.append((String(changed), 1))
                }
            }
        }
        for (wrong, right) in glyphConfusions {
            var searchStart = letters.startIndex
            while let range = letters.range(of: wrong, range: searchStart..<letters.endIndex) {
                variants.append((letters.replacingCharacters(in: range, with: right), 1.5))
                searchStart = range.upperBound
            }
        }
        return variants
    }

    /// Letters that differ only by a vowel mark or the stroke of đ.
    static let markGroups: [Set<Character>] = [["a", "ă", "â"], ["e", "ê"], ["o", "ô", "ơ"], ["u", "ư"], ["d", "đ"]]
    /// Shapes this model reads as others (read → meant).
    static let glyphConfusions: [(String, String)] = [("rn", "m"), ("m", "rn"), ("cl", "d"), ("li", "h"), ("ii", "u"), ("c", "e"), ("e", "c")]

    /// Among equally cheap repairs, these win: frequent syllables of administrative texts
    /// (general knowledge of Vietnamese, not taken from any test page).
    static let frequentSyllables: Set<String> = Set("""
        của và các có được trong là cho người những với không này đã một theo về để tại từ ngày tháng năm \
        thông tin đồng chí ban hành quyết định chỉ đạo thực hiện cơ quan đơn vị tổ chức công tác nhà nước \
        xã hội nhân dân thành phố tỉnh huyện quận phường trung ương đảng bộ ủy viên số hóa tài liệu lưu \
        trữ hồ sơ kế hoạch báo cáo kết quả nội vụ văn bản phòng kiểm tra quy chế bảo đảm quản lý trách \
        nhiệm cán công chức giám đốc sở phó trưởng thường trực bí thư hội đồng chủ tịch việc làm nghị \
        quyết thông báo hướng dẫn yêu cầu đề nghị căn cứ điều khoản mục tiêu nội dung phát triển kinh tế \
        dự toán ngân sách hoạt động triển khai tiến độ giai đoạn sau trước trên dưới ra vào lại còn cũng \
        như đến khi nếu thì mà đó nào nhiều hơn rất đều cả chung riêng mới cũ lớn nhỏ cao thấp tốt hai ba \
        bốn năm sáu bảy tám chín mười trăm nghìn triệu đúng sai rõ kịp thời gian địa điểm phối hợp liên \
        quan đối với tình hình vấn đề nhằm giữa
        """.split(whereSeparator: \.isWhitespace).compactMap { VietnameseSyllable(String($0))?.key })

    /// `spelling` in the case pattern of `original`: ALL CAPS, Capitalised or lower case.
    /// `word` (letters only) with its tone mark on the vowel that carries it, case kept; as it is
    /// when already there in either convention, or when it is no syllable.
    static func withToneRightlyPlaced(_ word: String) -> String {
        let lower = word.lowercased().precomposedStringWithCanonicalMapping
        guard let syllable = VietnameseSyllable(lower), !syllable.isPlacedRightly(in: lower) else { return word }
        return applyCase(of: word, to: syllable.spelling)
    }

    static func applyCase(of original: String, to spelling: String) -> String {
        if original.count > 1 && original == original.uppercased() { return spelling.uppercased() }
        if let first = original.first, first.isUppercase, let head = spelling.first {
            return String(head).uppercased() + spelling.dropFirst()
        }
        return spelling
    }
}
