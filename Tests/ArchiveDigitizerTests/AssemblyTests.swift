import CLeptonica
import XCTest
@testable import ArchiveDigitizer

final class DocumentNamingTests: XCTestCase {
    func testTT02DocumentNames() {
        XCTAssertEqual(DocumentNaming.documentCode(fileCode: "HN-TU.01.037.0001", ordinal: 2), "HN-TU.01.037.0001.002")
        XCTAssertEqual(DocumentNaming.relativePath(fileCode: "HN-TU.01.037.0001", ordinal: 12),
                       "documents/HN-TU.01.037.0001/HN-TU.01.037.0001.012.pdf")
    }
}

final class TextLayerTests: XCTestCase {
    func testEachLineSitsOnItsBaselineAtItsMiddleWithOneTextObjectPerBlock() {
        // A line falling 20 px over 400 px (about 3°), then a second block.
        let baseline = LineBaseline(x1: 300, y1: 130, x2: 700, y2: 150)
        var words = [
            RecognizedWord(text: "Đảng", box: PixelBox(left: 300, top: 95, right: 400, bottom: 135), confidence: 90, line: 0, block: 0),
            RecognizedWord(text: "bộ", box: PixelBox(left: 420, top: 100, right: 470, bottom: 140), confidence: 90, line: 0, block: 0),
            RecognizedWord(text: "Nội", box: PixelBox(left: 600, top: 110, right: 700, bottom: 150), confidence: 90, line: 0, block: 0),
            RecognizedWord(text: "Số", box: PixelBox(left: 300, top: 300, right: 360, bottom: 340), confidence: 90, line: 1, block: 1),
        ]
        for index in 0..<3 { words[index].baseline = baseline }
        // 300 dpi: 0.24 points per pixel; a page 1000 px tall is 240 points.
        let operators = TextLayer.operators(for: words, heightPoints: 240, scale: 0.24)
        XCTAssertTrue(operators.contains("3 Tr"), "text is invisible")
        XCTAssertEqual(operators.components(separatedBy: "BT\n").count - 1, 2, "one text object per block: \(operators)")
        // x = 300 px; baseline at the line's middle (500 px) is 140 px: 240 − 140 × 0.24 = 206.4.
        XCTAssertTrue(operators.contains("1 0 0 1 72 206.4 Tm"), operators)
        XCTAssertTrue(operators.contains("28.8 0 Td"), "the next word moves along the line by 120 px: \(operators)")
        XCTAssertTrue(operators.contains("<01101EA3006E00670020>"), "Đảng + space as UTF-16: \(operators)")
        XCTAssertTrue(operators.contains("<004E1ED900690020>"), "the line's last word ends with a space too")
        XCTAssertTrue(operators.contains("/GlyphLess 12.48 Tf"), "one font size per page, 1.3 × the median word height (40 px): \(operators)")
        XCTAssertFalse(operators.contains("Tf\n1 0 0 1 72 206.4 Tm\n0"), "no vertical move inside a line")
        // A word recorded without a baseline (older catalogues) stands on one fitted to the boxes.
        XCTAssertTrue(operators.contains("1 0 0 1 72 158.4 Tm"), "240 − 340 × 0.24: \(operators)")
    }

    func testABlockBesideAnotherTakesAFontThatKeepsItsLinesTogether() {
        // Words 20 px tall at 1 point per pixel: the page's font is 26 points. Block 0 (left half of
        // a header) has lines 30 and 50 px apart; block 1 beside it lines 30 and 100 px apart (a
        // signature's space); block 2 spans the page under them.
        func word(_ text: String, x: Int, baseline: Int, line: Int, block: Int) -> RecognizedWord {
            RecognizedWord(text: text, box: PixelBox(left: x, top: baseline - 20, right: x + 200, bottom: baseline),
                           confidence: 90, line: line, block: block)
        }
        let words = [
            word("ỦY", x: 100, baseline: 100, line: 0, block: 0), word("BAN", x: 100, baseline: 130, line: 1, block: 0),
            word("Số:", x: 100, baseline: 180, line: 2, block: 0),
            word("CỘNG", x: 600, baseline: 100, line: 3, block: 1), word("Độc", x: 600, baseline: 130, line: 4, block: 1),
            word("Hà", x: 600, baseline: 230, line: 5, block: 1),
            word("Căn", x: 100, baseline: 400, line: 6, block: 2),
        ]
        let fonts = TextLayer.operators(for: words, heightPoints: 1000, scale: 1)
            .split(separator: "\n").filter { $0.hasSuffix(" Tf") }
        // Block 0: the 50 px gap must be under 1.5 font sizes for poppler to join the lines: 50 / 1.45.
        XCTAssertEqual(fonts, ["/GlyphLess 34.483 Tf", "/GlyphLess 26 Tf", "/GlyphLess 26 Tf"],
                       "the header half gets a font that bridges its gap; a gap too wide for 1.5 × the page's font, and a block with none beside it, keep the page's")
        // A neighbour 30 px away caps the font at 0.9 × 30 = 27 points, which cannot bridge 50 px
        // (27 × 1.45 < 50): the block keeps the page's font rather than being joined to its neighbour.
        let close = words.map { word -> RecognizedWord in
            var moved = word
            if word.block == 1 { moved.box.left = 330; moved.box.right = 530 }
            return moved
        }
        let closeFonts = TextLayer.operators(for: close, heightPoints: 1000, scale: 1).split(separator: "\n").filter { $0.hasSuffix(" Tf") }
        XCTAssertEqual(closeFonts.first, "/GlyphLess 26 Tf", "30 px from its neighbour: \(closeFonts)")
    }

