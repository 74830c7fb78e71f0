import XCTest
@testable import ArchiveDigitizer

/// The small readers behind metadata extraction: number lines, date lines, marks, type lines,
/// merged words. Inputs are what Tesseract produces on real scans, noise included.
final class MetadataParsingTests: XCTestCase {
    func testNumberLineReadsPartyAndStateForms() throws {
        let party = try XCTUnwrap(NumberLine.parse("Số 8229-QĐ/TU"))
        XCTAssertEqual(party.number, "8229")
        XCTAssertEqual(party.symbol, "QĐ/TU")
        XCTAssertEqual(party.typeAbbreviation, "QĐ")
        XCTAssertEqual(party.quality, 1)

        let state = try XCTUnwrap(NumberLine.parse("Số: 1234/QĐ-UBND"))
        XCTAssertEqual(state.number, "1234")
        XCTAssertEqual(state.symbol, "QĐ-UBND")
        XCTAssertEqual(state.typeAbbreviation, "QĐ")

        let letter = try XCTUnwrap(NumberLine.parse("Số: 1502/UBND-NC"))
        XCTAssertEqual(letter.symbol, "UBND-NC")
        XCTAssertNil(letter.typeAbbreviation, "a state công văn's symbol starts with the issuer")
    }

    func testNumberLineToleratesOCRNoise() throws {
        let spaced = try XCTUnwrap(NumberLine.parse("Số 8229 - QÐ/TU"))          // spaces, eth for Đ
        XCTAssertEqual(spaced.number, "8229")
        XCTAssertEqual(spaced.symbol, "QĐ/TU")

        let lost = try XCTUnwrap(NumberLine.parse("S6:1234/QD-UBND."))            // run together, Đ lost, full stop
        XCTAssertEqual(lost.number, "1234")
        XCTAssertEqual(lost.symbol, "QĐ-UBND")
        XCTAssertLessThan(lost.quality, 1, "repairs lower the confidence")

        let regulation = try XCTUnwrap(NumberLine.parse("Số 15-QDi/QU"))
        XCTAssertEqual(regulation.symbol, "QĐi/QU")

        let merged = try XCTUnwrap(NumberLine.parse("Số: 266/QĐ-UBND Hà Nội, ngày 12 tháng 7 năm 2009"))
        XCTAssertEqual(merged.symbol, "QĐ-UBND", "the date line read on the same line is not part of the symbol")
        XCTAssertEqual(merged.consumedTokens, 2)

        XCTAssertEqual(NumberLine.parse("Số: 45/HĐ-UBND")?.symbol, "HĐ-UBND", "a Đ that was read stays")

        let ruled = try XCTUnwrap(NumberLine.parse("- Số 76-CTr/BTGTU"), "a dash from the rule above, read first")
        XCTAssertEqual(ruled.number, "76")
        XCTAssertEqual(ruled.consumedTokens, 3, "the skipped dash counts among the line's tokens")
        let noS = try XCTUnwrap(NumberLine.parse("ố: 9/BC-SNV"), "the S lost, the colon kept")
        XCTAssertEqual(noS.number, "9")
        XCTAssertLessThan(noS.quality, 0.8)
        XCTAssertNil(NumberLine.parse("ố vàng 2 trang"), "without its colon, ố is a word")
        let glued = try XCTUnwrap(NumberLine.parse(".Số: 498/QC-UBND"), "a mark of the rule glued to Số")
        XCTAssertEqual([glued.number, glued.symbol], ["498", "QC-UBND"])
        let section = try XCTUnwrap(NumberLine.parse("` §ố: 857 /VTLTNN-NVTW"), "the S read as §, a stray mark before it")
        XCTAssertEqual([section.number, section.symbol], ["857", "VTLTNN-NVTW"])
        XCTAssertEqual(section.consumedTokens, 4)
        XCTAssertLessThan(section.quality, glued.quality, "the more repaired, the less sure")
        XCTAssertNil(NumberLine.parse("(ố vàng) 2 trang"))
    }

    func testNumberLineRejectsOtherLines() {
        XCTAssertNil(NumberLine.parse("Sở Nội vụ chủ trì, phối hợp"))
        XCTAssertNil(NumberLine.parse("Số liệu thống kê"))
        XCTAssertNil(NumberLine.parse("Số:"))
        XCTAssertNil(NumberLine.parse("THÀNH ỦY"))
    }

