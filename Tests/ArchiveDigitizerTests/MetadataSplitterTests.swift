import XCTest
@testable import ArchiveDigitizer

/// Document boundaries inside an archival file, from hand-built pages and from the word boxes
/// of SampleScans' ground truth (what a perfect OCR would give, and the same made noisy).
final class MetadataSplitterTests: XCTestCase {
    private func spans(_ pages: [MetadataTestPage]) -> [DocumentSpan] {
        DocumentSplitter().split(pages.enumerated().map { $1.assembled(pageNumber: $0 + 1) })
    }

    func testHeadersStartDocumentsAndNumberedPagesContinueThem() {
        var noisyState = MetadataTestPage.stateFirstPage(number: "S6:56/KH-UBND", typeLine: "KE HOACH", excerpt: ["Thực hiện số hóa tài liệu"])
        noisyState.noise = { VietnameseText.folded($0) }          // every diacritic lost
        noisyState.mergesColumns = true
        let pages: [MetadataTestPage] = [
            .partyFirstPage(),
            .continuationPage(number: 2, opening: "QUYẾT ĐỊNH:"),                    // a type line alone is no header
            .continuationPage(number: 3, signature: (["T/M BAN THƯỜNG VỤ"], "BÍ THƯ", "Đỗ Minh Tuấn")),
            noisyState,
            .continuationPage(number: 2, opening: "Thực hiện Kế hoạch số 56/KH-UBND ngày 20 tháng 01 năm 2025 của Ủy ban nhân dân"),
            .partyFirstPage(number: "Số 1187-CV/TU", typeLine: nil, excerpt: ["V/v triển khai số hóa"]),
        ]
        XCTAssertEqual(spans(pages), [DocumentSpan(firstPage: 1, lastPage: 3), DocumentSpan(firstPage: 4, lastPage: 5),
                                      DocumentSpan(firstPage: 6, lastPage: 6)])
    }

    func testABoundaryWithoutTheMottoIsMarkedForReviewAndClearOnesAreNot() {
        var mottoLost = MetadataTestPage.stateFirstPage()
        mottoLost.lines.removeAll { $0.text.contains("CỘNG HÒA") || $0.text.contains("Độc lập") }
        let pages = [MetadataTestPage.partyFirstPage(), .continuationPage(number: 2), .stateFirstPage(), mottoLost]
        let (spans, doubts) = DocumentSplitter().splitNotingDoubts(pages.enumerated().map { $1.assembled(pageNumber: $0 + 1) })
        XCTAssertEqual(spans, [DocumentSpan(firstPage: 1, lastPage: 2), DocumentSpan(firstPage: 3, lastPage: 3), DocumentSpan(firstPage: 4, lastPage: 4)],
                       "the number line with its issuer still opens a document")
        XCTAssertEqual(Array(doubts.keys), [4], "only the document that begins without the motto is in doubt: \(doubts)")
        XCTAssertEqual(doubts[4], "begins on page 4 without the motto")
        XCTAssertEqual(spans, DocumentSplitter().split(pages.enumerated().map { $1.assembled(pageNumber: $0 + 1) }), "the same spans as split")
    }

    func testTheReviewQueueListsDoubtfulBoundariesWorstFirst() {
        func document(_ ordinal: Int, confidence: [String: Double]) -> RoomDocument {
            var metadata = DocumentMetadata()
            metadata.docType = "Quyết định"; metadata.number = "12"; metadata.date = "2025-01-02"
            metadata.confidence = confidence
            return RoomDocument(id: ordinal, code: "HN-UB.02.015.0042.00\(ordinal)", fileID: 1, fileCode: "HN-UB.02.015.0042", ordinal: ordinal,
                                firstPage: ordinal, lastPage: ordinal, title: "", metadata: metadata, pdfPath: "", level: .unmarked)
        }
        let documents = [document(1, confidence: ["number": 0.9]), document(2, confidence: ["boundaries": DocumentSplitter.boundaryDoubtConfidence]),
                         document(3, confidence: ["excerpt": 0.55])]
        let queue = ReviewQueueView.entries(of: documents, reviewed: [], corrected: [], language: .vietnamese)
        XCTAssertEqual(queue.map(\.document.ordinal), [2, 3], "the clear document is not listed; the boundary doubt (0.5) comes first")
        XCTAssertEqual(queue.first?.reasons, ["Ranh giới văn bản 50 %"])
        XCTAssertTrue(ReviewQueueView.entries(of: [documents[1]], reviewed: ["HN-UB.02.015.0042\u{0}2"], corrected: [], language: .english).isEmpty,
                      "a document marked reviewed leaves the queue")
    }