    func testBaselineFittedToWordBoxesIgnoresADescender() throws {
        let words = [(0, 100), (200, 110), (400, 140), (600, 130)].map { x, bottom in
            RecognizedWord(text: "x", box: PixelBox(left: x, top: bottom - 40, right: x + 100, bottom: bottom), confidence: 90, line: 0, block: 0)
        }
        let fitted = try XCTUnwrap(LineBaseline.fitted(to: words))
        XCTAssertEqual(fitted.slope, 0.05, accuracy: 0.01, "a line falling 30 px over 600 px, one word with a descender")
        XCTAssertEqual(fitted.y(at: 350), 120, accuracy: 6)
    }

    func testNoWordsNoTextObject() {
        XCTAssertEqual(TextLayer.operators(for: [], heightPoints: 100, scale: 1), "")
    }
}

/// Issue #13: what each PDF profile writes, and that the same pages always give the same bytes.
final class PDFProfileTests: XCTestCase {
    private func page() -> PDFPage {
        let path = TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/3.jpg").path
        var word = RecognizedWord(text: "Quyết", box: PixelBox(left: 300, top: 400, right: 500, bottom: 460), confidence: 90, line: 0, block: 0)
        word.baseline = LineBaseline(x1: 300, y1: 450, x2: 500, y2: 452)
        return PDFPage(location: PageLocation(path: path, format: .jpeg, frame: 0), isSingleFrame: true, compression: "jpeg",
                       dpi: 300, width: 2480, height: 3508, words: [word])
    }

    private func write(_ profile: PDFProfile, to folder: URL, name: String) throws -> String {
        let writer = try SearchablePDFWriter(decoder: PageDecoder(), profile: profile)
        let url = folder.appendingPathComponent(name)
        _ = try writer.write([page()], info: PDFDocumentInfo(title: "Quyết định", subject: "HN.001", author: "Thành ủy"), to: url)
        return String(decoding: try Data(contentsOf: url), as: Unicode.ASCII.self)
    }