    func testDateLineReadsPlaceAndValidDate() throws {
        let line = try XCTUnwrap(DateLine.parse("Hà Nội, ngày 18 tháng 02 năm 2025"))
        XCTAssertEqual(line.place, "Hà Nội")
        XCTAssertEqual(line.date, "2025-02-18")
        XCTAssertEqual(line.quality, 1)

        XCTAssertEqual(DateLine.parse("Hoàn Kiếm, ngày 5 tháng 3 năm 1999")?.date, "1999-03-05")
        XCTAssertEqual(DateLine.parse("* Đống Đa, ngày 01 tháng 01 năm 1997")?.place, "Đống Đa", "the star of the left column is not the place")
    }

    func testDateLineToleratesOCRNoise() throws {
        let folded = try XCTUnwrap(DateLine.parse("Ha Noi, ngay 18 thang 02 nam 2025"))
        XCTAssertEqual(folded.date, "2025-02-18")
        let merged = try XCTUnwrap(DateLine.parse("HàNội, ngày18 tháng 02 năm 2O25"))
        XCTAssertEqual(merged.date, "2025-02-18")
        XCTAssertEqual(merged.place, "Hà Nội", "merged words are split")
        let slip = try XCTUnwrap(DateLine.parse("Quảng Ngãi, ngàv 10 tháng 11 năm 2002"))
        XCTAssertEqual(slip.date, "2002-11-10")
        XCTAssertEqual(slip.place, "Quảng Ngãi", "a place one letter from “ngày” is still the place")
        XCTAssertLessThan(slip.quality, 1)
    }

    func testDateLineNeverInventsADate() {
        XCTAssertNil(DateLine.parse("Hà Nội, ngày 31 tháng 02 năm 2025"), "31 February")
        XCTAssertNil(DateLine.parse("Hà Nội, ngày 12 tháng 13 năm 2025"), "month 13")
        XCTAssertNil(DateLine.parse("Hà Nội, ngày      tháng      năm 2025"), "an undated draft")
        XCTAssertNil(DateLine.parse("Hà Nội, ngày 18 tháng 02 năm 25"), "a two-digit year")
        XCTAssertEqual(DateLine.parse("Hà Nội, ngày 29 tháng 02 năm 2024")?.date, "2024-02-29", "a leap day")
        XCTAssertNil(DateLine.parse("Hà Nội, ngày 29 tháng 02 năm 2025"))
    }

    func testMergedWordsAreSplitIntoSyllables() {
        let splitter = SyllableSplitter()
        XCTAssertEqual(splitter.splitWords(in: "THÀNH PHỐHÀNỘI"), "THÀNH PHỐ HÀ NỘI")
        XCTAssertEqual(splitter.splitWord("TRUNGƯƠNG"), "TRUNG ƯƠNG")
        XCTAssertEqual(splitter.splitWord("NguyễnVăn"), "Nguyễn Văn")
        XCTAssertEqual(splitter.splitWord("Kiếm,"), "Kiếm,")
        for word in ["UBND", "HĐND", "NGHIÊNG", "QUYỀN", "KHUYẾN", "8229-QĐ/TU", "trưởng"] {
            XCTAssertEqual(splitter.splitWord(word), word, "\(word) is one word")
        }
    }

    func testSubjectPrefixIsReadAsOCRMisreadsIt() {
        for prefix in ["V/v", "V/V", "Vv", "W/", "V4", "V/%", "W/%", "V/v:", "V/*", "V%", "W%", "WW%", "V/%v", "V/%w"] {
            XCTAssertTrue(HeaderReader.isSubjectPrefix(prefix), prefix)
        }
        for word in ["Về", "V/1a", "Việc", "VB", "V/a", "W/8", "V", "VII", "VIII", "Vũ"] {
            XCTAssertFalse(HeaderReader.isSubjectPrefix(word), word)
        }
    }

    func testMarksAreReadOnlyAsWholeCapitalLines() {
        XCTAssertEqual(MarkReader.mark(in: "MẬT")?.text, "MẬT")
        XCTAssertEqual(MarkReader.mark(in: "TỐI MẬT")?.text, "TỐI MẬT")
        XCTAssertEqual(MarkReader.mark(in: "| TUYỆT MẬT |")?.text, "TUYỆT MẬT", "frame strokes are ignored")
        XCTAssertEqual(MarkReader.mark(in: "THƯỢNG RHẨN")?.text, "THƯỢNG KHẨN", "one wrong letter")
        XCTAssertEqual(MarkReader.mark(in: "NẬT")?.text, "MẬT")
        XCTAssertEqual(MarkReader.mark(in: "HỎA TỐC")?.kind, .urgency)
        XCTAssertNil(MarkReader.mark(in: "NAM"), "diacritics count: NAM is not MẬT")
        XCTAssertNil(MarkReader.mark(in: "bảo mật"), "a word of an excerpt")
        XCTAssertNil(MarkReader.mark(in: "THÀNH ỦY"))
    }

