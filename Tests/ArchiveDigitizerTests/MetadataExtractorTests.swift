import XCTest
@testable import ArchiveDigitizer

/// Metadata extraction on hand-built word layouts: the two standards' headers and signature
/// blocks, clean and with the noise Tesseract adds.
final class MetadataExtractorTests: XCTestCase {
    private let extractor = MetadataExtractor()

    private func extract(_ pages: [MetadataTestPage]) -> DocumentMetadata {
        extractor.extract(from: pages.enumerated().map { $1.assembled(pageNumber: $0 + 1) })
    }

    private static let partySignature = (authority: ["T/M BAN THƯỜNG VỤ"], position: "PHÓ BÍ THƯ THƯỜNG TRỰC", signer: "Nguyễn Văn Phong")

    func testPartyDecisionHeaderAndSignature() {
        let metadata = extract([.partyFirstPage(), .continuationPage(number: 2, signature: Self.partySignature)])
        XCTAssertEqual(metadata.system, "party")
        XCTAssertEqual(metadata.issuerUpper, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI")
        XCTAssertEqual(metadata.issuer, "THÀNH ỦY")
        XCTAssertEqual(metadata.docType, "Quyết định")
        XCTAssertEqual(metadata.number, "8229")
        XCTAssertEqual(metadata.symbol, "QĐ/TU")
        XCTAssertEqual(metadata.date, "2025-02-18")
        XCTAssertEqual(metadata.place, "Hà Nội")
        XCTAssertEqual(metadata.excerpt, "về việc thành lập Ban Chỉ đạo 204")
        XCTAssertEqual(metadata.authority, "T/M BAN THƯỜNG VỤ")
        XCTAssertEqual(metadata.signerPosition, "PHÓ BÍ THƯ THƯỜNG TRỰC")
        XCTAssertEqual(metadata.signer, "Nguyễn Văn Phong")
        XCTAssertEqual(metadata.security, "")
        XCTAssertEqual(metadata.urgency, "")
        XCTAssertEqual(metadata.title, "Quyết định về việc thành lập Ban Chỉ đạo 204")
        for key in ["system", "issuer", "doc_type", "number", "symbol", "date", "place", "excerpt", "signer", "signer_position", "authority"] {
            let confidence = try? XCTUnwrap(metadata.confidence[key], key)
            XCTAssertGreaterThan(confidence ?? 0, 0.8, key)
        }
        XCTAssertNil(metadata.confidence["security"], "no confidence for what was not found")
    }

    func testStateIssuerOverTwoLinesIsOneIssuer() {
        let metadata = extract([.stateFirstPage(), .continuationPage(number: 2, signature: (["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"], "PHÓ CHỦ TỊCH", "Vũ Thu Hà"))])
        XCTAssertEqual(metadata.system, "state")
        XCTAssertEqual(metadata.issuerUpper, "")
        XCTAssertEqual(metadata.issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")
        XCTAssertEqual(metadata.number, "1234")
        XCTAssertEqual(metadata.symbol, "QĐ-UBND")
        XCTAssertEqual(metadata.date, "2025-03-05")
        XCTAssertEqual(metadata.docType, "Quyết định")
        XCTAssertEqual(metadata.excerpt, "Về việc phê duyệt Đề án số hóa tài liệu lưu trữ")
        XCTAssertEqual(metadata.authority, "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
        XCTAssertEqual(metadata.signerPosition, "PHÓ CHỦ TỊCH")
        XCTAssertEqual(metadata.signer, "Vũ Thu Hà")
    }

    /// Tesseract reads "NỘI" and the motto's "CỘNG" as one word ("NỘICỘNG", split back into "NỘI CỘNG"
    /// by the syllable repair) on one line with the motto: the motto is still cut off the issuer.
    func testMottoGluedToTheIssuersLastWordIsCutOff() throws {
        var page = MetadataTestPage.stateFirstPage(left: ["UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"], number: "Số: 112/BC-SNV",
                                                   typeLine: "BÁO CÁO", excerpt: ["Kết quả số hóa tài liệu lưu trữ quý I năm 2025"])
        page.mergesColumns = true
        var assembled = page.assembled(pageNumber: 1)
        var words = assembled.pdf.words
        let noi = try XCTUnwrap(words.firstIndex { $0.text == "NỘI" })
        let cong = try XCTUnwrap(words.firstIndex { $0.text == "CỘNG" })
        XCTAssertEqual(words[noi].line, words[cong].line, "the test page reads both columns as one line")
        words[noi].text = "NỘI CỘNG"
        words[noi].box.right = words[cong].box.right
        words.remove(at: cong)
        assembled.pdf.words = words
        let metadata = extractor.extract(from: [assembled])
        XCTAssertEqual(metadata.issuerUpper, "UBND THÀNH PHỐ HÀ NỘI")
        XCTAssertEqual(metadata.issuer, "SỞ NỘI VỤ")
    }

    func testStateSuperiorBodyAndWrappedIssuer() {
        let department = extract([.stateFirstPage(left: ["UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"], number: "Số: 112/BC-SNV", typeLine: "BÁO CÁO",
                                                  excerpt: ["Kết quả số hóa tài liệu lưu trữ quý I năm 2025"])])
        XCTAssertEqual(department.issuerUpper, "UBND THÀNH PHỐ HÀ NỘI")
        XCTAssertEqual(department.issuer, "SỞ NỘI VỤ")
        XCTAssertEqual(department.docType, "Báo cáo")

        let agency = extract([.stateFirstPage(left: ["BỘ NỘI VỤ", "CỤC VĂN THƯ VÀ LƯU TRỮ", "NHÀ NƯỚC"], number: "Số: 9052/NQ-VTLTNN")])
        XCTAssertEqual(agency.issuerUpper, "BỘ NỘI VỤ")
        XCTAssertEqual(agency.issuer, "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC")

        let province = extract([.stateFirstPage(left: ["UBND", "TỈNH BẮC NINH", "SỞ NỘI VỤ"], number: "Số: 1005/CĐ-SNV", typeLine: "CÔNG ĐIỆN")])
        XCTAssertEqual(province.issuerUpper, "UBND TỈNH BẮC NINH", "a body and its place on two lines, then the issuer")
        XCTAssertEqual(province.issuer, "SỞ NỘI VỤ")
        let wrapped = extract([.stateFirstPage(left: ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ", "HÀ NỘI"], number: "Số: 1234/QĐ-UBND")])
        XCTAssertEqual(wrapped.issuerUpper, "", "a place wrapped over a third line is still the one issuer")
        XCTAssertEqual(wrapped.issuer, "ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI")

        let ministry = extract([.stateFirstPage(left: ["BỘ NỘI VỤ"], number: "Số: 4891/TTr-BNV", typeLine: "TỜ TRÌNH")])
        XCTAssertEqual(ministry.issuerUpper, "")
        XCTAssertEqual(ministry.issuer, "BỘ NỘI VỤ")
        XCTAssertEqual(ministry.docType, "Tờ trình")
    }

    func testPartyHeaderOfOneLineIsTheIssuer() {
        let metadata = extract([.partyFirstPage(upper: nil, issuer: "BAN CHẤP HÀNH TRUNG ƯƠNG", number: "Số 469-CTr/TW", typeLine: "CHƯƠNG TRÌNH",
                                                excerpt: ["công tác kiện toàn Ban Chỉ đạo"])])
        XCTAssertEqual(metadata.issuerUpper, "")
        XCTAssertEqual(metadata.issuer, "BAN CHẤP HÀNH TRUNG ƯƠNG")
        XCTAssertEqual(metadata.docType, "Chương trình")
        XCTAssertEqual(metadata.symbol, "CTr/TW")
    }

    func testNoisyOCRStillGivesTheFields() {
        // Đ read as Ð or lost, merged words, both header columns read as one Tesseract line.
        var first = MetadataTestPage.partyFirstPage(upper: "ĐẢNG BỘ THÀNH PHỐ HÀNỘI", number: "Số 8229 - QĐ/TU",
                                                    date: "Hà Nội, ngay 18 thang 02 nam 2025", typeLine: "QUYÉT ĐỊNH:")
        first.mergesColumns = true
        first.noise = { $0.replacingOccurrences(of: "Đ", with: "Ð") }
        var last = MetadataTestPage.continuationPage(number: 2, signature: (["T/M BAN THƯỜNG VỤ"], "PHO BI THƯ", "NguyễnVăn Phong"))
        last.mergesColumns = true
        let metadata = extract([first, last])
        XCTAssertEqual(metadata.system, "party")
        XCTAssertEqual(metadata.issuerUpper, "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI")
        XCTAssertEqual(metadata.issuer, "THÀNH ỦY")
        XCTAssertEqual(metadata.number, "8229")
        XCTAssertEqual(metadata.symbol, "QĐ/TU")
        XCTAssertEqual(metadata.date, "2025-02-18")
        XCTAssertEqual(metadata.docType, "Quyết định")
        XCTAssertEqual(metadata.excerpt, "về việc thành lập Ban Chỉ đạo 204")
        XCTAssertEqual(metadata.signerPosition, "PHÓ BÍ THƯ")
        XCTAssertEqual(metadata.signer, "Nguyễn Văn Phong")
        XCTAssertLessThan(metadata.confidence["date"] ?? 1, 1)
    }

    func testLowConfidenceWordsLowerTheFieldConfidence() {
        var page = MetadataTestPage.stateFirstPage()
        for index in page.lines.indices where page.lines[index].text.hasPrefix("Số") { page.lines[index].confidence = 40 }
        let metadata = extract([page])
        XCTAssertEqual(metadata.number, "1234")
        XCTAssertLessThan(metadata.confidence["number"] ?? 1, 0.5)
        XCTAssertGreaterThan(metadata.confidence["date"] ?? 0, 0.9)
    }

    func testPartyOfficialLetterHasItsExcerptAfterVv() {
        let metadata = extract([.partyFirstPage(number: "Số 1187-CV/TU", date: "Hà Nội, ngày 24 tháng 3 năm 2025", typeLine: nil,
                                                excerpt: ["V4 triển khai số hóa tài liệu", "lưu trữ tại các xã, phường"], marks: ["KHẨN"])])
        XCTAssertEqual(metadata.docType, "Công văn")
        XCTAssertEqual(metadata.excerpt, "triển khai số hóa tài liệu lưu trữ tại các xã, phường")
        XCTAssertEqual(metadata.urgency, "KHẨN")
        XCTAssertEqual(metadata.symbol, "CV/TU")
        XCTAssertEqual(metadata.title, "Công văn về việc triển khai số hóa tài liệu lưu trữ tại các xã, phường")
    }

    func testStateOfficialLetterIsKnownByItsSymbol() {
        let metadata = extract([.stateFirstPage(number: "Số: 1502/UBND-NC", date: "Hà Nội, ngày 14 tháng 4 năm 2025", typeLine: nil,
                                                excerpt: ["V/v tăng cường bảo mật trong", "số hóa tài liệu lưu trữ."])])
        XCTAssertEqual(metadata.docType, "Công văn")
        XCTAssertEqual(metadata.symbol, "UBND-NC")
        XCTAssertEqual(metadata.excerpt, "tăng cường bảo mật trong số hóa tài liệu lưu trữ")
        XCTAssertEqual(metadata.security, "", "“bảo mật” in the excerpt is no security mark")
    }

    func testSecurityAndUrgencyMarks() {
        let metadata = extract([.partyFirstPage(typeLine: "THÔNG BÁO", excerpt: ["kết luận của Thường trực Thành ủy"], marks: ["TUYỆT MẬT", "THƯỢNG RHẨN"])])
        XCTAssertEqual(metadata.security, "TUYỆT MẬT")
        XCTAssertEqual(metadata.urgency, "THƯỢNG KHẨN")
        XCTAssertEqual(metadata.docType, "Thông báo")
        XCTAssertLessThan(metadata.confidence["urgency"] ?? 1, metadata.confidence["security"] ?? 0, "the repaired mark is less sure")
    }

    /// A stamped mark read as two pieces side by side ("TỔI" | "MẬT", the second a little lower)
    /// is one mark, not the shorter "MẬT"; a long mark of which only its first word was read is still that mark.
    func testMarksReadInPiecesOrByTheirFirstWord() throws {
        var page = MetadataTestPage.partyFirstPage(typeLine: "THÔNG BÁO", excerpt: ["kết luận của Thường trực Thành ủy"], marks: ["TỐI MẬT", "HỎA"])
        let whole = try XCTUnwrap(page.lines.firstIndex { $0.text == "TỐI MẬT" })
        let baseline = page.lines[whole].baseline
        page.lines.remove(at: whole)
        page.add("TỔI", left: 52, baseline: baseline, size: 15)
        page.add("MẬT", left: 64, baseline: baseline + 1, size: 15)
        let metadata = extract([page])
        XCTAssertEqual(metadata.security, "TỐI MẬT")
        XCTAssertEqual(metadata.urgency, "HỎA TỐC")
        XCTAssertEqual(metadata.docType, "Thông báo")
        XCTAssertEqual(MarkReader.mark(in: "HÓA")?.text, "HỎA TỐC")
        XCTAssertNil(MarkReader.mark(in: "TUYẾN"), "not one letter from TUYỆT")
    }

    func testSignerWithoutAuthorityLine() {
        var page = MetadataTestPage.stateFirstPage(left: ["UBND THÀNH PHỐ HÀ NỘI", "SỞ NỘI VỤ"], number: "Số: 7/KL-SNV", typeLine: "KẾT LUẬN")
        page.addSignature(([], "GIÁM ĐỐC", "Hoàng Anh Dũng"), recipients: ["- Như trên;", "- Lưu: VT."], at: 200)
        let metadata = extract([page])
        XCTAssertEqual(metadata.authority, "")
        XCTAssertEqual(metadata.signerPosition, "GIÁM ĐỐC")
        XCTAssertEqual(metadata.signer, "Hoàng Anh Dũng")
    }

    func testSignerNameInCapitals() {
        let metadata = extract([.partyFirstPage(), .continuationPage(number: 2, signature: (["T/M BAN THƯỜNG VỤ"], "BÍ THƯ", "ĐỖ MINH TUẤN"))])
        XCTAssertEqual(metadata.signerPosition, "BÍ THƯ")
        XCTAssertEqual(metadata.signer, "ĐỖ MINH TUẤN")
        XCTAssertLessThan(metadata.confidence["signer"] ?? 1, 0.9, "less sure than a name in title case")
    }

    func testAnIssuerGluedToTheMottoBesideItIsCutAtTheJoin() {
        // A tight Party header read as one line, `ƯƠNG ĐẢNG` glued into "ƯƠN®ẢNG" (seen on fresh documents).
        var page = MetadataTestPage.partyFirstPage(upper: nil, issuer: "BAN CHẤP HÀNH TRUNG ƯƠNG", number: "Số 591-QĐi/TW")
        page.lines.removeAll { $0.text == "BAN CHẤP HÀNH TRUNG ƯƠNG" || $0.text == "ĐẢNG CỘNG SẢN VIỆT NAM" }
        page.lines.insert(MetadataTestPage.Line(text: "BAN CHẤP HÀNH TRUNG ƯƠN®ẢNG CỘNG SẢN VIỆT NAM", x: 30, isLeftAligned: true, baseline: 45), at: 0)
        let metadata = extract([page])
        XCTAssertEqual(metadata.issuer, "BAN CHẤP HÀNH TRUNG ƯƠNG")
        XCTAssertEqual(metadata.system, "party")
        XCTAssertEqual([metadata.number, metadata.symbol], ["591", "QĐi/TW"])
    }

    func testMissingFieldsStayEmpty() {
        // An undated draft without a type line, number or signature.
        var page = MetadataTestPage()
        page.add("ỦY BAN NHÂN DÂN", centre: 64, baseline: 45, size: 13)
        page.add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centre: 148, baseline: 45, size: 12)
        page.add("Hà Nội, ngày      tháng      năm 2025", centre: 148, baseline: 60, size: 13)
        page.addBody(10, from: 90)
        let metadata = extract([page])
        XCTAssertEqual(metadata.system, "state")
        XCTAssertEqual(metadata.date, "")
        XCTAssertEqual(metadata.number, "")
        XCTAssertEqual(metadata.symbol, "")
        XCTAssertEqual(metadata.docType, "")
        XCTAssertEqual(metadata.signer, "")
        XCTAssertNil(metadata.confidence["date"])
        XCTAssertEqual(extractor.extract(from: []), DocumentMetadata())
    }

    func testMetadataJSONUsesTheCatalogueKeys() throws {
        let metadata = extract([.partyFirstPage()])
        let json = try XCTUnwrap(String(data: JSONEncoder().encode(metadata), encoding: .utf8))
        for key in ["\"issuer_upper\"", "\"doc_type\"", "\"signer_position\"", "\"confidence\"", "\"language\":\"vi\""] {
            XCTAssertTrue(json.contains(key), key)
        }
        XCTAssertEqual(try JSONDecoder().decode(DocumentMetadata.self, from: Data(json.utf8)), metadata)
    }
}