    func testEachProfileSaysWhatItIsAndTheSamePagesGiveTheSameBytes() throws {
        let folder = try TestSupport.temporaryFolder("profiles")
        defer { try? FileManager.default.removeItem(at: folder) }
        let first = try write(.pdfA2b, to: folder, name: "a.pdf")
        XCTAssertEqual(try write(.pdfA2b, to: folder, name: "b.pdf"), first, "a rebuilt PDF is byte-identical, /ID included")
        XCTAssertTrue(first.contains("<pdfaid:part>2</pdfaid:part>") && first.contains("<pdfaid:conformance>B</pdfaid:conformance>"))
        XCTAssertTrue(first.contains("/OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1"))
        XCTAssertTrue(first.contains("<xmp:CreatorTool>digitize</xmp:CreatorTool>"), "Info's /Creator is in the XMP too")
        XCTAssertNotNil(first.range(of: #"/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]"#, options: .regularExpression))
        XCTAssertFalse(first.contains("/LZWDecode") || first.contains("/Encrypt"))
        let unicode = try write(.pdfA2u, to: folder, name: "u.pdf")
        XCTAssertTrue(unicode.contains("<pdfaid:conformance>U</pdfaid:conformance>"))
        let plain = try write(.plain, to: folder, name: "p.pdf")
        XCTAssertFalse(plain.contains("pdfaid") || plain.contains("/OutputIntents"))
        XCTAssertLessThan(plain.count, first.count, "the plain PDF carries no colour profile")
        if ProcessInfo.processInfo.environment["TEST_PYTHON"] != nil {
            // pikepdf validates levels B only (1b, 2b, 3b): the 2u file differs from the 2b one by its claim alone.
            XCTAssertEqual(try TextLayerReaders.pdfA2bFindings([folder.appendingPathComponent("a.pdf").path]), [])
            XCTAssertFalse(try TextLayerReaders.pdfA2bFindings([folder.appendingPathComponent("p.pdf").path]).isEmpty,
                           "the validator does tell a plain PDF from a PDF/A one")
        }
    }

    func testToUnicodeMapsEveryCodeTheLayerWritesInRangesThatVaryOnlyTheLastByte() {
        let map = SearchablePDFWriter.toUnicodeMap
        XCTAssertTrue(map.contains("<1E00> <1EFF> <1E00>"), "Vietnamese letters (U+1E00–1EFF)")
        XCTAssertTrue(map.contains("<0000> <00FF> <0000>"))
        XCTAssertFalse(map.contains("<D800>"), "no surrogate halves")
        XCTAssertFalse(map.contains("<0000> <FFFF> <0000>"))
        XCTAssertEqual(map.components(separatedBy: "beginbfrange").count - 1, 3, "at most 100 ranges per block")
    }

    func testXMPDateIsWrittenOnlyWhenItIsADate() {
        var info = PDFDocumentInfo(title: "Quyết định")
        info.date = "2025-02-18"
        XCTAssertTrue(info.xmpPacket(profile: .pdfA2b).contains("<rdf:li>2025-02-18</rdf:li>"))
        info.date = "ngày 18 tháng 02"  // a corrected field holding words
        XCTAssertFalse(info.xmpPacket(profile: .pdfA2b).contains("dc:date"))
    }

    func testMissingColourProfileIsAnArchivistReadableError() {
        XCTAssertThrowsError(try SearchablePDFWriter(decoder: PageDecoder(), profile: .pdfA2b, colourProfilePath: "/nonexistent/sRGB.icc")) { error in
            XCTAssertTrue("\(error)".contains("icc-profiles-free"), "\(error)")
        }
        XCTAssertNoThrow(try SearchablePDFWriter(decoder: PageDecoder(), profile: .plain, colourProfilePath: "/nonexistent/sRGB.icc"))
    }
}

final class RasterEncodingTests: XCTestCase {
    /// Gray and colour rasters re-encoded for the PDF (LZW TIFFs, which PDF/A forbids) are deflated
    /// by zlib itself (colour at level 3): the stream must inflate to exactly the bytes Leptonica's
    /// own flate encoding carries, with the same dictionary facts.
    func testRastersDeflatedByZlibHoldLeptonicasRasterBytes() throws {
        for depth in [Int32(8), 32] {
            let pix = try XCTUnwrap(pixCreate(301, 157, depth))
            for y in 0..<Int32(157) {
                for x in 0..<Int32(301) {
                    let value = UInt32((x * 7 + y * 13) % 256)
                    pixSetPixel(pix, x, y, depth == 8 ? value : (value << 24) | ((255 - value) << 16) | ((value / 2) << 8))
                }
            }
            pixSetResolution(pix, 300, 300)
            let image = PageImage(owning: pix)
            let ours = try XCTUnwrap(CompressedImageData.encoding(image, asGroup4: false))
            var handle: UnsafeMutablePointer<L_COMP_DATA>?
            XCTAssertEqual(pixGenerateCIData(image.pix, Int32(L_FLATE_ENCODE), 0, 0, &handle), 0)
            let leptonica = try XCTUnwrap(handle)
            defer { l_CIDataDestroy(&handle) }
            XCTAssertEqual(ours.samplesPerPixel, Int(leptonica.pointee.spp), "depth \(depth)")
            XCTAssertEqual(ours.bitsPerComponent, Int(leptonica.pointee.bps))
            XCTAssertEqual([ours.width, ours.height], [301, 157])
            XCTAssertFalse(ours.hasPredictor)
            XCTAssertNil(ours.palette)
            func inflated(_ data: Data) throws -> Data {
                try data.withUnsafeBytes { buffer in
                    var size = 0
                    let bytes = try XCTUnwrap(zlibUncompress(buffer.baseAddress?.assumingMemoryBound(to: UInt8.self), buffer.count, &size))
                    defer { lept_free(bytes) }
                    return Data(bytes: bytes, count: size)
                }
            }
            let theirs = Data(bytes: try XCTUnwrap(leptonica.pointee.datacomp), count: leptonica.pointee.nbytescomp)
            XCTAssertEqual(try inflated(ours.data), try inflated(theirs), "depth \(depth): the same raster bytes")
            XCTAssertEqual(try inflated(ours.data).count, 301 * 157 * (depth == 8 ? 1 : 3))
        }
    }
}
