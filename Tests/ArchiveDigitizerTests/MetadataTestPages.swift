import Foundation
@testable import ArchiveDigitizer

/// Hand-built OCR output: words with boxes where the HD 36 / NĐ 30 layouts put them, on an A4
/// page at 200 dpi, so header and signature parsing can be tested without Tesseract.
struct MetadataTestPage {
    static let dpi = 200
    static let width = 1654, height = 2339

    /// One printed line: its words, where it stands, and how sure "OCR" was.
    struct Line {
        var text: String
        var x: Double            // mm: centre, or left edge when `isLeftAligned`
        var isLeftAligned = false
        var baseline: Double     // mm from the top
        var size = 14.0          // points
        var confidence = 95.0
        /// Right edge (mm) of a justified line: word spaces stretch to reach it.
        var justifiedTo: Double?
    }

    var lines: [Line] = []
    /// Read the left and right header columns as one Tesseract line where baselines agree (as Tesseract often does).
    var mergesColumns = false
    /// What "OCR" does to each word's text (drop diacritics, `Ð` for `Đ`, …).
    var noise: @Sendable (String) -> String = { $0 }

    static func millimetres(_ value: Double) -> Int { Int((value * Double(dpi) / 25.4).rounded()) }

    mutating func add(_ text: String, centre: Double, baseline: Double, size: Double = 14, confidence: Double = 95) {
        lines.append(Line(text: text, x: centre, baseline: baseline, size: size, confidence: confidence))
    }

    mutating func add(_ text: String, left: Double, baseline: Double, size: Double = 14, confidence: Double = 95) {
        lines.append(Line(text: text, x: left, isLeftAligned: true, baseline: baseline, size: size, confidence: confidence))
    }

    /// Body text: full-width justified lines from 30 to 195 mm.
    mutating func addBody(_ count: Int, from baseline: Double, pitch: Double = 6.7) {
        let sentence = "các cơ quan đơn vị quán triệt đầy đủ nội dung văn bản này đến cán bộ công chức viên chức"
        for index in 0..<count {
            lines.append(Line(text: sentence, x: 30, isLeftAligned: true, baseline: baseline + Double(index) * pitch, size: 14, justifiedTo: 195))
        }
    }

    var words: [RecognizedWord] {
        var result: [RecognizedWord] = []
        var lineIndices: [Int] = []
        for (index, line) in lines.enumerated() {
            var lineIndex = index
            if mergesColumns, let partner = lines.indices.first(where: { other in
                other < index && abs(lines[other].baseline - line.baseline) < 3 && (lines[other].x < 105) != (line.x < 105)
            }) {
                lineIndex = lineIndices[partner]
            }
            lineIndices.append(lineIndex)
            let characterWidth = line.size * 0.3528 * 0.55, space = line.size * 0.3528 * 0.28
            let tokens = line.text.split(separator: " ").map(String.init)
            let width = Double(tokens.map(\.count).reduce(0, +)) * characterWidth + Double(max(tokens.count - 1, 0)) * space
            var x = line.isLeftAligned ? line.x : line.x - width / 2
            var gap = space
            if let right = line.justifiedTo, tokens.count > 1 {
                gap = (right - line.x - Double(tokens.map(\.count).reduce(0, +)) * characterWidth) / Double(tokens.count - 1)
            }
            for token in tokens {
                let tokenWidth = Double(token.count) * characterWidth
                let box = PixelBox(left: Self.millimetres(x), top: Self.millimetres(line.baseline - line.size * 0.3528 * 0.8),
                                   right: Self.millimetres(x + tokenWidth), bottom: Self.millimetres(line.baseline))
                result.append(RecognizedWord(text: noise(token), box: box, confidence: line.confidence, line: lineIndex, block: 0))
                x += tokenWidth + gap
            }
        }
        return result
    }

    func assembled(pageNumber: Int) -> AssembledPage {
        let pdf = PDFPage(location: PageLocation(path: "/dev/null", format: .png, frame: 0), isSingleFrame: true, compression: "",
                          dpi: Self.dpi, width: Self.width, height: Self.height, words: words)
        return AssembledPage(pageNumber: pageNumber, pdf: pdf, text: lines.map(\.text).joined(separator: "\n"))
    }

    // MARK: - Layouts

