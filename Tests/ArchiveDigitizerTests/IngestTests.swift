import XCTest
@testable import ArchiveDigitizer

final class InventoryTests: XCTestCase {
    func testQuotedFieldsExtraColumnsAndBadRows() throws {
        let csv = """
        \u{FEFF}file_code,title,start_date,end_date,retention,shelf_metres,fonds,box
        HN-TU.01.037.0001,"Hồ sơ về việc ""số hóa"", năm 2025",2025-01-02,2025-12-30,Vĩnh viễn,"0,012",TU,3
        ../../etc,Evil,,,,,,
        HN-TU.01.037.0001,Duplicate,,,,,,
        short,row
        HN-UB.02.015.0042,Kế hoạch,2024-01-01,2024-12-31,70 năm,abc,UB,4

        """
        let inventory = try Inventory(csv: csv)
        let entry = try XCTUnwrap(inventory.entries["HN-TU.01.037.0001"])
        XCTAssertEqual(entry.title, "Hồ sơ về việc \"số hóa\", năm 2025")
        XCTAssertEqual(entry.shelfMetres, 0.012)
        XCTAssertEqual(entry.extra, ["fonds": "TU", "box": "3"])
        XCTAssertNil(inventory.entries["../../etc"], "path traversal refused")
        XCTAssertNil(inventory.entries["HN-UB.02.015.0042"]?.shelfMetres, "a non-number extent is estimated instead")
        XCTAssertEqual(inventory.entries.count, 2)
        XCTAssertEqual(inventory.problems.count, 4, inventory.problems.joined(separator: "\n"))
    }

    func testMissingRequiredColumnIsAClearError() {
        XCTAssertThrowsError(try Inventory(csv: "file_code,title\nA,B\n")) { error in
            XCTAssertTrue("\(error)".contains("start_date"), "\(error)")
        }
    }
}

final class ScanFormatTests: XCTestCase {
    func testFormatIsSniffedFromContentNotName() {
        XCTAssertEqual(ScanFormat.sniff(Data([0x49, 0x49, 0x2A, 0x00, 1, 2])), .tiff)
        XCTAssertEqual(ScanFormat.sniff(Data([0x4D, 0x4D, 0x00, 0x2A])), .tiff)
        XCTAssertEqual(ScanFormat.sniff(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A])), .png)
        XCTAssertEqual(ScanFormat.sniff(Data([0xFF, 0xD8, 0xFF, 0xE0])), .jpeg)
        XCTAssertEqual(ScanFormat.sniff(Data("junk\n%PDF-1.4\n".utf8)), .pdf)
        XCTAssertNil(ScanFormat.sniff(Data("GIF89a".utf8)))
    }

    func testEmptyAndForeignFilesGiveArchivistMessages() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sniff-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let empty = folder.appendingPathComponent("1.tif")
        XCTAssertTrue(FileManager.default.createFile(atPath: empty.path, contents: Data()))
        XCTAssertThrowsError(try ScanFormat.sniff(fileAt: empty.path)) { XCTAssertEqual($0 as? IngestError, .emptyFile(path: empty.path)) }
        let text = folder.appendingPathComponent("2.png")
        try Data("hello".utf8).write(to: text)
        XCTAssertThrowsError(try ScanFormat.sniff(fileAt: text.path)) { XCTAssertEqual($0 as? IngestError, .notAnImage(path: text.path)) }
    }
}

final class ScanFolderTests: XCTestCase {
    func testFoldersOfPagesBecomeFilesInNaturalOrderAndLinkLoopsEnd() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("walk-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let fileA = root.appendingPathComponent("box 1/HN-TU.01.037.0001")
        try FileManager.default.createDirectory(at: fileA, withIntermediateDirectories: true)
        for name in ["10.tif", "2.tif", "1.tif", "notes.txt"] {
            XCTAssertTrue(FileManager.default.createFile(atPath: fileA.appendingPathComponent(name).path, contents: Data([1])))
        }
        try FileManager.default.createSymbolicLink(at: fileA.appendingPathComponent("loop"), withDestinationURL: root)
        let listing = try ScanFolder(root: root).list()
        XCTAssertEqual(listing.files.map(\.code), ["HN-TU.01.037.0001"])
        XCTAssertEqual(listing.files.first?.sources.map { ($0.path as NSString).lastPathComponent }, ["1.tif", "2.tif", "10.tif"])
        XCTAssertEqual(listing.ignored, ["box 1/HN-TU.01.037.0001/notes.txt"])
        XCTAssertEqual(listing.problems.count, 1, "the link back to the root is reported once, not followed forever")
    }
}
