import CPoppler
import Foundation
import XCTest
@testable import ArchiveDigitizer

/// Paths and helpers shared by the integration tests: they run the real `digitize` binary on
/// real scans and look at what it leaves on disk.
enum TestSupport {
    /// A PDF of the five numbered `objects` (catalog, pages, page, then two more), with a correct
    /// cross-reference table: small hand-made inputs for the decoder's tests.
    static func pdf(objects: [String]) -> Data {
        precondition(objects.count == 5, "the cross-reference table is written for five objects")
        var body = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(body.utf8.count)
            body += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = body.utf8.count
        body += "xref\n0 6\n0000000000 65535 f \n" + offsets.map { String(format: "%010d 00000 n \n", $0) }.joined()
        body += "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(body.utf8)
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let sampleScans = packageRoot.appendingPathComponent("SampleScans")

    /// The `digitize` built next to the test bundle (debug, or whatever `swift test` built).
    static var digitize: URL {
        let candidates = [Bundle.main.bundleURL, Bundle(for: Marker.self).bundleURL.deletingLastPathComponent()]
            .map { $0.appendingPathComponent("digitize") }
            + [packageRoot.appendingPathComponent(".build/debug/digitize")]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[candidates.count - 1]
    }

    private final class Marker {}

    /// A fresh temporary folder, removed by the caller.
    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Copies the named archival files of SampleScans (all when empty) into `folder`.
    static func copySampleScans(to folder: URL, files: [String] = []) throws {
        let names = files.isEmpty ? ["HN-TU.01.037.0001", "HN-UB.02.015.0042", "HN-UB.02.015.0043"] : files
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for name in names {
            try FileManager.default.copyItem(at: sampleScans.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
    }

    struct Outcome {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Starts `digitize` with `arguments`; output goes to files so a chatty run cannot block on a pipe.
    /// `wrapper` (a command and its arguments, e.g. `setpriv …`) runs it under other credentials.
    static func start(_ arguments: [String], outputTo folder: URL, through wrapper: [String] = []) throws -> Process {
        let process = Process()
        if let command = wrapper.first {
            process.executableURL = URL(fileURLWithPath: command)
            process.arguments = Array(wrapper.dropFirst()) + [digitize.path] + arguments
        } else {
            process.executableURL = digitize
            process.arguments = arguments
        }
        process.currentDirectoryURL = packageRoot
        for name in ["out.txt", "err.txt"] {
            guard FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
        }
        process.standardOutput = try FileHandle(forWritingTo: folder.appendingPathComponent("out.txt"))
        process.standardError = try FileHandle(forWritingTo: folder.appendingPathComponent("err.txt"))
        try process.run()
        return process
    }

    /// Runs `digitize` to the end.
    static func run(_ arguments: [String]) throws -> Outcome {
        let logs = try temporaryFolder("log")
        defer { try? FileManager.default.removeItem(at: logs) }
        let process = try start(arguments, outputTo: logs)
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus,
                       output: (try? String(contentsOf: logs.appendingPathComponent("out.txt"), encoding: .utf8)) ?? "",
                       errors: (try? String(contentsOf: logs.appendingPathComponent("err.txt"), encoding: .utf8)) ?? "")
    }

    /// Opens an archive's catalogue.
    static func catalogue(_ archive: URL) throws -> SQLiteConnection {
        try SQLiteConnection(path: archive.appendingPathComponent("catalogue.sqlite").path)
    }

    /// What must be equal between two runs that processed the same scans: page texts and words, document checksums.
    static func fingerprint(of archive: URL) throws -> [String] {
        let db = try catalogue(archive)
        let pages = try db.query("""
            SELECT f.code, p.page_number, p.state, p.text, p.words FROM pages p JOIN files f ON f.id = p.file_id ORDER BY f.code, p.page_number
            """).map { $0.map { "\($0)" }.joined(separator: "|") }
        let documents = try db.query("SELECT doc_code, first_page, last_page, pdf_path, pdf_sha256, metadata FROM documents ORDER BY doc_code")
            .map { $0.map { "\($0)" }.joined(separator: "|") }
        return pages + documents
    }

    /// Every file under `folder`, relative paths.
    static func files(under folder: URL) -> [String] {
        let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var names: [String] = []
        while let url = walker?.nextObject() as? URL {
            names.append(String(url.path.dropFirst(folder.path.count + 1)))
        }
        return names.sorted()
    }
}

/// The ground truth written beside SampleScans by scripts/make-samplescans.py.
struct GroundTruth: Decodable {
    struct Word: Codable { var text: String; var line: Int; var box: [Int] }
    struct Page: Decodable {
        var source: String; var frame: Int; var page: Int; var dpi: Int
        var width_px: Int; var height_px: Int; var format: String; var colour: String
        var text: String; var words: [Word]
    }
    struct File: Decodable { var file_code: String; var pages: [Page] }
    var files: [File]

    static func load(_ url: URL = TestSupport.sampleScans.appendingPathComponent("ground-truth.json")) throws -> GroundTruth {
        try JSONDecoder().decode(GroundTruth.self, from: Data(contentsOf: url))
    }
}

/// A PDF opened through poppler-glib, an independent reader of what we wrote.
final class PopplerTestDocument {
    private let document: OpaquePointer

    init(_ url: URL) throws {
        var error: UnsafeMutablePointer<GError>? = nil
        guard let uri = g_filename_to_uri(url.path, nil, nil),
              let document = poppler_document_new_from_file(uri, nil, &error) else {
            throw NSError(domain: "poppler", code: 1, userInfo: [NSLocalizedDescriptionKey: "cannot open \(url.path)"])
        }
        g_free(uri)
        self.document = document
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    /// The Info dictionary's title, as poppler reads it.
    var title: String { Self.take(poppler_document_get_title(document)) }

    /// The catalogue's XMP metadata stream, as poppler reads it.
    var xmp: String { Self.take(poppler_document_get_metadata(document)) }

    private static func take(_ text: UnsafeMutablePointer<gchar>?) -> String {
        guard let text else { return "" }
        defer { g_free(text) }
        return String(cString: text)
    }

    func text(page index: Int) -> String {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return "" }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        guard let text = poppler_page_get_text(page) else { return "" }
        defer { g_free(text) }
        return String(cString: text)
    }

    /// Page size in points.
    func size(page index: Int) -> (width: Double, height: Double) {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return (0, 0) }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)
        return (width, height)
    }

    /// Where poppler finds `text` on the page: rectangles in points, origin top-left.
    func find(_ text: String, page index: Int) -> [(x1: Double, y1: Double, x2: Double, y2: Double)] {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return [] }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var height = 0.0, width = 0.0
        poppler_page_get_size(page, &width, &height)
        let list = poppler_page_find_text_with_options(page, text, POPPLER_FIND_CASE_SENSITIVE)
        var result: [(Double, Double, Double, Double)] = []
        var node = list
        while let current = node {
            if let raw = current.pointee.data {
                let rect = raw.assumingMemoryBound(to: PopplerRectangle.self)
                // find_text reports PDF user space (origin bottom-left); flip to top-left.
                result.append((rect.pointee.x1, height - rect.pointee.y2, rect.pointee.x2, height - rect.pointee.y1))
                poppler_rectangle_free(rect)
            }
            node = current.pointee.next
        }
        g_list_free(list)
        return result
    }
}
