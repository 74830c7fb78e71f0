import CLeptonica
import Foundation
import XCTest
@testable import ArchiveDigitizer

/// The decompression-bomb guard reads sizes before pixels: every TIFF frame's own header, and a PDF
/// page's image dictionaries (or its size in points, for a page that would be rendered). The
/// fixtures claim sizes their data cannot fill, so only a check made before decoding names the size.
final class DecodeSizeCheckTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws { work = try TestSupport.temporaryFolder("sizes") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    private func expectTooLarge(_ location: PageLocation, width: Int, height: Int, limit: Int,
                                file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try PageDecoder(maximumPixels: limit).decode(location), file: file, line: line) { error in
            guard case let IngestError.tooLarge(_, w, h, _) = error else { return XCTFail("\(error)", file: file, line: line) }
            XCTAssertEqual([w, h], [width, height], file: file, line: line)
        }
    }

    func testASecondTIFFFrameTooLargeIsRefusedFromItsOwnHeader() throws {
        let tiff = work.appendingPathComponent("two.tif")
        for (index, side) in [400, 3000].enumerated() {
            let pix = try XCTUnwrap(pixCreate(Int32(side), Int32(side), 1))
            pixSetResolution(pix, 300, 300)
            XCTAssertEqual(pixWriteTiff(tiff.path, pix, Int32(IFF_TIFF_G4), index == 0 ? "w" : "a"), 0)
            var owned: UnsafeMutablePointer<Pix>? = pix
            pixDestroy(&owned)
        }
        // The big frame's data is gone: decoding it would fail, so "too large" can only come from its header.
        var bytes = [UInt8](try Data(contentsOf: tiff))
        XCTAssertTrue(BadInputTests.breakStripOffset(ofFrame: 1, in: &bytes))
        try Data(bytes).write(to: tiff)
        XCTAssertNoThrow(try PageDecoder(maximumPixels: 1_000_000).decode(PageLocation(path: tiff.path, format: .tiff, frame: 0)))
        expectTooLarge(PageLocation(path: tiff.path, format: .tiff, frame: 1), width: 3000, height: 3000, limit: 1_000_000)
    }

    func testAPDFImageClaimingGigapixelsIsRefusedBeforePopplerDecodesIt() throws {
        let pdf = work.appendingPathComponent("bomb.pdf")
        try Self.pdf(page: "612 792", content: "q 612 0 0 792 0 0 cm /Im0 Do Q",
                     image: "/Width 60000 /Height 60000 /ColorSpace /DeviceGray /BitsPerComponent 8", imageData: "0123456789")
            .write(to: pdf)
        expectTooLarge(PageLocation(path: pdf.path, format: .pdf, frame: 0), width: 60000, height: 60000, limit: 150_000_000)
    }

    func testAPDFPageThatWouldRenderTooLargeIsRefusedUnrendered() throws {
        let pdf = work.appendingPathComponent("poster.pdf")
        // Two small images on a 5 m × 5 m page: rendered whole at 300 dpi it would be 59055 × 59055 pixels.
        try Self.pdf(page: "14173 14173", content: "q 100 0 0 100 0 0 cm /Im0 Do Q q 100 0 0 100 200 200 cm /Im0 Do Q",
                     image: "/Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", imageData: "abcd").write(to: pdf)
        expectTooLarge(PageLocation(path: pdf.path, format: .pdf, frame: 0), width: 59054, height: 59054, limit: 150_000_000)
    }

    /// The memory ceiling: a PDF scan JPEG above `PageDecoder.largestDecodedPDFImage` is read at a
    /// libjpeg reduction, and the searchable PDF still embeds the original stream, words scaled to it.
    func testALargePDFJPEGIsReadReducedAndEmbeddedWhole() throws {
        let pdf = work.appendingPathComponent("large.pdf")
        let gray = try XCTUnwrap(pixCreate(4000, 4000, 8))
        pixSetAllArbitrary(gray, 230)
        let colour = try XCTUnwrap(pixConvertTo32(gray))
        XCTAssertEqual(pixConvertToPdf(colour, Int32(L_JPEG_ENCODE), 75, pdf.path, 0, 0, 300, "large", nil,
                                       Int32(L_FIRST_IMAGE | L_LAST_IMAGE)), 0)
        var ownedGray: UnsafeMutablePointer<Pix>? = gray, ownedColour: UnsafeMutablePointer<Pix>? = colour
        pixDestroy(&ownedGray); pixDestroy(&ownedColour)
        let location = PageLocation(path: pdf.path, format: .pdf, frame: 0)
        let decoded = try PageDecoder().decode(location)
        XCTAssertEqual([decoded.image.width, decoded.image.height], [2000, 2000], "read at half size")
        XCTAssertEqual(decoded.dpi, 150)
        let embedded = try EmbeddedImage.make(for: location, isSingleFrame: true, compression: decoded.compression,
                                              readSize: (decoded.image.width, decoded.image.height)) {
            XCTFail("the assembler must not decode the large scan again")
            return decoded
        }
        XCTAssertEqual(embedded.encoding, "pdf-passthrough")
        XCTAssertEqual([embedded.width, embedded.height], [4000, 4000], "the original image goes into the PDF")
        XCTAssertEqual(embedded.pixelsPerReadPixel, 2)
    }

    /// A one-page PDF whose page paints the image XObject `/Im0`.
    static func pdf(page size: String, content: String, image: String, imageData: String) -> Data {
        TestSupport.pdf(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(size)] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>",
            "<< /Length \(content.utf8.count) >>\nstream\n\(content)\nendstream",
            "<< /Type /XObject /Subtype /Image \(image) /Length \(imageData.utf8.count) >>\nstream\n\(imageData)\nendstream",
        ])
    }
}
