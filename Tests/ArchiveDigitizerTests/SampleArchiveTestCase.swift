import XCTest
@testable import ArchiveDigitizer

/// A test case that works on its own fresh copy of the SampleScans archive (`SampleArchive`),
/// made before each test and removed after it, so tampering in one test never leaks into another.
class SampleArchiveTestCase: XCTestCase {
    var copy: SampleArchive.Copy!

    override func setUpWithError() throws {
        try super.setUpWithError()
        copy = try SampleArchive.copy(String(describing: type(of: self)))
    }

    override func tearDownWithError() throws {
        if let copy { try? FileManager.default.removeItem(at: copy.work) }
        try super.tearDownWithError()
    }
}
