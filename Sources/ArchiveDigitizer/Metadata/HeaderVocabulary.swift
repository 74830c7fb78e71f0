import Foundation

/// The words and phrases of headers and signature blocks, for putting back what OCR dropped.
///
/// Header lines use a small vocabulary (`ĐẢNG BỘ`, `ỦY BAN NHÂN DÂN`, `PHÓ CHỦ TỊCH`), so a
/// line whose letters match a known phrase with only its diacritics wrong (`PHO BI THƯ`,
/// `TM. UY BAN NHAN DÂN`) can be restored with confidence. Words are only restored when the
/// letters of a whole known phrase match, so place names that share letters with header words
/// (`HOÀN KIẾM`, not `KIỂM`) are left as read.
enum HeaderVocabulary {
    /// Words of the bodies named in headers (upper case).
    static let issuerWords: [String] = """
        ĐẢNG BỘ CỘNG SẢN VIỆT NAM HÒA XÃ HỘI CHỦ NGHĨA ĐỘC LẬP TỰ DO HẠNH PHÚC THÀNH PHỐ HÀ NỘI ỦY BAN NHÂN
        DÂN ĐỒNG TỈNH QUẬN HUYỆN PHƯỜNG THỊ TRẤN KHU ĐẶC TRUNG ƯƠNG CHẤP HÀNH THƯỜNG VỤ CHÍNH TRỊ SỞ CỤC
        VĂN PHÒNG TỔ CHỨC TUYÊN GIÁO VẬN KIỂM KHỐI CÁC CƠ QUAN DOANH NGHIỆP TRỰC THUỘC TÀI NGUYÊN MÔI TRƯỜNG
        LƯU TRỮ NHÀ NƯỚC VÀ CÔNG AN QUÂN SỰ DỤC ĐÀO TẠO Y TẾ XÂY DỰNG GIAO THÔNG TẢI KẾ HOẠCH ĐẦU TƯ LAO
        ĐỘNG BINH THANH TRA NỘI VỤ
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Positions and bodies of signature blocks (upper case), after the authority prefix.
    static let signaturePhrases: [String] = [
        "BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "TỔNG BÍ THƯ", "THƯỜNG TRỰC", "ỦY VIÊN",
        "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN",
        "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "BỘ TRƯỞNG", "THỨ TRƯỞNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG",
        "VỤ TRƯỞNG", "PHÓ VỤ TRƯỞNG", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "CHỦ NHIỆM", "PHÓ CHỦ NHIỆM",
        "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA",
        "BAN THƯỜNG VỤ", "BAN BÍ THƯ", "BỘ CHÍNH TRỊ", "BAN CHẤP HÀNH", "ĐẢNG ỦY", "ĐẢNG ĐOÀN", "BAN CÁN SỰ ĐẢNG",
        "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "THƯỜNG TRỰC HỘI ĐỒNG NHÂN DÂN", "ỦY BAN KIỂM TRA",
    ]

    /// Common family, middle and given names: they help cut merged names (`NguyễnVăn`).
    static let nameSyllables: [String] = """
        NGUYỄN TRẦN LÊ PHẠM HOÀNG HUỲNH PHAN VŨ VÕ ĐẶNG BÙI ĐỖ HỒ NGÔ DƯƠNG LÝ VĂN THỊ ĐỨC HỮU QUANG MINH
        ANH THU HƯƠNG TUẤN DŨNG HÙNG HẠNH LAN NGỌC THANH HẢI
        """.split(whereSeparator: \.isWhitespace).map(String.init)

    /// Every known syllable, for the splitter of merged words.
    static let syllables: Set<String> = Set(issuerWords + nameSyllables + signaturePhrases.flatMap { $0.split(separator: " ").map(String.init) })

    /// Phrases of issuer lines: runs of words that are restored together (`ĐẲNG BỘ` → `ĐẢNG BỘ`).
    ///
    /// Whole phrases, not single words: a single word would also catch place names (`HOÀN KIẾM`
    /// is not `KIỂM`), while a phrase's letters rarely spell anything else.
    static let issuerPhrases: [String] = [
        "ĐẢNG BỘ", "ĐẢNG ỦY", "ĐẢNG ỦY KHỐI", "BAN CHẤP HÀNH TRUNG ƯƠNG", "BAN THƯỜNG VỤ", "THÀNH ỦY", "TỈNH ỦY",
        "QUẬN ỦY", "HUYỆN ỦY", "THỊ ỦY", "ĐẢNG ỦY", "BAN TỔ CHỨC", "BAN TUYÊN GIÁO", "BAN DÂN VẬN", "BAN NỘI CHÍNH",
        "ỦY BAN KIỂM TRA", "ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND", "THÀNH PHỐ", "HÀ NỘI", "TRUNG ƯƠNG",
        "VĂN PHÒNG", "SỞ NỘI VỤ", "BỘ NỘI VỤ", "NỘI VỤ", "TÀI CHÍNH", "CỤC VĂN THƯ VÀ LƯU TRỮ", "NHÀ NƯỚC",
        "KHỐI CÁC CƠ QUAN", "DOANH NGHIỆP", "CỘNG SẢN", "VIỆT NAM",
    ]

    /// An upper-case issuer line with the diacritics of known phrases restored; other words as read.
    /// A whole line one letter away from a known body of three words or more is that body
    /// (`BAN CHẤP HÀNH TRUNG ƯƠN`, its last letter glued to the motto beside it).
    static func restoredIssuerLine(_ line: String) -> String {
        if let body = phrase(oneLetterFrom: line, among: wholeBodies) { return body }
        let words = line.split(separator: " ").map(String.init)
        var result: [String] = []
        var index = 0
        while index < words.count {
            var matched = false
            for (length, phrases) in issuerPhrasesByLength where index + length <= words.count {
                let skeleton = VietnameseText.skeleton(words[index..<(index + length)].joined())
                if let phrase = phrases[skeleton] {
                    result += phrase.split(separator: " ").map(String.init)
                    index += length
                    matched = true
                    break
                }
            }
            if !matched {
                result.append(words[index])
                index += 1
            }
        }
        return result.joined(separator: " ")
    }

    /// A signature line with its diacritics restored when its letters spell a known position or body
    /// (`PHO BI THƯ` → `PHÓ BÍ THƯ`, `TM. UY BAN NHAN DÂN` → `TM. ỦY BAN NHÂN DÂN`), or are one letter
    /// from one of 10 letters or more (`CHÀ ANH VĂN PHONG` → `CHÁNH VĂN PHÒNG`); otherwise as read.
    static func restoredSignatureLine(_ line: String) -> String {
        var words = line.split(separator: " ").map(String.init)
        var prefix = ""
        if let first = words.first, SignatureReader.isAuthorityLine(first) {
            prefix = first + " "
            words.removeFirst()
        }
        let rest = words.joined(separator: " ")
        guard let phrase = signaturePhrasesBySkeleton[VietnameseText.skeleton(rest)] ?? phrase(oneLetterFrom: rest, among: longSignaturePhrases)
        else { return line }
        return prefix + phrase
    }

    /// The phrase of `phrases` whose letters are one edit (a letter lost, added or misread) from
    /// `line`'s, when the line spells none of them exactly; nil otherwise. The lists hold only
    /// phrases long enough that no two of them are within two edits of each other.
    private static func phrase(oneLetterFrom line: String, among phrases: [(phrase: String, skeleton: [Character])]) -> String? {
        let skeleton = Array(VietnameseText.skeleton(line))
        let distances = phrases.map { (phrase: $0.phrase, distance: VietnameseText.editDistance(skeleton, $0.skeleton)) }
        guard !distances.contains(where: { $0.distance == 0 }) else { return nil }
        let near = distances.filter { $0.distance == 1 }
        return near.count == 1 ? near[0].phrase : nil
    }

    /// Signature positions and bodies of 10 letters or more, by their skeletons.
    private static let longSignaturePhrases: [(phrase: String, skeleton: [Character])] = Set(signaturePhrases).sorted()
        .map { ($0, Array(VietnameseText.skeleton($0))) }.filter { $0.1.count >= 10 }

    /// Known bodies of three words or more and 12 letters or more, by their skeletons: long enough
    /// that one letter off spells no other body (`SỞ NỘI VỤ` and `BỘ NỘI VỤ`, shorter, are one letter apart).
    private static let wholeBodies: [(phrase: String, skeleton: [Character])] = Set(issuerPhrases)
        .filter { $0.split(separator: " ").count >= 3 && VietnameseText.skeleton($0).count >= 12 }.sorted()
        .map { ($0, Array(VietnameseText.skeleton($0))) }

    /// Word count → (skeleton → phrase), longest phrases first.
    private static let issuerPhrasesByLength: [(Int, [String: String])] = {
        let byLength = Dictionary(grouping: Set(issuerPhrases), by: { $0.split(separator: " ").count })
        return byLength.map { length, phrases in
            (length, Dictionary(grouping: phrases, by: { VietnameseText.skeleton($0) }).compactMapValues { $0.count == 1 ? $0[0] : nil })
        }.sorted { $0.0 > $1.0 }
    }()
    private static let signaturePhrasesBySkeleton: [String: String] = {
        let grouped = Dictionary(grouping: signaturePhrases, by: { VietnameseText.skeleton($0) })
        return grouped.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }()
}
