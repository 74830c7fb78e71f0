import Foundation

/// What the catalogue records about one document (văn bản), with TT02 and HD 36 in mind.
///
/// A field that could not be found stays empty; it is never invented. `confidence` says, per
/// field (by JSON name), how far to trust what was found, so doubtful values can be reviewed.
public struct DocumentMetadata: Sendable, Codable, Equatable {
    /// `party` (HD 36-HD/VPTW layout) or `state` (NĐ 30/2020 layout).
    public var system: String = ""
    /// The superior body printed above the issuer (`ĐẢNG BỘ THÀNH PHỐ HÀ NỘI`, `UBND THÀNH PHỐ HÀ NỘI`);
    /// empty when the left header names only the issuer, even over two lines (`ỦY BAN NHÂN DÂN` / `THÀNH PHỐ HÀ NỘI`).
    public var issuerUpper: String = ""
    /// The issuing body (OrganName), as printed, upper case.
    public var issuer: String = ""
    /// Document type (TypeName) in proper case: `Quyết định`, `Công văn`, …
    public var docType: String = ""
    /// The number (CodeNumber), digits as printed: `8229`.
    public var number: String = ""
    /// The symbol (CodeNotation): `QĐ/TU` (Party), `QĐ-UBND` (state).
    public var symbol: String = ""
    /// Date of issue (IssuedDate), ISO `YYYY-MM-DD`; only a valid calendar date.
    public var date: String = ""
    /// Place of issue from the date line: `Hà Nội`.
    public var place: String = ""
    /// Excerpt (trích yếu, Subject); for a công văn without its leading `V/v`.
    public var excerpt: String = ""
    /// The signer's name as printed under the signature.
    public var signer: String = ""
    /// The signer's position line(s): `PHÓ BÍ THƯ THƯỜNG TRỰC`.
    public var signerPosition: String = ""
    /// Authority lines above the position (`T/M BAN THƯỜNG VỤ`; `TM. ỦY BAN NHÂN DÂN` and `KT. CHỦ TỊCH`), newline-separated.
    public var authority: String = ""
    /// Security mark: `MẬT`, `TỐI MẬT` or `TUYỆT MẬT`.
    public var security: String = ""
    /// Urgency mark: `KHẨN`, `THƯỢNG KHẨN`, `HỎA TỐC` (or `HỎA TỐC HẸN GIỜ`).
    public var urgency: String = ""
    public var language: String = "vi"
    /// Per-field confidence 0…1, keyed by the JSON field name; only for fields that were found.
    public var confidence: [String: Double] = [:]
    /// The fields a person should check, comma-separated (`number, excerpt`), from the calibrated
    /// thresholds of `FieldReview`; empty when none; nil in records made before it was kept.
    public var review: String?

    public init() {}

    enum CodingKeys: String, CodingKey {
        case system, issuer, number, symbol, date, place, excerpt, signer, authority, security, urgency, language, confidence, review
        case issuerUpper = "issuer_upper"
        case docType = "doc_type"
        case signerPosition = "signer_position"
    }

    /// The document's title as archivists write it: type and excerpt
    /// (`Quyết định về việc thành lập Ban Chỉ đạo 204`, `Công văn về việc triển khai …`).
    ///
    /// The excerpt's capital is dropped after the type (`Báo cáo kết quả …`) unless the excerpt
    /// opens with a proper name (`Ban Chỉ đạo …`, whose second word is capitalised too).
    public var title: String {
        guard !excerpt.isEmpty else { return docType }
        guard !docType.isEmpty else { return excerpt }
        let subject = Self.lowercasingOpening(excerpt)
        if docType == DocumentType.officialLetter.name, !subject.hasPrefix("về ") {
            return "\(docType) về việc \(subject)"
        }
        return "\(docType) \(subject)"
    }

    private static func lowercasingOpening(_ text: String) -> String {
        let words = text.split(separator: " ", maxSplits: 2)
        guard let first = words.first?.first, first.isUppercase else { return text }
        if words.count > 1, let second = words[1].first, second.isUppercase { return text }
        if words[0].dropFirst().contains(where: \.isUppercase) { return text }    // an abbreviation: UBND
        return first.lowercased() + text.dropFirst()
    }
}
