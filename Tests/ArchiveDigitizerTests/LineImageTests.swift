import ArchiveDigitizer
import CLeptonica
import CLineImages
import Foundation
import XCTest

/// Tesseract's line images stored instead of deflated (CLineImages): in effect where it should
/// be, and lossless — the same page reads the same either way.
final class LineImageTests: XCTestCase {
    /// Both executables that recognise pages export the override, so Tesseract's calls reach it.
    func testTheProgramAndTheTestsExportTheOverrideThatTesseractCalls() throws {
        XCTAssertTrue(TesseractEngine.lineImagesTakeFastPath, "the test executable does not export pixWriteMemPng")
        let digitize = TestSupport.digitize
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: digitize.path), "digitize is not built")
        let nm = try TextLayerReaders.run("/usr/bin/nm", ["-D", "--defined-only", digitize.path])
        XCTAssertEqual(nm.status, 0)
        XCTAssertTrue(nm.output.split(separator: "\n").contains { $0.hasSuffix(" T pixWriteMemPng") },
                      "\(digitize.path) does not export pixWriteMemPng")
    }

    /// Inside the scope a PNG is stored (larger) and decodes to the same pixels; outside it, and on
    /// other threads, Leptonica's default applies.
    func testAPNGWrittenWhileRecognisingIsStoredAndDecodesToTheSamePixels() throws {
        let path = TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/1.png").path
        guard let page = pixRead(path) else { return XCTFail("cannot read \(path)") }
        var source: UnsafeMutablePointer<PIX>? = page
        defer { pixDestroy(&source) }
        func png(level: Int32?) -> Data? {
            if let level { digitize_line_images_begin(level) }
            defer { digitize_line_images_end() }
            var bytes: UnsafeMutablePointer<UInt8>?
            var size = 0
            guard pixWriteMemPng(&bytes, &size, page, 0) == 0, let bytes else { return nil }
            defer { free(bytes) }
            return Data(bytes: bytes, count: size)
        }
        let stored = try XCTUnwrap(png(level: 0))
        let deflated = try XCTUnwrap(png(level: nil))
        // Stored, the PNG holds every pixel's byte; deflated, a scanned page takes fewer.
        let pixelBytes = Int(pixGetWidth(page) * pixGetHeight(page) * pixGetDepth(page) / 8)
        XCTAssertGreaterThanOrEqual(stored.count, pixelBytes, "the PNG written inside the scope was not stored")
        XCTAssertLessThan(deflated.count, pixelBytes, "the PNG written outside the scope was not deflated")
        XCTAssertEqual(try XCTUnwrap(png(level: nil)).count, deflated.count, "the level outlived the scope")
        for data in [stored, deflated] {
            var decoded = data.withUnsafeBytes { pixReadMem($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
            defer { pixDestroy(&decoded) }
            var same: Int32 = 0
            XCTAssertEqual(pixEqual(page, decoded, &same), 0)
            XCTAssertEqual(same, 1, "a PNG did not decode to the page's pixels")
        }
    }

    /// Real Tesseract on two SampleScans pages: text, boxes, confidences and the LSTM's alternatives
    /// are the same with stored and with deflated line images.
    func testStoredLineImagesReadThePageExactlyAsDeflatedOnes() throws {
        let fast = try TesseractEngine(language: "vie")
        let standard = try TesseractEngine(language: "vie", storesLineImages: false)
        let decoder = PageDecoder()
        for name in ["HN-TU.01.037.0001/1.tif", "HN-UB.02.015.0042/2.png"] {
            let path = TestSupport.sampleScans.appendingPathComponent(name).path
            let format = try XCTUnwrap(ScanFormat.sniff(Data(contentsOf: URL(fileURLWithPath: path))))
            let decoded = try decoder.decode(PageLocation(path: path, format: format, frame: 0))
            let ours = try fast.recognize(decoded.image, dpi: decoded.dpi)
            let theirs = try standard.recognize(decoded.image, dpi: decoded.dpi)
            XCTAssertGreaterThan(ours.words.count, 50, name)
            XCTAssertEqual(ours, theirs, "\(name) reads differently with stored line images")
        }
    }
}