    func testTypeLinesMatchTheNearestType() {
        XCTAssertEqual(DocumentType.matchingTypeLine("QUYẾT ĐỊNH")?.type.name, "Quyết định")
        XCTAssertEqual(DocumentType.matchingTypeLine("QUY ĐỊNH")?.type.name, "Quy định")
        XCTAssertEqual(DocumentType.matchingTypeLine("QUYÉT ÐỊNH:")?.type.name, "Quyết định")
        XCTAssertEqual(DocumentType.matchingTypeLine("CHUONG TRINH")?.type.name, "Chương trình")
        XCTAssertEqual(DocumentType.matchingTypeLine("TỜ TRÌNH")?.type.name, "Tờ trình")
        XCTAssertNil(DocumentType.matchingTypeLine("BAN THƯỜNG VỤ THÀNH ỦY QUYẾT ĐỊNH"))
        XCTAssertNil(DocumentType.matchingTypeLine("PHỤ LỤC"))
        XCTAssertEqual(DocumentType.forAbbreviation("QyĐ")?.name, "Quy định")
        XCTAssertEqual(DocumentType.forAbbreviation("CTr")?.name, "Chương trình")
        XCTAssertEqual(DocumentType.forAbbreviation("CT")?.name, "Chỉ thị")
    }

    func testSignatureAndIssuerLinesGetTheirDiacriticsBack() {
        XCTAssertEqual(HeaderVocabulary.restoredSignatureLine("PHO BI THƯ"), "PHÓ BÍ THƯ")
        XCTAssertEqual(HeaderVocabulary.restoredSignatureLine("TM. UY BAN NHAN DÂN"), "TM. ỦY BAN NHÂN DÂN")
        XCTAssertEqual(HeaderVocabulary.restoredSignatureLine("GIAM ĐỐC SỞ XÂY DỰNG"), "GIAM ĐỐC SỞ XÂY DỰNG", "unknown lines stay as read")
        XCTAssertEqual(HeaderVocabulary.restoredSignatureLine("CHÀ ANH VĂN PHONG"), "CHÁNH VĂN PHÒNG", "one letter off a long position")
        XCTAssertEqual(HeaderVocabulary.restoredSignatureLine("KT. PHO CHỦ NHITM"), "KT. PHÓ CHỦ NHIỆM")
        XCTAssertEqual(HeaderVocabulary.restoredSignatureLine("BÍ THU"), "BÍ THƯ", "short ones only as spelled")
        XCTAssertEqual(HeaderVocabulary.restoredSignatureLine("CỤC TRƯỞNX"), "CỤC TRƯỞNX", "a short one one letter off stays as read")
        XCTAssertEqual(HeaderVocabulary.restoredIssuerLine("ĐẲNG BỘ THÀNH PHỐ HÀ NỘI"), "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI")
        XCTAssertEqual(HeaderVocabulary.restoredIssuerLine("QUẬN ỦY HOÀN KIẾM"), "QUẬN ỦY HOÀN KIẾM", "place names are not “restored”")
        XCTAssertEqual(HeaderVocabulary.restoredIssuerLine("BAN CHẤP HÀNH TRUNG ƯƠN"), "BAN CHẤP HÀNH TRUNG ƯƠNG", "a whole body one letter off")
        XCTAssertEqual(HeaderVocabulary.restoredIssuerLine("SỞ NỘI VỤ"), "SỞ NỘI VỤ", "not the body one letter away")
        XCTAssertEqual(HeaderVocabulary.restoredIssuerLine("ỦY BAN NHÂN DÂN QUẬN"), "ỦY BAN NHÂN DÂN QUẬN", "a body with more to it stays")
    }

