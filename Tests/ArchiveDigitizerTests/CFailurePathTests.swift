import Foundation
import XCTest
@testable import ArchiveDigitizer

/// Each failure path at the C boundary that issue #16 found wrong, reached for real: the error is
/// the right one, its message is one line an archivist can act on, and nothing is freed twice.
final class CFailurePathTests: XCTestCase {
    private var work: URL!

    override func setUpWithError() throws { work = try TestSupport.temporaryFolder("cpaths") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: work) }

    /// A folder holding a `vie.traineddata` that is not a model, and the font the PDF writer needs.
    private func bogusTessdata() throws -> URL {
        let folder = work.appendingPathComponent("tessdata")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        try Data((0..<5000).map { _ in UInt8.random(in: 0...255, using: &generator) })
            .write(to: folder.appendingPathComponent("vie.traineddata"))
        try FileManager.default.copyItem(at: URL(fileURLWithPath: TesseractEngine.defaultDataPath).appendingPathComponent("pdf.ttf"),
                                         to: folder.appendingPathComponent("pdf.ttf"))
        return folder
    }

    func testTesseractRefusingAModelThrowsWithoutFreeingTheEngineTwice() throws {
        let tessdata = try bogusTessdata()
        for _ in 0..<3 {
            XCTAssertThrowsError(try TesseractEngine(language: "vie", dataPath: tessdata.path)) { error in
                guard case OCRError.modelUnusable = error else { return XCTFail("\(error)") }
            }
        }
        // The process is still sound: a real engine loads and reads afterwards.
        XCTAssertNoThrow(try TesseractEngine(language: "vie"))
    }

    func testABogusTrainedDataStopsTheRunWithExitThreeAndOneLine() throws {
        let tessdata = try bogusTessdata()
        let config = work.appendingPathComponent("config.json")
        try Data(#"{"run": {"tessdata_path": "\#(tessdata.path)"}}"#.utf8).write(to: config)
        let scans = work.appendingPathComponent("scans")
        try TestSupport.copySampleScans(to: scans, files: ["HN-UB.02.015.0042"])
        let run = try TestSupport.run(["run", scans.path, "--archive", work.appendingPathComponent("archive").path,
                                       "--config", config.path, "--quiet"])
        XCTAssertEqual(run.status, 3, run.output + run.errors)
        let lines = run.errors.split(separator: "\n")
        XCTAssertEqual(lines.count, 1, run.errors)
        XCTAssertTrue(run.errors.contains("Tesseract refused the language model “vie”"), run.errors)
    }

    func testALockThatIsHeldIsRefusedAndItsDescriptorClosedOnce() throws {
        let held = try ArchiveLock(archive: work)
        // The refusal's path closes its descriptor once (deinit does not run); a probe opened after stays usable.
        for _ in 0..<3 {
            XCTAssertThrowsError(try ArchiveLock(archive: work)) { error in
                XCTAssertTrue("\(error)".contains("Another digitize command"), "\(error)")
            }
            let probe = open("/dev/null", O_RDONLY)
            XCTAssertGreaterThanOrEqual(probe, 0)
            XCTAssertNotEqual(fcntl(probe, F_GETFD), -1, "the descriptor was closed behind our back")
            close(probe)
        }
        withExtendedLifetime(held) {}
    }

    func testALockInAFolderThatCannotExistNamesTheSystemsReason() throws {
        let file = work.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try ArchiveLock(archive: file)) { error in
            XCTAssertTrue("\(error)".contains("Not a directory"), "\(error)")
        }
    }

    func testAFolderUnderAFileReportsNotADirectoryInsteadOfNoSuchFile() throws {
        let file = work.appendingPathComponent("documents")
        try Data("x".utf8).write(to: file)
        XCTAssertThrowsError(try DurableFile.write(Data("pdf".utf8), to: file.appendingPathComponent("HN/1.pdf"))) { error in
            guard let error = error as? DurableFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, ENOTDIR, "\(error)")
            XCTAssertTrue(error.description.contains("Not a directory"), error.description)
        }
    }

    /// Tests run as root, for whom permissions do not stop a write; a read-only bind mount does.
    func testAReadOnlyArchiveFolderReportsTheReadOnlyFileSystem() throws {
        let folder = work.appendingPathComponent("readonly")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard Self.shell("mount --bind \(folder.path) \(folder.path) && mount -o remount,ro,bind \(folder.path)") == 0 else {
            throw XCTSkip("this machine does not allow a read-only bind mount")
        }
        defer { _ = Self.shell("umount \(folder.path)") }
        XCTAssertThrowsError(try DurableFile.write(Data("pdf".utf8), to: folder.appendingPathComponent("HN/1.pdf"))) { error in
            guard let error = error as? DurableFileError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.code, EROFS, "\(error)")
            XCTAssertTrue(error.isFatalForRun)
            XCTAssertTrue(error.description.contains("Read-only file system"), error.description)
        }
    }

    func testAWrongNumberOfValuesForAStatementIsAnError() throws {
        let database = try SQLiteConnection(path: work.appendingPathComponent("t.sqlite").path)
        try database.execute("CREATE TABLE t(a, b)")
        XCTAssertThrowsError(try database.query("INSERT INTO t VALUES (?, ?)", [1])) { error in
            XCTAssertTrue("\(error)".contains("expects 2 value(s) but was given 1"), "\(error)")
        }
        XCTAssertThrowsError(try database.query("INSERT INTO t VALUES (?, ?)", [1, 2, 3]))
        XCTAssertEqual(try database.query("SELECT count(*) FROM t").first?.first?.int, 0, "nothing was inserted with NULLs")
        try database.query("INSERT INTO t VALUES (?, ?)", [1, 2])
        XCTAssertEqual(try database.query("SELECT a + b FROM t").first?.first?.int, 3)
    }

    private static func shell(_ command: String) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command + " 2>/dev/null"]
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
