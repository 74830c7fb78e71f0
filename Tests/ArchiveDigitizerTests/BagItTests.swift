import XCTest
@testable import ArchiveDigitizer

/// `digitize export bagit` on the real SampleScans archive: the bag is valid for the Python
/// `bagit` package (an independent implementation of RFC 8493), carries every PDF unchanged, and is
/// refused when an archive PDF changed since it was recorded.
final class BagItTests: SampleArchiveTestCase {

    /// The Python with the `bagit` package (`make test` sets TEST_PYTHON to its venv).
    private func bagitPython() throws -> String {
        guard let python = ProcessInfo.processInfo.environment["TEST_PYTHON"], !python.isEmpty else {
            throw XCTSkip("TEST_PYTHON is not set: run `make test`, or set it to a Python with the bagit package (pip install bagit)")
        }
        return python
    }

    /// Runs `bagit.py --validate` on `bag`; returns its exit status and messages.
    private func validate(_ bag: URL, python: String) throws -> (status: Int32, log: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "bagit", "--validate", bag.path]
        let log = copy.work.appendingPathComponent("bagit.log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil) else { throw CocoaError(.fileWriteUnknown) }
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        return (process.terminationStatus, (try? String(contentsOf: log, encoding: .utf8)) ?? "")
    }

    func testTheBagValidatesWithBagitPyAndCarriesEveryPDFUnchanged() throws {
        let python = try bagitPython()
        let bag = copy.work.appendingPathComponent("transfer/bag")
        let run = try TestSupport.run(["export", "bagit", "--archive", copy.archive.path, "--to", bag.path,
                                       "--source-organization", "Lưu trữ Lịch sử Thành phố"])
        XCTAssertEqual(run.status, 0, run.output + run.errors)
        let validation = try validate(bag, python: python)
        XCTAssertEqual(validation.status, 0, validation.log)
        XCTAssertTrue(validation.log.contains("is valid"), validation.log)

        XCTAssertEqual(try String(contentsOf: bag.appendingPathComponent("bagit.txt"), encoding: .utf8),
                       "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n")
        let info = try String(contentsOf: bag.appendingPathComponent("bag-info.txt"), encoding: .utf8)
        XCTAssertTrue(info.contains("Source-Organization: Lưu trữ Lịch sử Thành phố\n"), info)
        XCTAssertNotNil(info.range(of: #"Bagging-Date: \d{4}-\d{2}-\d{2}\n"#, options: .regularExpression), info)

        let documents = try copy.catalogue().query("SELECT pdf_path, pdf_sha256, pdf_size FROM documents ORDER BY doc_code")
        var bytes: Int64 = 0
        for row in documents {
            let path = try XCTUnwrap(row[0].string)
            XCTAssertTrue(path.hasPrefix("documents/"))
            let copied = bag.appendingPathComponent("data/" + path)
            XCTAssertEqual(try SHA256Digest.hex(ofFileAt: copied.path), row[1].string, path)
            bytes += Int64(try XCTUnwrap(row[2].int))
        }
        var payloadFiles = documents.count
        for name in ["catalogue.json", "catalogue.csv", "catalogue.xml"] {
            let url = bag.appendingPathComponent("data/metadata/" + name)
            let size = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int)
            bytes += Int64(size)
            payloadFiles += 1
        }
        XCTAssertTrue(info.contains("Payload-Oxum: \(bytes).\(payloadFiles)\n"), info)
        let catalogue = try JSONSerialization.jsonObject(with: Data(contentsOf: bag.appendingPathComponent("data/metadata/catalogue.json")))
        XCTAssertEqual(((catalogue as? [String: Any])?["files"] as? [Any])?.count, 3)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: bag.deletingLastPathComponent().path), ["bag"],
                       "no temporary folder left beside the bag")

        // The validator is not a rubber stamp: a changed payload byte fails it.
        let first = try XCTUnwrap(documents.first?[0].string)
        try SampleArchive.flipByte(in: bag.appendingPathComponent("data/" + first))
        XCTAssertNotEqual(try validate(bag, python: python).status, 0)
    }

    func testAPDFChangedSinceItWasRecordedStopsTheExportAndLeavesNoBag() throws {
        let path = try XCTUnwrap(copy.catalogue().query("SELECT pdf_path FROM documents ORDER BY doc_code DESC").first?[0].string)
        try SampleArchive.flipByte(in: copy.archive.appendingPathComponent(path))
        let bag = copy.work.appendingPathComponent("transfer/bag")
        try FileManager.default.createDirectory(at: bag.deletingLastPathComponent(), withIntermediateDirectories: true)
        let archive = try ExistingArchive(copy.archive)
        XCTAssertThrowsError(try Exporter(archive: archive).export(.bagit, to: bag)) { error in
            guard case let .documentChanged(changed, _, _)? = error as? ExportError else { return XCTFail("\(error)") }
            XCTAssertEqual(changed, path)
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: bag.deletingLastPathComponent().path), [],
                       "neither the bag nor its temporary folder is left")
        let cli = try TestSupport.run(["export", "bagit", "--archive", copy.archive.path, "--to", bag.path])
        XCTAssertNotEqual(cli.status, 0)
        XCTAssertTrue(cli.errors.contains("digitize verify"), cli.errors)
    }

    func testAnExistingDestinationIsNeverOverwritten() throws {
        let bag = copy.work.appendingPathComponent("occupied")
        try FileManager.default.createDirectory(at: bag, withIntermediateDirectories: true)
        try Data("keep me".utf8).write(to: bag.appendingPathComponent("notes.txt"))
        let cli = try TestSupport.run(["export", "bagit", "--archive", copy.archive.path, "--to", bag.path])
        XCTAssertNotEqual(cli.status, 0)
        XCTAssertTrue(cli.errors.contains("already exists"), cli.errors)
        XCTAssertEqual(try String(contentsOf: bag.appendingPathComponent("notes.txt"), encoding: .utf8), "keep me")
    }
}
