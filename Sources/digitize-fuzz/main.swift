// libFuzzer targets (issue #16): built by `make fuzz` with `-sanitize=fuzzer,address` and
// `-parse-as-library`, when libFuzzer supplies `main` and calls `LLVMFuzzerTestOneInput` with each
// input. `FUZZ_TARGET` picks what the input is fed to. An ordinary build makes a program that only
// says how to run it. Every crash found becomes a regression test in FuzzRegressionTests.
@testable import ArchiveDigitizer
import Foundation

/// What each target feeds its input to; none may crash, whatever the bytes.
enum FuzzTarget: String, CaseIterable {
    /// Every scan format, by content: sniffed, counted and decoded as a run would.
    case decoder
    /// The PDF content-stream reader that finds the images a page paints.
    case contentStream = "content-stream"
    /// A PDF through libqpdf's image-stream reader and the pre-decoding size check.
    case imageStream = "image-stream"
    /// The CSV inventory (mục lục) reader.
    case inventory
    /// The search query parser.
    case searchQuery = "search-query"
    /// The configuration loader (`--config FILE`).
    case configuration

    static let current: FuzzTarget? = ProcessInfo.processInfo.environment["FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:))

    /// A private scratch file for the inputs that must be files.
    static let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("digitize-fuzz-\(getpid())")

    func run(_ data: Data) {
        switch self {
        case .decoder:
            guard (try? data.write(to: Self.scratch)) != nil else { return }
            let decoder = PageDecoder(maximumPixels: 4_000_000)
            guard let format = try? ScanFormat.sniff(fileAt: Self.scratch.path),
                  let frames = try? decoder.pageCount(path: Self.scratch.path, format: format) else { return }
            for frame in 0..<min(frames, 3) {
                _ = try? decoder.decode(PageLocation(path: Self.scratch.path, format: format, frame: frame))
            }
        case .contentStream:
            _ = PDFContentStream.drawnXObjectNames(in: data)
        case .imageStream:
            guard (try? data.write(to: Self.scratch)) != nil, let document = try? QPDFDocument(path: Self.scratch.path) else { return }
            for page in 0..<min(document.pageCount, 3) {
                _ = document.scanImage(page: page)
                _ = document.largestImageSize(page: page)
            }
        case .inventory:
            _ = try? Inventory(csv: String(decoding: data, as: UTF8.self))
        case .searchQuery:
            if let query = try? SearchQuery(String(decoding: data, as: UTF8.self)) {
                _ = query.expression(narrowingPrefixesWith: { [$0, $0 + "x"] })
            }
        case .configuration:
            guard (try? data.write(to: Self.scratch)) != nil else { return }
            _ = try? RunConfiguration.load(from: Self.scratch)
            _ = try? ProgressConfiguration.load(from: Self.scratch)
        }
    }
}

#if FUZZING
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    guard let target = FuzzTarget.current else {
        FileHandle.standardError.write(Data("Set FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(64)
    }
    target.run(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}
#else
print("digitize-fuzz: build with `make fuzz` (libFuzzer and AddressSanitizer); targets: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))")
#endif
