import Foundation
import XCTest

/// The independent readers the text layer and the PDF/A claim are checked with (issue #13):
/// poppler's `pdftotext`, pdfplumber and pikepdf's PDF/A validator (veraPDF's rules) from the test
/// venv (`TEST_PYTHON`, which `make test` sets), `qpdf --check`, and an order-sensitive character
/// error rate to compare what they read with the ground truth.
enum TextLayerReaders {
    /// The test venv's Python, or a skip that says how to get it.
    static func python() throws -> String {
        guard let python = ProcessInfo.processInfo.environment["TEST_PYTHON"], !python.isEmpty else {
            throw XCTSkip("TEST_PYTHON (a Python with pdfplumber and pikepdf[pdfa]) is not set; `make test` sets it")
        }
        return python
    }

    /// Runs `executable` and returns its exit status and standard output.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `pdftotext` (with `flags`, e.g. `-raw`) of page `page` (1-based).
    static func pdftotext(_ path: String, page: Int, flags: [String] = []) throws -> String {
        try run("/usr/bin/pdftotext", flags + ["-f", String(page), "-l", String(page), path, "-"]).output
    }

    /// pdfplumber's `extract_text()` of every page of `path`, in page order.
    static func pdfplumber(_ path: String) throws -> [String] {
        let script = "import pdfplumber,sys\nwith pdfplumber.open(sys.argv[1]) as p:\n"
            + " sys.stdout.write('\\f'.join((q.extract_text() or '') for q in p.pages))"
        let result = try run(try python(), ["-c", script, path])
        XCTAssertEqual(result.status, 0, "pdfplumber could not read \(path)")
        return result.output.components(separatedBy: "\u{0C}")
    }

    /// `words` (a ground-truth page's, at `dpi`) in the order pdfplumber's `extract_text()` gives
    /// any text layer whose words sit on their ink, each line on one baseline — side-by-side blocks
    /// interleaved line by line (`plumber_order` of scripts/score-text-layer.py, which uses
    /// pdfplumber's own clustering). Its error against the truth is what a perfect text layer
    /// scores through pdfplumber.
    static func pdfplumberOrder(of words: [GroundTruth.Word], dpi: Int) throws -> String {
        let scorer = TestSupport.packageRoot.appendingPathComponent("scripts/score-text-layer.py").path
        let script = """
            import importlib.util, json, sys
            spec = importlib.util.spec_from_file_location('layer', sys.argv[1])
            layer = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(layer)
            sys.stdout.write(layer.plumber_order({'dpi': int(sys.argv[3]), 'words': json.loads(sys.argv[2])}))
            """
        let json = String(decoding: try JSONEncoder().encode(words), as: UTF8.self)
        let result = try run(try python(), ["-c", script, scorer, json, String(dpi)])
        XCTAssertEqual(result.status, 0, "scripts/score-text-layer.py's plumber_order could not be run")
        return result.output
    }

    /// The PDF/A-2b findings of pikepdf's validator (`pikepdf.pdfa.validate_written`) for each
    /// path, one line per finding; empty when every file passes.
    static func pdfA2bFindings(_ paths: [String]) throws -> [String] {
        let script = """
            import sys, pikepdf, pikepdf.pdfa as a
            assert tuple(int(x) for x in pikepdf.__version__.split('.')[:2]) >= (10, 18), pikepdf.__version__
            for path in sys.argv[1:]:
                report = a.validate_written(path, '2b')
                for finding in report.findings: print(path, finding)
                if not report.passed and not list(report.findings): print(path, 'not passed')
            """
        let result = try run(try python(), ["-c", script] + paths)
        XCTAssertEqual(result.status, 0, "pikepdf[pdfa] >= 10.18 is needed in the test venv (make test installs it)")
        return result.output.split(separator: "\n").map(String.init)
    }

    /// `qpdf --check`'s verdict: nil when the file is sound, else what qpdf said.
    static func qpdfProblems(_ path: String) throws -> String? {
        let result = try run("/usr/bin/qpdf", ["--check", path])
        return result.status == 0 ? nil : result.output
    }

    /// NFC, whitespace collapsed to single spaces (as scripts/score-ocr.py's `normalise`).
    static func normalise(_ text: String) -> [Unicode.Scalar] {
        Array(text.precomposedStringWithCanonicalMapping.split(whereSeparator: \.isWhitespace).joined(separator: " ").unicodeScalars)
    }

    /// Levenshtein distance over Unicode scalars (two rows).
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count), current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Character errors of `text` against `truth` (both normalised) and the truth's length.
    static func errors(_ text: String, truth: String) -> (errors: Int, length: Int) {
        let expected = normalise(truth)
        return (distance(expected, normalise(text)), expected.count)
    }

    /// The lines of `catalogueText` of at least `minimum` characters that `read` contains whole
    /// (after whitespace is collapsed), and how many such lines there are: lines that stay lines.
    static func intactLines(of catalogueText: String, in read: String, minimum: Int = 20) -> (intact: Int, total: Int) {
        let haystack = String(String.UnicodeScalarView(normalise(read)))
        let lines = catalogueText.split(separator: "\n").map { String(String.UnicodeScalarView(normalise(String($0)))) }
            .filter { $0.count >= minimum }
        return (lines.filter { haystack.contains($0) }.count, lines.count)
    }
}
