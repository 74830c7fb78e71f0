import CLeptonica
import XCTest
@testable import ArchiveDigitizer

/// Whatever a scanner room throws at the pipeline, each bad file gets a one-line reason, the
/// good pages are done, and the process neither crashes nor stops the batch.
final class BadInputTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws { work = try TestSupport.temporaryFolder("bad") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    func testEachBadFileGetsAReasonAndGoodOnesAreDone() throws {
        let folder = work.appendingPathComponent("scans/HN-TU.99.001.0001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/2.png")
        // Names an archivist's scanner or colleague might produce.
        let oddName = "trang 2 \"bản\" 'sao'\nmới.png"
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent(oddName))
        // A name that is not UTF-8 (Latin-1 bytes from an old scanning PC).
        let rawName = Array(folder.path.utf8) + Array("/trang\u{FF}".utf8).dropLast(2) + [0xFF] + Array("2.png".utf8) + [0]
        let png = try Data(contentsOf: good)
        let descriptor = rawName.withUnsafeBufferPointer { open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_WRONLY | O_CREAT, 0o644) }
        XCTAssertGreaterThanOrEqual(descriptor, 0)
        _ = png.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        // A PNG named .jpg: decoded by content.
        try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("3.jpg"))
        try Self.decompressionBomb().write(to: folder.appendingPathComponent("4.png"))
        try Self.writeTinyImage(to: folder.appendingPathComponent("5.png"))
        try Self.bornDigitalPDF().write(to: folder.appendingPathComponent("6.pdf"))
        try Self.encrypt(folder.appendingPathComponent("6.pdf"), to: folder.appendingPathComponent("7.pdf"))
        let pdf = try Data(contentsOf: TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0043/scan.pdf"))
        try pdf.prefix(pdf.count / 2).write(to: folder.appendingPathComponent("8.pdf"))
        let tiff = try Data(contentsOf: TestSupport.sampleScans.appendingPathComponent("HN-TU.01.037.0001/2.tif"))
        try tiff.prefix(2000).write(to: folder.appendingPathComponent("9.tif"))
        let jpeg = try Data(contentsOf: TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/3.jpg"))
        try jpeg.prefix(600).write(to: folder.appendingPathComponent("10.jpg"))
        try png.prefix(png.count / 3).write(to: folder.appendingPathComponent("11.png"))
        try Data().write(to: folder.appendingPathComponent("12.png"))
        var generator = SystemRandomNumberGenerator()
        try Data((0..<50_000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: folder.appendingPathComponent("13.tif"))

        let archive = work.appendingPathComponent("archive")
        // In Vietnamese (`--lang vi`): each failure says first what its kind means and what to do, then the detail.
        let run = try TestSupport.run(["run", work.appendingPathComponent("scans").path, "--archive", archive.path, "--quiet", "--lang", "vi"])
        XCTAssertEqual(run.status, 2, run.output + run.errors)
        for expected in ["Vấn đề cần xử lý (", "12.png: Tệp trống (0 byte): cần quét lại trang — ", "4.png: Ảnh quá lớn",
                         "7.pdf: PDF có mật khẩu", "6.pdf page 1: Trang PDF gốc điện tử"] {
            XCTAssertTrue(run.output.contains(expected), "“\(expected)” missing: \(run.output)")
        }
        let db = try TestSupport.catalogue(archive)
        let states = Dictionary(uniqueKeysWithValues: try db.query("""
            SELECT s.name, p.state, coalesce(p.error_kind, ''), coalesce(p.error, '') FROM pages p JOIN sources s ON s.id = p.source_id
            """).map { ($0[0].string ?? "", ($0[1].string ?? "", $0[2].string ?? "", $0[3].string ?? "")) })
        XCTAssertEqual(states[oddName]?.0, "done", "odd file names are fine: \(states)")
        XCTAssertEqual(states["3.jpg"]?.0, "done", "a PNG named .jpg is decoded by its content")
        XCTAssertEqual(states["trang\\xFF2.png"]?.0, "done", "a non-UTF-8 name is read through a link: \(states.keys.sorted())")
        XCTAssertEqual(states["4.png"]?.1, "too-large", "\(states)")
        XCTAssertEqual(states["5.png"]?.1, "too-small", "\(states)")
        XCTAssertEqual(states["6.pdf"]?.1, "has-text", "\(states)")
        XCTAssertEqual(states["7.pdf"]?.1, "encrypted", "\(states)")
        for name in ["8.pdf", "9.tif", "10.jpg", "11.png", "12.png", "13.tif"] {
            XCTAssertEqual(states[name]?.0, "failed", "\(name): \(String(describing: states[name]))")
        }
        for (name, state) in states where state.0 == "failed" {
            XCTAssertFalse(state.2.isEmpty, "\(name) failed without a reason")
            XCTAssertFalse(state.2.contains("\n"), "reasons are one line: \(state.2)")
            XCTAssertTrue(run.output.contains(name.components(separatedBy: "\n")[0]), "the summary names \(name)")
        }
        XCTAssertTrue(run.output.contains("60000×60000"), run.output)
        XCTAssertEqual(try db.query("SELECT count(*) FROM documents").first?.first?.int, 1, "the good pages became a PDF")
        XCTAssertEqual(try db.query("SELECT count(*) FROM pages WHERE state = 'done'").first?.first?.int, 3)
    }

    func testSIGINTStopsGracefullyAndARerunFinishes() throws {
        try checkGracefulStop(on: SIGINT, exitCode: 130)
    }

    func testSIGTERMStopsGracefullyAndARerunFinishes() throws {
        try checkGracefulStop(on: SIGTERM, exitCode: 143)
    }

    /// Sends `signal` once the first page is done: the run finishes the pages in hand, records them,
    /// says so and exits with `exitCode`; a rerun does exactly the rest.
    private func checkGracefulStop(on signal: Int32, exitCode: Int32) throws {
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: ["HN-TU.01.037.0001", "HN-UB.02.015.0042"])
        let archive = work.appendingPathComponent("archive")
        let process = try TestSupport.start(["run", scans.path, "--archive", archive.path, "--jobs", "2"], outputTo: work)
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if let done = try? ResumeTests.pagesDone(in: archive), done >= 1 { break }
            usleep(20_000)
        }
        try XCTSkipUnless(process.isRunning, "the run ended before the signal could be sent")
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        let output = try String(contentsOf: work.appendingPathComponent("out.txt"), encoding: .utf8)
        XCTAssertEqual(process.terminationStatus, exitCode, output)
        XCTAssertTrue(output.contains("Stopped on request"), output)
        let done = try ResumeTests.pagesDone(in: archive)
        XCTAssertLessThan(done, 8, "it stopped before the end")
        let rerun = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"])
        XCTAssertEqual(rerun.status, 0)
        XCTAssertTrue(rerun.output.contains("\(8 - done) OCR'd now, \(done) already done before"), rerun.output)
        let db = try TestSupport.catalogue(archive)
        XCTAssertEqual(try db.query("SELECT outcome FROM runs ORDER BY id").map { $0[0].string ?? "" }, ["interrupted", "finished"])
    }

    func testDiskFullStopsCleanlyAndARunWithSpaceCompletes() throws {
        let mountPoint = work.appendingPathComponent("small-disk")
        try FileManager.default.createDirectory(at: mountPoint, withIntermediateDirectories: true)
        guard Self.shell("/bin/mount", ["-t", "tmpfs", "-o", "size=2200k", "tmpfs", mountPoint.path]) == 0 else {
            throw XCTSkip("cannot mount a small tmpfs here (needs root); the disk-full test did not run")
        }
        defer { _ = Self.shell("/bin/umount", [mountPoint.path]) }
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: ["HN-TU.01.037.0001", "HN-UB.02.015.0042"])
        let archive = mountPoint.appendingPathComponent("archive")
        let full = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"])
        XCTAssertEqual(full.status, 74, full.output + full.errors)
        XCTAssertTrue((full.output + full.errors).contains("full"), full.output + full.errors)
        XCTAssertTrue(TestSupport.files(under: archive).allSatisfy { !$0.contains(DurableFile.temporaryPrefix) },
                      "no half-written file: \(TestSupport.files(under: archive))")
        XCTAssertEqual(Self.shell("/bin/mount", ["-o", "remount,size=64m", mountPoint.path]), 0)
        let rerun = try TestSupport.run(["run", scans.path, "--archive", archive.path, "--quiet"])
        XCTAssertEqual(rerun.status, 0, rerun.output + rerun.errors)
        let clean = work.appendingPathComponent("clean")
        XCTAssertEqual(try TestSupport.run(["run", scans.path, "--archive", clean.path, "--quiet"]).status, 0)
        XCTAssertEqual(try TestSupport.fingerprint(of: archive), try TestSupport.fingerprint(of: clean))
    }

    func testAScanRemovedDuringTheRunAndAnUnreadableScanGetReasonsAndTheRestIsDone() throws {
        let folder = work.appendingPathComponent("scans/HN-TU.99.005.0001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let good = TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/2.png")
        for number in 1...6 { try FileManager.default.copyItem(at: good, to: folder.appendingPathComponent("\(number).png")) }
        XCTAssertEqual(chmod(folder.appendingPathComponent("5.png").path, 0), 0)
        let archive = work.appendingPathComponent("archive")
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        // Root reads any file whatever its permissions, so as root the run is made as `nobody`.
        let arguments = ["run", work.appendingPathComponent("scans").path, "--archive", archive.path, "--jobs", "1"]
        let process: Process
        if getuid() == 0 {
            for path in [work.path, archive.path] { XCTAssertEqual(chmod(path, 0o777), 0) }
            process = try TestSupport.start(arguments, outputTo: work,
                                            through: ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
        } else {
            process = try TestSupport.start(arguments, outputTo: work)
        }
        let deadline = Date().addingTimeInterval(120)
        while process.isRunning && Date() < deadline {
            if let done = try? ResumeTests.pagesDone(in: archive), done >= 1 { break }
            usleep(20_000)
        }
        // One worker reads the pages in order: 6.png is still to come when the first page is done.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("6.png"))
        process.waitUntilExit()
        let output = try String(contentsOf: work.appendingPathComponent("out.txt"), encoding: .utf8)
        XCTAssertEqual(process.terminationStatus, 2, output)
        let db = try TestSupport.catalogue(archive)
        let reasons = Dictionary(try db.query("""
            SELECT s.name, coalesce(p.error, s.error, '') FROM sources s LEFT JOIN pages p ON p.source_id = s.id
            WHERE coalesce(p.state, 'failed') = 'failed'
            """).map { ($0[0].string ?? "", $0[1].string ?? "") }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(Set(reasons.keys), ["5.png", "6.png"], "\(reasons)")
        XCTAssertTrue(reasons["5.png"]?.contains("ermission") == true, "\(reasons)")
        XCTAssertTrue(reasons["6.png"]?.contains("removed or renamed") == true, "\(reasons)")
        XCTAssertEqual(try db.query("SELECT count(*) FROM pages WHERE state = 'done'").first?.first?.int, 4)
        XCTAssertTrue(output.contains("5.png") && output.contains("6.png"), "the summary names both: \(output)")
    }

    func testAMultiPageTIFFWithOneBrokenFrameKeepsItsGoodFrames() throws {
        let folder = work.appendingPathComponent("scans/HN-TU.99.004.0001")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tiff = folder.appendingPathComponent("1.tif")
        let page = try XCTUnwrap(pixRead(TestSupport.sampleScans.appendingPathComponent("HN-UB.02.015.0042/2.png").path))
        let binary = try XCTUnwrap(pixConvertTo1(page, 130))
        pixSetResolution(binary, 200, 200)
        for (index, mode) in ["w", "a", "a"].enumerated() {
            XCTAssertEqual(pixWriteTiff(tiff.path, binary, Int32(IFF_TIFF_G4), mode), 0, "frame \(index + 1)")
        }
        var ownedPage: UnsafeMutablePointer<Pix>? = page, ownedBinary: UnsafeMutablePointer<Pix>? = binary
        pixDestroy(&ownedPage); pixDestroy(&ownedBinary)
        // Point the second frame's image data past the end of the file, as a truncated copy would.
        var bytes = [UInt8](try Data(contentsOf: tiff))
        XCTAssertTrue(Self.breakStripOffset(ofFrame: 1, in: &bytes))
        try Data(bytes).write(to: tiff)

        let archive = work.appendingPathComponent("archive")
        let run = try TestSupport.run(["run", work.appendingPathComponent("scans").path, "--archive", archive.path, "--quiet"])
        XCTAssertEqual(run.status, 2, run.output + run.errors)
        XCTAssertTrue(run.output.contains("frame 2 could not be decoded"), run.output)
        let db = try TestSupport.catalogue(archive)
        XCTAssertEqual(try db.query("SELECT frame, state FROM pages ORDER BY frame").map { $0[1].string ?? "" }, ["done", "failed", "done"])
        let pdf = try XCTUnwrap(db.query("SELECT pdf_path FROM documents").first?.first?.string)
        XCTAssertEqual(try PopplerTestDocument(archive.appendingPathComponent(pdf)).pageCount, 2, "the good frames are in the PDF")
    }

    /// Sets the StripOffsets of frame `index` (0-based) of a little-endian, single-strip TIFF beyond the file's end.
    static func breakStripOffset(ofFrame index: Int, in bytes: inout [UInt8]) -> Bool {
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        guard bytes.count > 8, bytes[0] == 0x49 else { return false }
        var directory = u32(4)
        for _ in 0..<index { directory = u32(directory + 2 + 12 * u16(directory)) }
        for entry in 0..<u16(directory) {
            let at = directory + 2 + 12 * entry
            if u16(at) == 273 && u32(at + 4) == 1 {
                let past = UInt32(bytes.count + 100_000)
                for shift in 0..<4 { bytes[at + 8 + shift] = UInt8(truncatingIfNeeded: past >> (8 * UInt32(shift))) }
                return true
            }
        }
        return false
    }

    // MARK: Fixtures made here

    /// A PNG whose header declares 60,000 × 60,000 pixels (3.6 gigapixels) with no real data.
    static func decompressionBomb() -> Data {
        var data = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        func chunk(_ type: String, _ body: [UInt8]) {
            var length = UInt32(body.count).bigEndian
            data.append(Data(bytes: &length, count: 4))
            let typed = Array(type.utf8) + body
            data.append(contentsOf: typed)
            var crc = crc32(typed).bigEndian
            data.append(Data(bytes: &crc, count: 4))
        }
        let side: [UInt8] = [0x00, 0x00, 0xEA, 0x60]  // 60,000
        chunk("IHDR", side + side + [8, 0, 0, 0, 0])
        chunk("IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])
        chunk("IEND", [])
        return data
    }

    static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc >> 1) ^ (0xEDB8_8320 & (0 &- (crc & 1))) }
        }
        return ~crc
    }

    static func writeTinyImage(to url: URL) throws {
        guard let pix = pixCreate(1, 1, 8) else { throw CocoaError(.fileWriteUnknown) }
        pixSetResolution(pix, 300, 300)
        let status = pixWrite(url.path, pix, Int32(IFF_PNG))
        var owned: UnsafeMutablePointer<Pix>? = pix
        pixDestroy(&owned)
        guard status == 0 else { throw CocoaError(.fileWriteUnknown) }
    }

    /// A born-digital page: text, no scanned image.
    static func bornDigitalPDF() -> Data {
        TestSupport.pdf(objects: [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            "<< /Length 44 >>\nstream\nBT /F1 24 Tf 100 700 Td (Bao cao nam) Tj ET\nendstream",
        ])
    }

    static func encrypt(_ source: URL, to destination: URL) throws {
        let status = shell("/usr/bin/qpdf", ["--encrypt", "user-secret", "owner-secret", "256", "--", source.path, destination.path])
        guard status == 0 else { throw XCTSkip("qpdf is needed to make an encrypted PDF (apt-get install qpdf)") }
    }

    @discardableResult
    static func shell(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
