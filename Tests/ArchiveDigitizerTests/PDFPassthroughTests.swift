import XCTest
@testable import ArchiveDigitizer

/// Image-only PDF scans: the scanner's JPEG goes into our PDF byte for byte, and pages whose scan
/// cannot stand alone still fall back to the lossless re-encode.
final class PDFPassthroughTests: XCTestCase {
    static let fileCode = "HN-UB.02.015.0043"

    // MARK: - End to end

    func testImageOnlyPDFScanIsPassedThroughByteForByte() throws {
        let work = try TestSupport.temporaryFolder("pdf-passthrough")
        defer { try? FileManager.default.removeItem(at: work) }
        let scans = work.appendingPathComponent("scans"), archive = work.appendingPathComponent("Archive")
        try TestSupport.copySampleScans(to: scans, files: [Self.fileCode])
        let run = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--jobs", "2", "--quiet",
                                       "--inventory", TestSupport.sampleScans.appendingPathComponent("inventory.csv").path])
        XCTAssertEqual(run.status, 0, "stdout:\n\(run.output)\nstderr:\n\(run.errors)")

        let db = try TestSupport.catalogue(archive)
        let documents = try db.query("SELECT pdf_path, image_encodings, first_page FROM documents ORDER BY first_page")
        XCTAssertFalse(documents.isEmpty)
        let encodings = documents.compactMap { $0[1].string }.joined(separator: ",").split(separator: ",")
        XCTAssertEqual(encodings.count, 3, "one encoding per page")
        XCTAssertTrue(encodings.allSatisfy { $0 == "pdf-passthrough" }, "\(encodings)")

        // Size: the searchable PDF is the scan plus a text layer, not a lossless re-encoding (6.3× before).
        let source = scans.appendingPathComponent("\(Self.fileCode)/scan.pdf")
        let sourceSize = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: source.path)[.size] as? Int)
        let outputs = documents.compactMap { $0[0].string }.map { archive.appendingPathComponent($0) }
        let outputSize = try outputs.reduce(0) { total, url in
            try total + XCTUnwrap(FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
        }
        XCTAssertLessThanOrEqual(Double(outputSize), 1.1 * Double(sourceSize), "output \(outputSize) bytes, scan \(sourceSize)")

        // The JPEGs pdfimages lifts out of our output are the scanner's, byte for byte.
        let original = try Self.extractedJPEGs(from: [source], into: work.appendingPathComponent("original"))
        let carried = try Self.extractedJPEGs(from: outputs, into: work.appendingPathComponent("carried"))
        XCTAssertEqual(original.count, 3)
        XCTAssertEqual(carried, original)

        // poppler still reads the text layer, and finds words where the scan shows them.
        let truth = try XCTUnwrap(GroundTruth.load().files.first { $0.file_code == Self.fileCode })
        var checked = 0, placed = 0
        for document in documents {
            let pdf = try PopplerTestDocument(archive.appendingPathComponent(document[0].string ?? ""))
            let firstPage = document[2].int ?? 1
            for index in 0..<pdf.pageCount {
                let pageTruth = try XCTUnwrap(truth.pages.first { $0.page == firstPage + index })
                let text = pdf.text(page: index)
                let expected = Set(pageTruth.words.map(\.text))
                let found = Set(text.split(whereSeparator: \.isWhitespace).map(String.init))
                XCTAssertGreaterThan(Double(expected.intersection(found).count) / Double(max(expected.count, 1)), 0.8,
                                     "page \(pageTruth.page): the text layer reads\n\(text)")
                let scale = 72.0 / Double(pageTruth.dpi)
                XCTAssertEqual(pdf.size(page: index).width, Double(pageTruth.width_px) * scale, accuracy: 0.5)
                let counts = Dictionary(grouping: pageTruth.words, by: \.text)
                for word in pageTruth.words where word.text.count >= 5 && counts[word.text]?.count == 1 {
                    let hits = pdf.find(word.text, page: index)
                    guard hits.count == 1, let hit = hits.first else { continue }
                    checked += 1
                    let box = word.box.map { Double($0) * scale }
                    let centreX = (hit.x1 + hit.x2) / 2, centreY = (hit.y1 + hit.y2) / 2
                    if centreX > box[0] - 2 && centreX < box[2] + 2 && centreY > box[1] - 6 && centreY < box[3] + 6 { placed += 1 }
                }
            }
        }
        XCTAssertGreaterThan(checked, 15, "too few words could be checked")
        XCTAssertGreaterThan(Double(placed) / Double(max(checked, 1)), 0.9, "\(placed) of \(checked) words sit on their image")
    }

    func testScanWithAStampDrawnOverItFallsBackToLosslessReencoding() throws {
        // Page 1: a 300 dpi JPEG covering an A4 page plus a small stamp. poppler renders the page at
        // 300 dpi, exactly the JPEG's size, so only the image count tells that the JPEG is not the page.
        // Page 2: only the stamp, far from covering the page: poppler renders it, and the sizes differ.
        let jpeg = try Data(contentsOf: TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/3.jpg"))
        let pdf = HandWrittenPDF.make([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R 7 0 R] /Count 2 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.2 841.92] /Resources << /XObject << /Scan 4 0 R /Stamp 5 0 R >> >> /Contents 6 0 R >>",
            HandWrittenPDF.stream("/Type /XObject /Subtype /Image /Width 2480 /Height 3508 /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode", jpeg),
            HandWrittenPDF.stream("/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8", Data([0, 255, 255, 0])),
            HandWrittenPDF.stream("", Data("q 595.2 0 0 841.92 0 0 cm /Scan Do Q q 40 0 0 40 500 20 cm /Stamp Do Q".utf8)),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.2 841.92] /Resources << /XObject << /Stamp 5 0 R >> >> /Contents 8 0 R >>",
            HandWrittenPDF.stream("", Data("q 40 0 0 40 500 20 cm /Stamp Do Q".utf8)),
        ])
        let work = try TestSupport.temporaryFolder("pdf-fallback")
        defer { try? FileManager.default.removeItem(at: work) }
        let folder = work.appendingPathComponent("scans/HN-UB.02.015.0099")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try pdf.write(to: folder.appendingPathComponent("stamped.pdf"))
        let image = try XCTUnwrap(QPDFDocument(path: folder.appendingPathComponent("stamped.pdf").path).scanImage(page: 0))
        XCTAssertEqual(image.imageDrawCount, 2)
        XCTAssertEqual(image.width, 2480, "the scan is the largest image")
        let stamp = try XCTUnwrap(QPDFDocument(path: folder.appendingPathComponent("stamped.pdf").path).scanImage(page: 1))
        XCTAssertEqual(stamp.imageDrawCount, 1)

        let archive = work.appendingPathComponent("Archive")
        let run = try TestSupport.run(["run", work.appendingPathComponent("scans").path, "--archive", archive.path, "--jobs", "1", "--quiet"])
        XCTAssertEqual(run.status, 0, "stdout:\n\(run.output)\nstderr:\n\(run.errors)")
        let db = try TestSupport.catalogue(archive)
        let documents = try db.query("SELECT pdf_path, image_encodings FROM documents ORDER BY first_page")
        XCTAssertEqual(documents.compactMap { $0[1].string }.joined(separator: ","), "flate,flate",
                       "pages that are more, or less, than a stored image are re-encoded whole")
        let output = try PopplerTestDocument(archive.appendingPathComponent(XCTUnwrap(documents.first?[0].string)))
        XCTAssertTrue(output.text(page: 0).contains("NHÂN DÂN"), output.text(page: 0))
    }

    // MARK: - QPDFDocument

    func testScanImageFollowsInheritedResourcesAndReducesICCProfilesToDeviceSpaces() throws {
        let bytes = Data([0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 0xFF, 0xD9])
        let pdf = HandWrittenPDF.make([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 /Resources 4 0 R >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 7 0 R >>",
            "<< /XObject << /Im#20A 5 0 R >> >>",
            HandWrittenPDF.stream("/Type /XObject /Subtype /Image /Width 400 /Height 200 /ColorSpace [/ICCBased 6 0 R] /BitsPerComponent 8 /Filter [/DCTDecode] /DecodeParms 8 0 R /Decode [1 0 1 0 1 0]", bytes),
            HandWrittenPDF.stream("/N 3", Data("not really a profile".utf8)),
            HandWrittenPDF.stream("", Data("% a comment naming /Other Do\nq (a string with /Other Do) Tj 200 0 0 100 0 0 cm /Im#20A Do Q".utf8)),
            "<< /ColorTransform 9 0 R >>",
            "1",
        ])
        let image = try XCTUnwrap(Self.open(pdf).scanImage(page: 0))
        XCTAssertEqual(image.data, bytes, "the stored bytes, untouched")
        XCTAssertEqual(image.width, 400)
        XCTAssertEqual(image.height, 200)
        XCTAssertEqual(image.imageDrawCount, 1)
        XCTAssertEqual(image.dictionaryEntries,
                       "/ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /DecodeParms <</ColorTransform 1>> /Decode [1 0 1 0 1 0]")
    }

    func testIndexedPaletteStreamIsWrittenAsAString() throws {
        let pdf = HandWrittenPDF.make(Self.singleImagePage(
            image: "/Width 20 /Height 20 /ColorSpace [/Indexed /DeviceRGB 1 5 0 R] /BitsPerComponent 1",
            extra: [HandWrittenPDF.stream("", Data([0, 0, 0, 255, 128, 1]))]))
        let image = try XCTUnwrap(Self.open(pdf).scanImage(page: 0))
        XCTAssertEqual(image.colourSpace, "[/Indexed /DeviceRGB 1 <000000FF8001>]")
    }

    func testScanImageRefusesImagesThatCannotStandAlone() throws {
        let refused: [(String, [String])] = [
            ("a soft mask", Self.singleImagePage(image: "/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8 /SMask 5 0 R",
                                                 extra: [HandWrittenPDF.stream("/Type /XObject /Subtype /Image /Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8", Data(count: 400))])),
            ("JBIG2 globals", Self.singleImagePage(image: "/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 1 /Filter /JBIG2Decode /DecodeParms << /JBIG2Globals 5 0 R >>",
                                                   extra: [HandWrittenPDF.stream("", Data([1, 2, 3]))])),
            ("a stencil mask", Self.singleImagePage(image: "/Width 20 /Height 20 /ImageMask true /BitsPerComponent 1")),
            ("a Separation space", Self.singleImagePage(image: "/Width 20 /Height 20 /ColorSpace [/Separation /Spot /DeviceCMYK 5 0 R] /BitsPerComponent 8",
                                                        extra: [HandWrittenPDF.stream("/FunctionType 4 /Domain [0 1] /Range [0 1 0 1 0 1 0 1]", Data("{0 0 0}".utf8))])),
            ("an inline image", Self.singleImagePage(image: "/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8",
                                                     content: "q 200 0 0 200 0 0 cm /Im0 Do Q BI /W 1 /H 1 /CS /G /BPC 8 ID \u{0} EI")),
            ("a form XObject", Self.singleImagePage(image: "/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8",
                                                    content: "/Im0 Do /Fm0 Do", resources: "/Im0 4 0 R /Fm0 5 0 R",
                                                    extra: [HandWrittenPDF.stream("/Type /XObject /Subtype /Form /BBox [0 0 1 1]", Data())])),
            ("an unknown filter", Self.singleImagePage(image: "/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /Crypt")),
        ]
        for (reason, objects) in refused {
            XCTAssertNil(try Self.open(HandWrittenPDF.make(objects)).scanImage(page: 0), "an image with \(reason) was passed through")
        }
        // The same page without the obstacle is carried: the refusals above are not accidents.
        XCTAssertNotNil(try Self.open(HandWrittenPDF.make(Self.singleImagePage(image: "/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8")))
            .scanImage(page: 0))
        XCTAssertNil(try Self.open(HandWrittenPDF.make(Self.singleImagePage(image: "/Width 20 /Height 20 /ColorSpace /DeviceGray /BitsPerComponent 8")))
            .scanImage(page: 1), "there is no second page")
    }

    func testDamagedPDFThrowsAnArchivistReadableError() throws {
        let work = try TestSupport.temporaryFolder("qpdf-damaged")
        defer { try? FileManager.default.removeItem(at: work) }
        let url = work.appendingPathComponent("broken.pdf")
        try Data("%PDF-1.7\nnothing else".utf8).write(to: url)
        XCTAssertThrowsError(try QPDFDocument(path: url.path)) { error in
            guard case IngestError.damagedPDF(let path, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(path, url.path)
        }
    }

    func testContentStreamScanFindsOnlyPaintedNames() {
        let content = Data("q /Im1 Do Q % /Im9 Do\n(/Im8 Do) Tj <2F496D37> Tj [/Im6] TJ << /Im5 1 >> BDC /Im#32 Do EMC".utf8)
        XCTAssertEqual(PDFContentStream.drawnXObjectNames(in: content), ["/Im1", "/Im2"])
        XCTAssertNil(PDFContentStream.drawnXObjectNames(in: Data("BI /W 1 /H 1 ID x EI".utf8)))
    }

    // MARK: - Helpers

    /// A one-page PDF whose page paints object 4, an image with `image` as its dictionary; more objects follow from 5.
    static func singleImagePage(image: String, content: String = "q 200 0 0 200 0 0 cm /Im0 Do Q",
                                resources: String = "/Im0 4 0 R", extra: [String] = []) -> [String] {
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Resources << /XObject << \(resources) >> >> /Contents \(5 + extra.count) 0 R >>",
            HandWrittenPDF.stream("/Type /XObject /Subtype /Image \(image)", Data(count: 400)),
        ] + extra + [HandWrittenPDF.stream("", Data(content.utf8))]
    }

    /// Writes `pdf` to a temporary file and opens it with qpdf (qpdf reads lazily, so the file stays until the test ends).
    static func open(_ pdf: Data) throws -> QPDFDocument {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("qpdf-\(UUID().uuidString).pdf")
        try pdf.write(to: url)
        let document = try QPDFDocument(path: url.path)
        // qpdf keeps the file open; unlinking it now leaves nothing behind.
        try FileManager.default.removeItem(at: url)
        return document
    }

    /// `pdfimages -j` of every file in `pdfs`, in order: the JPEG streams exactly as stored.
    static func extractedJPEGs(from pdfs: [URL], into folder: URL) throws -> [Data] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var images: [Data] = []
        for (index, pdf) in pdfs.enumerated() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/pdfimages")
            process.arguments = ["-j", pdf.path, folder.appendingPathComponent("\(index)").path]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "pdfimages \(pdf.path)")
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix("\(index)-") }.sorted()
            XCTAssertTrue(names.allSatisfy { $0.hasSuffix(".jpg") }, "not all images are JPEG: \(names)")
            images += try names.map { try Data(contentsOf: folder.appendingPathComponent($0)) }
        }
        return images
    }
}

