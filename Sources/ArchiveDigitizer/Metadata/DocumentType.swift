import Foundation

/// A kind of document (thể loại văn bản) as HD 36-HD/VPTW and NĐ 30/2020 name and abbreviate it.
struct DocumentType: Sendable, Equatable {
    /// Proper-case Vietnamese name as the catalogue records it (`Quyết định`).
    var name: String
    /// Abbreviations used in the symbol (ký hiệu), Party first (`QĐi` and NĐ 30's `QyĐ` for Quy định).
    var abbreviations: [String]

    /// The type line as printed, upper case (`QUYẾT ĐỊNH`).
    var typeLine: String { name.uppercased() }

    /// Công văn: the only type without a type line; its excerpt follows `V/v` under the number.
    static let officialLetter = DocumentType(name: "Công văn", abbreviations: ["CV"])

    /// The types the extractor knows: every type HD 36-HD/VPTW and NĐ 30/2020 list.
    static let all: [DocumentType] = [
        DocumentType(name: "Nghị quyết", abbreviations: ["NQ"]),
        DocumentType(name: "Quyết định", abbreviations: ["QĐ"]),
        DocumentType(name: "Chỉ thị", abbreviations: ["CT"]),
        DocumentType(name: "Kết luận", abbreviations: ["KL"]),
        DocumentType(name: "Quy định", abbreviations: ["QĐi", "QyĐ"]),
        DocumentType(name: "Quy chế", abbreviations: ["QC"]),
        DocumentType(name: "Hướng dẫn", abbreviations: ["HD"]),
        DocumentType(name: "Thông báo", abbreviations: ["TB"]),
        DocumentType(name: "Báo cáo", abbreviations: ["BC"]),
        DocumentType(name: "Kế hoạch", abbreviations: ["KH"]),
        DocumentType(name: "Chương trình", abbreviations: ["CTr"]),
        DocumentType(name: "Tờ trình", abbreviations: ["TTr"]),
        officialLetter,
        DocumentType(name: "Thông tri", abbreviations: ["TT"]),
        DocumentType(name: "Đề án", abbreviations: ["ĐA"]),
        DocumentType(name: "Phương án", abbreviations: ["PA"]),
        DocumentType(name: "Biên bản", abbreviations: ["BB"]),
        DocumentType(name: "Công điện", abbreviations: ["CĐ"]),
        DocumentType(name: "Giấy mời", abbreviations: ["GM"]),
        DocumentType(name: "Thông cáo", abbreviations: ["TC"]),
        // The rest of NĐ 30/2020, Phụ lục III (HD 36 adds Giấy giới thiệu, Giấy mời among them).
        DocumentType(name: "Dự án", abbreviations: ["DA"]),
        DocumentType(name: "Hợp đồng", abbreviations: ["HĐ"]),
        DocumentType(name: "Bản ghi nhớ", abbreviations: ["GN"]),
        DocumentType(name: "Bản thỏa thuận", abbreviations: ["TTh"]),
        DocumentType(name: "Giấy ủy quyền", abbreviations: ["GUQ"]),
        DocumentType(name: "Giấy giới thiệu", abbreviations: ["GGT"]),
        DocumentType(name: "Giấy nghỉ phép", abbreviations: ["NP"]),
        DocumentType(name: "Phiếu gửi", abbreviations: ["PG"]),
        DocumentType(name: "Phiếu chuyển", abbreviations: ["PC"]),
        DocumentType(name: "Phiếu báo", abbreviations: ["PB"]),
    ]

    /// The type whose type line the text reads as, with how closely it matched (0…1).
    ///
    /// Compares letter skeletons (no diacritics, no spaces, no punctuation), so `QUYÉT ÐỊNH:`
    /// and `QUYETDINH` both read as Quyết định; `QUY ĐỊNH` stays Quy định because it is closer.
    static func matchingTypeLine(_ text: String) -> (type: DocumentType, similarity: Double)? {
        let skeleton = VietnameseText.skeleton(text)
        guard skeleton.count >= 4, skeleton.count <= 16 else { return nil }
        var best: (DocumentType, Double)?
        for type in all where type != officialLetter {
            let score = VietnameseText.similarity(skeleton, VietnameseText.skeleton(type.typeLine))
            if score > (best?.1 ?? 0) { best = (type, score) }
        }
        guard let best, best.1 >= 0.75 else { return nil }
        // Keep the diacritics' vote: an exact match with diacritics beats a folded one.
        let exact = VietnameseText.normalized(text).uppercased().filter(\.isLetter) == best.0.typeLine.filter(\.isLetter)
        return (best.0, exact ? best.1 : best.1 * 0.95)
    }

    /// The type an abbreviation in a symbol stands for (`QĐ` → Quyết định, `QD` too).
    static func forAbbreviation(_ abbreviation: String) -> DocumentType? {
        if let exact = all.first(where: { $0.abbreviations.contains(abbreviation) }) { return exact }
        let folded = VietnameseText.folded(abbreviation)
        return all.first { $0.abbreviations.contains { VietnameseText.folded($0) == folded } }
    }

    /// The canonical spelling of a known abbreviation read without its `Đ` or casing (`QD` → `QĐ`, `QDI` → `QĐi`).
    static func canonicalAbbreviation(_ abbreviation: String) -> String? {
        let known = all.flatMap(\.abbreviations) + issuerAbbreviations
        if known.contains(abbreviation) { return abbreviation }
        // Only repair what lost its marks: `HĐ` (hợp đồng) must not turn into `HD` (hướng dẫn).
        guard abbreviation.allSatisfy({ $0.isASCII }) else { return nil }
        let folded = VietnameseText.folded(abbreviation)
        let matches = known.filter { VietnameseText.folded($0) == folded }
        return matches.count == 1 ? matches[0] : nil
    }

    /// Common issuer abbreviations of symbols, among them those with a `Đ` that OCR reads as `D`.
    static let issuerAbbreviations = ["UBND", "HĐND", "TU", "TW", "QU", "HU", "ĐU", "ĐUK", "ĐTN", "BCĐ", "VPTW", "VPTU",
                                      "VPĐU", "ĐĐBQH", "CP", "TTg"]
}
