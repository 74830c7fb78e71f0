import Foundation
@_spi(ScaleSimulation) import ArchiveDigitizer

/// The benchmark's stand-in for Tesseract: sleeps for the OCR time of one page, then gives the page a
/// made-up Vietnamese text of `wordCount` words with word boxes on the page, the same for the same
/// page id (so a page done twice would be recorded with the same text, and `verify` can check it).
///
/// The size of what it returns is what a real page stores: about 300 words, 2 KB of text and 25 KB
/// of word boxes, so the store does the work of a real page's record.
struct DelayReader {
    /// Seconds one page takes: 1 / (pages per worker-second).
    var delay: Double
    var wordCount = 300
    /// The page image's size in pixels, which the boxes stay inside.
    var width: Int
    var height: Int

    static let syllables = """
        đảng ủy thành phố hà nội quyết định về việc thành lập ban chỉ đạo công tác cán bộ nghị quyết chỉ thị \
        kết luận hướng dẫn thông báo báo cáo kế hoạch chương trình tờ trình công văn số ngày tháng năm \
        đồng chí bí thư phó thường trực ủy viên thường vụ tổ chức kiểm tra tuyên giáo dân vận văn phòng \
        lưu trữ hồ sơ tài liệu mục lục phông số hóa nhân dân chính quyền mặt trận tổ quốc đoàn thanh niên \
        phụ nữ cựu chiến binh nông dân công đoàn hội đồng xã phường quận huyện thị trấn khu vực cơ sở \
        phát triển kinh tế xã hội an ninh quốc phòng giáo dục y tế văn hóa thể thao du lịch đất đai xây dựng
        """.split(separator: " ").map(String.init)

    func read(pageID: Int) -> RecognizedPage {
        Thread.sleep(forTimeInterval: delay)
        var generator = SplitMix(seed: UInt64(pageID))
        var words: [RecognizedWord] = []
        var lines: [String] = []
        var line: [String] = []
        let perLine = 12
        let lineHeight = max(1, height / (wordCount / perLine + 1))
        let wordWidth = max(1, width / perLine)
        for index in 0..<wordCount {
            let text = Self.syllables[Int(generator.next() % UInt64(Self.syllables.count))]
            let row = index / perLine, column = index % perLine
            let box = PixelBox(left: column * wordWidth, top: row * lineHeight,
                               right: column * wordWidth + wordWidth - 1, bottom: row * lineHeight + lineHeight - 1)
            words.append(RecognizedWord(text: text, box: box, confidence: 80 + Double(generator.next() % 200) / 10,
                                        line: row, block: 0))
            line.append(text)
            if column == perLine - 1 { lines.append(line.joined(separator: " ")); line = [] }
        }
        if !line.isEmpty { lines.append(line.joined(separator: " ")) }
        let confidence = words.map(\.confidence).reduce(0, +) / Double(max(1, words.count))
        return RecognizedPage(text: lines.joined(separator: "\n"), words: words, meanConfidence: confidence)
    }
}

/// A small, fast, seeded random number generator (SplitMix64), so each page's text is reproducible.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
    mutating func next() -> UInt64 {
        state = state &+ 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