    func testFirstPageAlwaysStartsADocument() {
        XCTAssertEqual(spans([.continuationPage(number: 2), .continuationPage(number: 3)]), [DocumentSpan(firstPage: 1, lastPage: 2)])
        XCTAssertEqual(DocumentSplitter().split([]), [])
    }

    func testPageNumbersOfTheFileAreKept() {
        let pages = [MetadataTestPage.stateFirstPage().assembled(pageNumber: 5), MetadataTestPage.partyFirstPage().assembled(pageNumber: 6),
                     MetadataTestPage.continuationPage(number: 2).assembled(pageNumber: 7)]
        XCTAssertEqual(DocumentSplitter().split(pages), [DocumentSpan(firstPage: 5, lastPage: 5), DocumentSpan(firstPage: 6, lastPage: 7)])
    }

    // MARK: - SampleScans ground truth

    /// SampleScans/ground-truth.json with what these tests need: word lines and the documents.
    private struct Truth: Decodable {
        struct Word: Decodable { var text: String; var line: Int; var box: [Int] }
        struct Page: Decodable { var page: Int; var dpi: Int; var width_px: Int; var height_px: Int; var words: [Word] }
        struct File: Decodable { var file_code: String; var pages: [Page] }
        var files: [File]
    }

    /// The ground truth's words as OCR output, optionally merged across columns and made noisy.
    private func pages(of file: Truth.File, mergeColumns: Bool, noise: (String) -> String) -> [AssembledPage] {
        file.pages.map { page in
            // Where Tesseract reads both header columns as one line: a line in the right half takes
            // the line index of a line in the left half whose baseline is within 1.5 mm.
            var lineOf: [Int: Int] = [:]
            if mergeColumns {
                let lines = Dictionary(grouping: page.words, by: \.line).mapValues { words in
                    (baseline: words.map { $0.box[3] }.sorted()[words.count / 2], isLeft: words.map { $0.box[2] }.max() ?? 0 < page.width_px / 2)
                }
                let tolerance = Int(1.5 * Double(page.dpi) / 25.4)
                for (line, facts) in lines where !facts.isLeft {
                    if let partner = lines.first(where: { $0.value.isLeft && abs($0.value.baseline - facts.baseline) <= tolerance }) {
                        lineOf[line] = partner.key
                    }
                }
            }
            let words = page.words.map { word in
                RecognizedWord(text: noise(word.text), box: PixelBox(left: word.box[0], top: word.box[1], right: word.box[2], bottom: word.box[3]),
                               confidence: 93, line: lineOf[word.line] ?? word.line, block: 0)
            }
            let pdf = PDFPage(location: PageLocation(path: "", format: .png, frame: 0), isSingleFrame: true, compression: "",
                              dpi: page.dpi, width: page.width_px, height: page.height_px, words: words)
            return AssembledPage(pageNumber: page.page, pdf: pdf, text: "")
        }
    }

    func testSampleScansGroundTruthWordsSplitAndExtractAsLabelled() throws {
        let url = TestSupport.sampleScans.appendingPathComponent("ground-truth.json")
        let truth = try JSONDecoder().decode(Truth.self, from: Data(contentsOf: url))
        let labels = try MetadataEvaluation.Labels.load(url)
        let noises: [(name: String, merge: Bool, transform: (String) -> String)] = [
            ("clean", false, { $0 }),
            ("columns merged, eth for Đ", true, { $0.replacingOccurrences(of: "Đ", with: "Ð") }),
        ]
        for noise in noises {
            var predicted: [String: [MetadataEvaluation.Predicted]] = [:]
            for file in truth.files {
                let filePages = pages(of: file, mergeColumns: noise.merge, noise: noise.transform)
                predicted[file.file_code] = DocumentSplitter().split(filePages).map { span in
                    let documentPages = filePages.filter { $0.pageNumber >= span.firstPage && $0.pageNumber <= span.lastPage }
                    return MetadataEvaluation.Predicted(firstPage: span.firstPage, lastPage: span.lastPage,
                                                        metadata: MetadataExtractor().extract(from: documentPages))
                }
            }
            let report = MetadataEvaluation.score(predicted, labels: labels)
            XCTAssertEqual(report.documents, 7)
            XCTAssertEqual(report.f1, 1, "\(noise.name): boundaries")
            XCTAssertEqual(report.mismatches, [], "\(noise.name)")
        }
    }
}
