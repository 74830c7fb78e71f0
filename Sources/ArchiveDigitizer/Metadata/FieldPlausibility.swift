import Foundation

/// Whether a field's text could be what the page prints, whatever the OCR confidence says.
///
/// Why: Tesseract is often sure of a misread (`TRUNG ƯƠN®ẢNG`, `PHO BÏÌ THƯ`, `1M. HỘI ĐỒNG`,
/// `V/% kiện toàn`), so the mean word confidence alone lets such fields through review. The
/// standards say what each field is made of: header parts and titles are Vietnamese syllables in
/// capitals (and a few fixed abbreviations), names and places are capitalised syllables, an
/// excerpt is syllables, numbers and abbreviations with ordinary punctuation. A text that breaks
/// its field's rule is marked for review (`FieldReview`) and its confidence halved. The rules say
/// what NĐ 30 and HD 36 allow and have no threshold; they were written after reading the held-out
/// part's errors, so docs/metadata.md reports them on fresh parts drawn afterwards.
enum FieldPlausibility {
    /// The confidence of an implausible field is multiplied by this.
    static let factor = 0.5

    /// Authority and position prefixes with their marks: NĐ 30's `TM.`, `KT.`, `TL.`, `TUQ.` and HD 36's
    /// `T/M`, `K/T`, `T/L`, `T/UQ` (`SignatureReader.prefixForms`), and `Q.` (acting, before a position).
    static let prefixes: Set<String> = Set(SignatureReader.prefixForms.values.flatMap { [$0.party, $0.state] } + ["Q."])

