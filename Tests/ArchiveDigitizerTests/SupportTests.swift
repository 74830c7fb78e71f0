import XCTest
@testable import ArchiveDigitizer

final class NaturalOrderTests: XCTestCase {
    func testDigitRunsSortByValue() {
        let names = ["10.png", "2.png", "1.png", "3.jpg", "page-20.tif", "page-3.tif"]
        XCTAssertEqual(names.sorted(by: NaturalOrder.isOrderedBefore),
                       ["1.png", "2.png", "3.jpg", "10.png", "page-3.tif", "page-20.tif"])
    }

    func testOrderIsTotalForNamesDifferingOnlyInCase() {
        XCTAssertTrue(NaturalOrder.isOrderedBefore("A.tif", "a.tif") != NaturalOrder.isOrderedBefore("a.tif", "A.tif"))
    }
}

final class BlockingQueueTests: XCTestCase {
    func testBoundedQueueDeliversEverythingInOrderAcrossThreads() {
        let queue = BlockingQueue<Int>(capacity: 3)
        let received = BlockingQueue<[Int]>(capacity: 1)
        Thread {
            var items: [Int] = []
            while let item = queue.pop() { items.append(item) }
            received.push(items)
        }.start()
        for value in 0..<1000 { XCTAssertTrue(queue.push(value)) }
        queue.close()
        XCTAssertEqual(received.pop(), Array(0..<1000))
        XCTAssertFalse(queue.push(1), "a closed queue refuses new work")
    }
}

final class DurableFileTests: XCTestCase {
    func testCommitReplacesAtomicallyAndAbandonLeavesNothing() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("durable-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("out.pdf")
        try DurableFile.write(Data("first".utf8), to: target)
        let file = try DurableFile(destination: target)
        try file.append(Data("second".utf8))
        file.abandon()
        XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), "first")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.pdf"])
        // A temporary left by a killed process is cleaned up.
        try Data("junk".utf8).write(to: folder.appendingPathComponent(".partial-99-out.pdf"))
        XCTAssertEqual(DurableFile.removeLeftovers(in: folder), 1)
    }
}

final class SHA256DigestTests: XCTestCase {
    func testKnownVectors() throws {
        XCTAssertEqual(SHA256Digest.hex(of: Data("abc".utf8)),
                       "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("sha-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: url) }
        let big = Data(repeating: 0x61, count: 3 << 20)  // crosses the 1 MiB chunk boundary
        try big.write(to: url)
        XCTAssertEqual(try SHA256Digest.hex(ofFileAt: url.path), SHA256Digest.hex(of: big))
    }
}