    func testTitleJoinsTypeAndExcerpt() {
        var metadata = DocumentMetadata()
        metadata.docType = "Quyết định"
        metadata.excerpt = "về việc thành lập Ban Chỉ đạo 204"
        XCTAssertEqual(metadata.title, "Quyết định về việc thành lập Ban Chỉ đạo 204")
        metadata.excerpt = "Về việc phê duyệt Đề án"
        XCTAssertEqual(metadata.title, "Quyết định về việc phê duyệt Đề án")
        metadata.docType = "Báo cáo"
        metadata.excerpt = "Kết quả số hóa tài liệu"
        XCTAssertEqual(metadata.title, "Báo cáo kết quả số hóa tài liệu")
        metadata.docType = "Quy chế"
        metadata.excerpt = "Ban Chỉ đạo 204 làm việc"
        XCTAssertEqual(metadata.title, "Quy chế Ban Chỉ đạo 204 làm việc", "a proper name keeps its capital")
        metadata.docType = "Công văn"
        metadata.excerpt = "tăng cường bảo mật"
        XCTAssertEqual(metadata.title, "Công văn về việc tăng cường bảo mật")
        metadata.docType = ""
        XCTAssertEqual(metadata.title, "tăng cường bảo mật")
        XCTAssertEqual(DocumentMetadata().title, "")
    }

    func testImplausibleFieldTextsAreMarkedForReview() {
        let plausible: [(String, String)] = [
            ("issuer", "BAN CHẤP HÀNH TRUNG ƯƠNG"), ("issuer_upper", "UBND THÀNH PHỐ HÀ NỘI"), ("issuer", "CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC"),
            ("authority", "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"), ("authority", "T/M BAN THƯỜNG VỤ"), ("signer_position", "Q. CHỦ TỊCH"),
            ("signer", "Nguyễn Văn Phong"), ("signer", "Hồ Thu"), ("signer", "Đinh Tiến Dũng"), ("authority", "T/M BAN THƯỜNG VỤ"),
            ("issuer", "SỞ GIÁO DỤC VÀ ĐÀO TẠO"), ("issuer", "BAN CHẤP HÀNH TRUNG ƯƠNG"), ("place", "Hà Nội"), ("place", "Hà"),
            ("issuer", "QUẬN ỦY HOÀN KIẾM"), ("issuer", "TỈNH ỦY"), ("issuer_upper", "ĐẢNG BỘ QUẬN ĐỐNG ĐA"), ("issuer", "VĂN PHÒNG TW"),
            ("excerpt", "Về việc thực hiện Chỉ thị số 05-CT/TW, năm 2025 (đợt 2)"), ("excerpt", "chuyển đổi số 4.0 của UBND"),
            ("symbol", "QĐ/TU"), ("symbol", "CTr/BTGTU"), ("symbol", "QĐi/QU"), ("symbol", "QĐ-UBND"),
            ("signer_position", "PHÓ BÍ THƯ THƯỜNG TRỰC"), ("signer_position", "CHÁNH VĂN PHÒNG"), ("signer_position", "BỘ TRƯỞNG"),
            ("signer_position", "UỶ VIÊN"), ("signer_position", "PHÓ TRƯỞNG BAN"), ("issuer", "UỶ BAN NHÂN DÂN TỈNH BẮC NINH"),
        ]
        for (key, text) in plausible { XCTAssertTrue(FieldPlausibility.isPlausible(key, text), "\(key): \(text)") }
        let implausible: [(String, String)] = [
            ("issuer", "BAN CHẤP HÀNH TRUNG ƯƠN®ẢNG"), ("issuer", "SỞ NỘI VỤ Ố 9/BC-SNÌ"), ("issuer", "CỤC VĂN THƯ VÀ-LƯU TRỮ"),
            ("signer_position", "PHO BÏÌ THƯ"), ("signer_position", "1M. HỘI ĐỒNG NHÂN DÂN CHỦ TỊCH"), ("signer_position", "NH. TRƯỞNG BAN"),
            ("authority", "TM BAN BÍ THƯ"), ("signer", "Nguyễn Vă Phong"), ("signer", "Quách Văn"), ("signer", "Trần Thị"), ("signer", "Phong"), ("signer", "Đỉnh Tiến Dũng"),
            ("authority", "T/M BAN THƯỜNG"), ("issuer", "SỞ KHOA HỌC VÀ CÔNG"), ("issuer", "BAN CHẤP HÀNH TRUNG"), ("place", "Hà nội"), ("excerpt", "V/% kiện toàn Ban Chỉ đạo"),
            ("symbol", "BC-SNì"), ("symbol", "QĐ TU"),
            ("issuer_upper", "ĐẢNG BỘ THÀNH PHỐ"), ("issuer_upper", "ĐẢNG BỘ QUẬN ĐỐNG"), ("issuer_upper", "UBND THÀNH PH"),
            // A position that does not end as a title does, or holds a body's name; a fixed phrase with its marks lost.
            ("signer_position", "PHO THƯ"), ("signer_position", "PHÓ CHỦ TICH"), ("signer_position", "ĐẢNG ỦY BÍ THƯ"),
            ("signer_position", "THƯ"), ("authority", "TM. UY BAN NHAN"), ("issuer", "UY BAN NHÂN DÂN TỈNH BẮC NINH"),
        ]
        for (key, text) in implausible { XCTAssertFalse(FieldPlausibility.isPlausible(key, text), "\(key): \(text)") }

        var metadata = DocumentMetadata()
        metadata.issuer = "BAN CHẤP HÀNH TRUNG ƯƠN®ẢNG"
        metadata.confidence["issuer"] = 0.97
        XCTAssertTrue(FieldReview.fields(of: metadata).contains("issuer"), "marked whatever its confidence")
        metadata.issuer = "BAN CHẤP HÀNH TRUNG ƯƠNG"
        XCTAssertFalse(FieldReview.fields(of: metadata).contains("issuer"))
        // No authority found, and the position line holds a body's name: the authority line went there.
        metadata.signerPosition = "PHÓ CHỦ NHIỆM"
        XCTAssertFalse(FieldReview.fields(of: metadata).contains("authority"))
        metadata.signerPosition = "ỦY BAN KIỂM TRA PHÓ CHỦ NHIỆM"
        XCTAssertTrue(FieldReview.fields(of: metadata).contains("authority"))
        metadata.signerPosition = "PHÓ TRƯỞNG BAN"
        XCTAssertFalse(FieldReview.fields(of: metadata).contains("authority"), "a title, not a body")
    }