/// Small PDFs written by hand with a correct cross-reference table, for pages no scanner in
/// SampleScans produced. Object `n` is `objects[n - 1]`; object 1 is the catalogue.
enum HandWrittenPDF {
    static func make(_ objects: [String]) -> Data {
        var body = Data("%PDF-1.7\n%".utf8) + Data([0xE2, 0xE3, 0xCF, 0xD3, 0x0A])
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(body.count)
            body += Data("\(index + 1) 0 obj\n".utf8) + Data(object.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) })
                + Data("\nendobj\n".utf8)
        }
        let xref = body.count
        body += Data("xref\n0 \(objects.count + 1)\n0000000000 65535 f \n".utf8)
        body += Data(offsets.map { String(format: "%010d 00000 n \n", $0) }.joined().utf8)
        body += Data("trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n".utf8)
        return body
    }

    /// A stream object; `data` travels as Latin-1 scalars so `make` writes it back byte for byte.
    static func stream(_ dictionary: String, _ data: Data) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: data.map { Unicode.Scalar($0) })
        return "<< \(dictionary) /Length \(data.count) >>\nstream\n" + String(scalars) + "\nendstream"
    }
}

/// Issue #13: PDF/A forbids LZW, so an image-only scan stored LZW-compressed is re-encoded
/// losslessly under PDF/A and passed through only for a plain PDF.
final class LZWScanTests: XCTestCase {
    /// PDF's LZW (clear code first, 9-bit codes throughout: the input is kept small enough that the
    /// table never reaches the 10-bit switch).
    static func lzw(_ bytes: [UInt8]) -> Data {
        var table: [[UInt8]: Int] = [:]
        for value in 0...255 { table[[UInt8(value)]] = value }
        var codes = [256], next = 258, current: [UInt8] = []
        for byte in bytes {
            let extended = current + [byte]
            if table[extended] != nil { current = extended; continue }
            codes.append(table[current] ?? 0)
            table[extended] = next
            next += 1
            current = [byte]
        }
        codes.append(table[current] ?? 0)
        codes.append(257)
        precondition(next < 511, "input too varied for 9-bit codes")
        var data = Data(), buffer = 0, bits = 0
        for code in codes {
            buffer = (buffer << 9) | code
            bits += 9
            while bits >= 8 { data.append(UInt8((buffer >> (bits - 8)) & 0xFF)); bits -= 8 }
        }
        if bits > 0 { data.append(UInt8((buffer << (8 - bits)) & 0xFF)) }
        return data
    }