    /// A first page in the HD 36 (Party) layout.
    static func partyFirstPage(upper: String? = "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI", issuer: String = "THÀNH ỦY",
                               number: String = "Số 8229-QĐ/TU", date: String = "Hà Nội, ngày 18 tháng 02 năm 2025",
                               typeLine: String? = "QUYẾT ĐỊNH", excerpt: [String] = ["về việc thành lập Ban Chỉ đạo 204"],
                               marks: [String] = []) -> MetadataTestPage {
        var page = MetadataTestPage()
        var y = 45.0
        if let upper { page.add(upper, centre: 64, baseline: y); y += 6.8 }
        page.add(issuer, centre: 64, baseline: y)
        page.add("*", centre: 64, baseline: y + 6.8)
        page.add("ĐẢNG CỘNG SẢN VIỆT NAM", centre: 150, baseline: 45, size: 15)
        page.add(date, centre: 150, baseline: y + 6.8)
        page.add(number, centre: 64, baseline: y + 13.6)
        y += 20.4
        page.addTitleMarksAndBody(from: y, typeLine: typeLine, excerpt: excerpt, marks: marks, underline: true)
        return page
    }

    /// The part both layouts share below the header: a công văn's excerpt under its number, the
    /// security and urgency marks, the centred type line and excerpt (the Party layout underlines
    /// them with `-----`), then body text.
    mutating func addTitleMarksAndBody(from top: Double, typeLine: String?, excerpt: [String], marks: [String], underline: Bool) {
        var y = top
        if typeLine == nil {
            for line in excerpt { add(line, centre: 64, baseline: y, size: 12); y += 5.6 }
        }
        for mark in marks { y += 8; add(mark, centre: 64, baseline: y, size: 15) }
        y += 10
        if let typeLine {
            add(typeLine, centre: 112.5, baseline: y, size: 15)
            y += 7
            for line in excerpt { add(line, centre: 112.5, baseline: y); y += 6.3 }
            if underline {
                add("-----", centre: 112.5, baseline: y)
                y += 9
            } else {
                y += 5
            }
        }
        addBody(12, from: y)
    }

    /// A first page in the NĐ 30 (state) layout.
    static func stateFirstPage(left: [String] = ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ HÀ NỘI"], number: String = "Số: 1234/QĐ-UBND",
                               date: String = "Hà Nội, ngày 05 tháng 3 năm 2025", typeLine: String? = "QUYẾT ĐỊNH",
                               excerpt: [String] = ["Về việc phê duyệt Đề án số hóa tài liệu lưu trữ"],
                               marks: [String] = []) -> MetadataTestPage {
        var page = MetadataTestPage()
        var y = 45.0
        for line in left { page.add(line, centre: 64, baseline: y, size: 13); y += 6.8 }
        y = max(y + 2, 45 + 2 * 6.8 + 2)
        page.add("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", centre: 148, baseline: 45, size: 12)
        page.add("Độc lập - Tự do - Hạnh phúc", centre: 148, baseline: 51.8, size: 13.5)
        page.add(number, centre: 64, baseline: y, size: 13)
        page.add(date, centre: 148, baseline: y, size: 13)
        y += 6.8
        page.addTitleMarksAndBody(from: y, typeLine: typeLine, excerpt: excerpt, marks: marks, underline: false)
        return page
    }

    /// A page after the first: its number at the top, then body text, then (optionally) the signature block.
    static func continuationPage(number: Int, opening: String? = nil, signature: (authority: [String], position: String, signer: String)? = nil,
                                 recipients: [String] = ["- Như trên;", "- Lưu: VT."]) -> MetadataTestPage {
        var page = MetadataTestPage()
        page.add(String(number), centre: 105, baseline: 14)
        var y = 28.0
        if let opening { page.add(opening, centre: 112.5, baseline: y); y += 8 }
        page.addBody(8, from: y)
        y += 8 * 6.7 + 6
        if let signature { page.addSignature(signature, recipients: recipients, at: y) }
        return page
    }

    /// "Nơi nhận" at the left, the signature block at the right, a signature scribble read as junk.
    mutating func addSignature(_ signature: (authority: [String], position: String, signer: String), recipients: [String], at top: Double) {
        add("Nơi nhận:", left: 30, baseline: top, size: 12)
        var y = top
        for line in recipients { y += 4.8; add(line, left: 30, baseline: y, size: 11) }
        var sy = top
        for line in signature.authority + [signature.position] { add(line, centre: 150, baseline: sy); sy += 6 }
        add("~/^", centre: 150, baseline: sy + 12, confidence: 20)
        add(signature.signer, centre: 150, baseline: sy + 30)
    }
}