    func testASymbolsFirstPartOneLetterFromItsTypeLinesAbbreviationIsReadAsIt() {
        XCTAssertEqual(SymbolForms.repaired("KI/TU", toTypeNamed: "Kết luận"), "KL/TU")
        XCTAssertEqual(SymbolForms.repaired("TIr-UBND", toTypeNamed: "Tờ trình"), "TTr-UBND")
        XCTAssertNil(SymbolForms.repaired("KI/TU", toTypeNamed: "Quyết định"), "two letters from QĐ")
        XCTAssertNil(SymbolForms.repaired("QĐ/TU", toTypeNamed: "Quyết định"), "already the type's")
        XCTAssertNil(SymbolForms.repaired("CT/TU", toTypeNamed: "Kết luận"), "another known type stays: the line may be the one misread")
        XCTAssertNil(SymbolForms.repaired("UBND-VP", toTypeNamed: "Công văn"), "a công văn's symbol opens with its issuer")
        XCTAssertNil(SymbolForms.repaired("KI/TU", toTypeNamed: ""), "no type line")
    }

    func testAuthorityPrefixesWithoutTheirMarkTakeTheStandardsForm() {
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "TM BAN THƯỜNG VỤ", isParty: true), "T/M BAN THƯỜNG VỤ")
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "TM ỦY BAN NHÂN DÂN\nKT CHỦ TỊCH", isParty: false),
                       "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH")
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "K/T TRƯỞNG BAN", isParty: true), "K/T TRƯỞNG BAN", "read with its mark: as read")
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "__T/M ỦY BAN KIỂM TRA", isParty: true), "T/M ỦY BAN KIỂM TRA", "a rule's underscores before the prefix")
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "-KT CHỦ TỊCH", isParty: false), "KT. CHỦ TỊCH", "a stray dash, then a bare prefix")
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "- TM. ỦY BAN NHÂN DÂN", isParty: false), "TM. ỦY BAN NHÂN DÂN", "a dash read as a word of its own")
        XCTAssertTrue(SignatureReader.isAuthorityLine("– TM. ỦY BAN NHÂN DÂN"))
        XCTAssertFalse(SignatureReader.isAuthorityLine("- Lưu: VT, TM."), "a Nơi nhận line is not one")
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "Nơi nhận:\n-T/M BAN", isParty: true), "Nơi nhận:\nT/M BAN", "only authority lines change")
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "TM. HỘI ĐỒNG NHÂN DÂN", isParty: true), "TM. HỘI ĐỒNG NHÂN DÂN")
        XCTAssertEqual(SignatureReader.standardisingPrefixes(of: "", isParty: true), "")
    }
}