    func testLZWScanIsReencodedUnderPDFAAndPassedThroughWhenPlain() throws {
        let pixels = [UInt8](repeating: 200, count: 100 * 100)
        let pdf = HandWrittenPDF.make([
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] /Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>",
            HandWrittenPDF.stream("/Type /XObject /Subtype /Image /Width 100 /Height 100 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /LZWDecode",
                                  Self.lzw(pixels)),
            HandWrittenPDF.stream("", Data("q 100 0 0 100 0 0 cm /Im0 Do Q".utf8)),
        ])
        let work = try TestSupport.temporaryFolder("lzw")
        defer { try? FileManager.default.removeItem(at: work) }
        let source = work.appendingPathComponent("scan.pdf")
        try pdf.write(to: source)
        XCTAssertEqual(try XCTUnwrap(QPDFDocument(path: source.path).scanImage(page: 0)).filters, ["/LZWDecode"])
        let page = PDFPage(location: PageLocation(path: source.path, format: .pdf, frame: 0), isSingleFrame: true, compression: "",
                           dpi: 72, width: 100, height: 100, words: [])
        for (profile, expected) in [(PDFProfile.plain, "pdf-passthrough"), (.pdfA2b, "flate")] {
            let writer = try SearchablePDFWriter(decoder: PageDecoder(), profile: profile)
            let output = work.appendingPathComponent("\(profile.rawValue).pdf")
            let written = try writer.write([page], info: PDFDocumentInfo(title: "LZW"), to: output)
            XCTAssertEqual(written.imageEncodings, [expected], "\(profile)")
            let bytes = String(decoding: try Data(contentsOf: output), as: Unicode.ASCII.self)
            XCTAssertEqual(bytes.contains("/LZWDecode"), profile == .plain, "\(profile)")
        }
    }
}