    /// False when `text`, the value of the field `key` (JSON name), cannot be what a page prints.
    static func isPlausible(_ key: String, _ text: String) -> Bool {
        let tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !tokens.isEmpty else { return true }
        switch key {
        case "issuer_upper", "issuer":
            return tokens.allSatisfy(isCapitalHeaderToken) && !isCutShort(tokens) && !hasLostMarks(tokens)
        case "signer_position":
            return tokens.allSatisfy(isCapitalHeaderToken) && !namesABody(text) && endsInATitle(tokens) && !hasLostMarks(tokens)
        case "authority":
            // Every authority line opens with one of the standards' prefixes (`TM` without its
            // mark is OCR having lost the dot or slash).
            let lines = text.split(separator: "\n")
            return tokens.allSatisfy(isCapitalHeaderToken)
                && lines.allSatisfy { line in line.split(separator: " ").first.map { prefixes.contains(String($0)) } ?? true }
                && !lines.contains { isCutShort($0.split(separator: " ").map(String.init)) } && !hasLostMarks(tokens)
        case "signer", "place":
            let isNamed = tokens.allSatisfy { token in
                let word = VietnameseText.trimmingPunctuation(token)
                return word.first?.isUppercase == true && isSyllable(word)
            }
            // A person's name has a given name after family and middle names: one word alone, or
            // one ending in the middle name Văn or Thị ("Quách Văn"), has lost its end.
            guard key == "signer" else { return isNamed }
            let family = VietnameseText.trimmingPunctuation(tokens[0]).precomposedStringWithCanonicalMapping
            return isNamed && tokens.count >= 2 && !["Văn", "Thị"].contains(VietnameseText.trimmingPunctuation(tokens[tokens.count - 1]))
                && familyNames.contains(family)
        case "excerpt":
            return tokens.allSatisfy(isExcerptToken)
        case "symbol":
            // Abbreviations joined by `-` and `/` (`QĐ/TU`, `CTr/BTGTU`, `QĐ-UBND`, `QĐi/QU`): Latin
            // letters, Đ, digits; never a tone mark (`BC-SNì` is `BC-SNV` misread).
            return tokens.count == 1 && text.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) || "Đđ0123456789-/.".contains($0) }
        default:
            return true
        }
    }

    /// Vietnamese family names: a closed set, of which these cover nearly every official. A signer
    /// whose first word is none of them is most often one misread (`Đỉnh` for `Đinh`), and is marked
    /// for a look.
    static let familyNames: Set<String> = Set("""
        Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Đinh Đào Đoàn Trịnh Lương
        Trương Mai Cao Chu Tạ Quách Lã Hà Kiều Lâm Phùng Thái Tô Tôn Triệu Vương Từ Doãn Khổng Kim Lại
        Lưu Mạc Nghiêm Ông Quan Tăng Thân Thạch Tiêu Vi Viên Khúc Khuất Châu Diệp Giang Hàn Hứa La Lò
        Lục Nông Phó Sầm Thiều Trình Văn Yên Âu Bạch Bế Biện Cù Cung Đàm Đậu Đồng Giáp Hầu Hồng Kha
        Khương Lạc Lường Mạch Mã Ninh Nhâm Phí Phương Quang Quản Sái Sơn Tống Trà Ứng Xa An Bành Cấn
        Chế Chử Danh Dư Đường Hạ Hoa Lỗ Lư Mẫn Mông Nhữ Ôn Phi Tào Thi Tiết Trang Uông Vòng Âu Y Lò
        Điểu Đới Giản Hùng Kim Lữ Mục Nhan Quảng Thẩm Thục Trác Tưởng Vưu
        """.split(whereSeparator: \.isWhitespace).map { String($0).precomposedStringWithCanonicalMapping })

    /// How the titles of NĐ 30's and HD 36's signature blocks end (`PHÓ BÍ THƯ THƯỜNG TRỰC`, `KT.
    /// CHỦ TỊCH` → `PHÓ CHỦ TỊCH`, `CHÁNH VĂN PHÒNG`, `TRƯỞNG BAN`, `ỦY VIÊN`); any `… TRƯỞNG` of two
    /// words or more (`BỘ TRƯỞNG`, `CỤC TRƯỞNG`, `VIỆN TRƯỞNG`) is one too.
    static let titleEndings: Set<String> = [
        "BÍ THƯ", "CHỦ TỊCH", "GIÁM ĐỐC", "VĂN PHÒNG", "THƯỜNG TRỰC", "TRƯỞNG BAN", "CHỦ NHIỆM", "ỦY VIÊN",
        "UỶ VIÊN", "THƯ KÝ", "TRƯỞNG PHÒNG", "CHÁNH ÁN", "THANH TRA", "TRƯỞNG ĐOÀN", "TIỂU BAN", "BIÊN TẬP",
        "THỦ TƯỚNG", "CHÍNH ỦY", "CHÍNH UỶ", "TRƯỞNG KHOA", "SÁT VIÊN", "TRƯỞNG TRẠM",
    ]

    /// The fixed phrases of header and signature lines: bodies' names and titles.
    private static let fixedPhrases: [[String]] = (bodyPhrases + titleEndings.sorted() + ["THÀNH PHỐ", "TRUNG ƯƠNG", "ĐẢNG BỘ"])
        .map { $0.replacingOccurrences(of: "UỶ", with: "ỦY").split(separator: " ").map(String.init) }

    /// Whether the words hold one of the fixed phrases with its marks lost or changed (`TM. UY BAN
    /// NHAN`, `CHU TỊCH`): the letters are those of `ỦY BAN`, the marks are not, and no header prints
    /// such words. `UỶ` and `ỦY`, the two spellings of the standards, are the same word.
    static func hasLostMarks(_ tokens: [String]) -> Bool {
        let words = tokens.map { VietnameseText.trimmingPunctuation($0).precomposedStringWithCanonicalMapping.replacingOccurrences(of: "UỶ", with: "ỦY") }
        let folded = words.map(VietnameseText.folded)
        return fixedPhrases.contains { phrase in
            guard phrase.count <= words.count else { return false }
            let foldedPhrase = phrase.map(VietnameseText.folded)
            return (0...(words.count - phrase.count)).contains { start in
                Array(folded[start..<start + phrase.count]) == foldedPhrase && Array(words[start..<start + phrase.count]) != phrase
            }
        }
    }

    /// Whether a position line ends as a title does (`PHO THƯ`, `PHÓ CHỦ TICH` do not: a letter's
    /// mark lost in a word that is still a syllable). An unusual title is only marked for a look.
    static func endsInATitle(_ tokens: [String]) -> Bool {
        let words = tokens.filter { !prefixes.contains($0) }
        guard words.count >= 2 else { return false }
        return titleEndings.contains(words.suffix(2).joined(separator: " ")) || words.last == "TRƯỞNG"
    }

    /// Words of a collective body's name, never of a position title (`TRƯỞNG BAN`, `ỦY VIÊN` are titles).
    static let bodyPhrases = ["ỦY BAN", "HỘI ĐỒNG", "ĐẢNG ỦY", "BAN THƯỜNG VỤ", "BAN CHẤP HÀNH", "NHÂN DÂN",
                              "THÀNH ỦY", "QUẬN ỦY", "HUYỆN ỦY", "TỈNH ỦY"]

    /// Whether a signer's position line holds a body's name (`ỦY BAN KIỂM TRA PHÓ CHỦ NHIỆM`): the
    /// authority line above it (`T/M ỦY BAN KIỂM TRA`) was read into it, its prefix lost.
    static func namesABody(_ position: String) -> Bool {
        let text = " " + position.split(whereSeparator: \.isWhitespace).joined(separator: " ") + " "
        return bodyPhrases.contains { text.contains(" \($0) ") }
    }

    /// The administrative units a body's name ends with, before the place's own name (NĐ 30 and
    /// HD 36 name the body with its place: `UBND THÀNH PHỐ HÀ NỘI`, `ĐẢNG BỘ QUẬN ĐỐNG ĐA`).
    static let units: [[String]] = [["TỈNH"], ["THÀNH", "PHỐ"], ["QUẬN"], ["HUYỆN"], ["THỊ", "XÃ"], ["XÃ"], ["PHƯỜNG"], ["THỊ", "TRẤN"]]

    /// A body's name whose end was lost: a unit with no place after it or only one syllable of one
    /// (`ĐẢNG BỘ THÀNH PHỐ`, `ĐẢNG BỘ QUẬN ĐỐNG`: place names of one syllable are rare, and such
    /// a field is only marked for a look; `QUẬN ỦY` is whole), or ending in a letter pair that is no
    /// word (`UBND THÀNH PH`).
    static func isCutShort(_ tokens: [String]) -> Bool {
        let words = tokens.map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",.")) }
        guard let last = words.last else { return false }
        if last.count <= 2, !isSyllable(last), !DocumentType.issuerAbbreviations.contains(last) { return true }
        // After the unit, one word of letters that is not `ỦY` (`QUẬN ỦY`, `TỈNH ỦY`: the unit's
        // Party committee, a whole name).
        let endsInOneSyllable = last.allSatisfy(\.isLetter) && last != "ỦY" && last != "UỶ"
        // A name of two-syllable words that stops after the first syllable of one: `BAN THƯỜNG`
        // (VỤ), `BAN CHẤP` (HÀNH), `… TRUNG` (ƯƠNG), or after `VÀ` (`SỞ KHOA HỌC VÀ CÔNG`: what
        // follows `VÀ` in a body's name is a word of two syllables or more).
        let joined = " " + words.joined(separator: " ")
        let unfinished = bodyPhrases.compactMap { phrase -> String? in
            let parts = phrase.split(separator: " ")
            return parts.count > 2 ? parts.dropLast().joined(separator: " ") : nil
        }
        if unfinished.contains(where: { joined.hasSuffix(" " + $0) }) || (last == "TRUNG" && words.dropLast().last != "MIỀN")
            || (endsInOneSyllable && words.dropLast().last == "VÀ") { return true }
        return units.contains { unit in
            words.suffix(unit.count) == ArraySlice(unit)
                || (endsInOneSyllable && words.dropLast().suffix(unit.count) == ArraySlice(unit))
        }
    }

    /// A syllable in capitals, an abbreviation of capital letters (`UBND`, `HĐND`), or a fixed prefix.
    private static func isCapitalHeaderToken(_ token: String) -> Bool {
        if prefixes.contains(token) { return true }
        let word = token.hasSuffix(",") ? String(token.dropLast()) : token
        guard !word.isEmpty, word == word.uppercased() else { return false }
        return isSyllable(word) || isAbbreviation(word)
    }

    /// A syllable, a number (`2025`, `204`, `36-HD/TW`), an abbreviation, with ordinary punctuation around it.
    private static func isExcerptToken(_ token: String) -> Bool {
        let word = token.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:()\"“”'‘’-–…?!"))
        guard !word.isEmpty else { return token.allSatisfy { "-–,.;:".contains($0) } }
        if isSyllable(word) || isAbbreviation(word) { return true }
        // Numbers and symbols: digits and capitals joined by `/`, `-`, `.` (`2025`, `36-HD/TW`, `I`, `4.0`).
        return word.allSatisfy { $0.isNumber || ($0.isUppercase && $0.isLetter) || "/-.".contains($0) }
            && word.contains { $0.isNumber || $0.isUppercase }
    }

    private static func isSyllable(_ word: String) -> Bool {
        VietnameseWordModel.key(word, lexicon: VietnameseLexicon.shared) != nil
    }

    /// Two to eight capital letters with no tone mark (`UBND`, `HĐND`, `MTTQ`, `VTLTNN`).
    private static func isAbbreviation(_ word: String) -> Bool {
        (2...8).contains(word.count) && word.allSatisfy { ("A"..."Z").contains($0) || $0 == "Đ" }
    }
}
