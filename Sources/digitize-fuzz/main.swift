// libFuzzer targets (issue #16): built by `make fuzz` with `-sanitize=fuzzer,address` and
// `-parse-as-library`, when libFuzzer supplies `main` and calls `LLVMFuzzerTestOneInput` with each
// input. `FUZZ_TARGET` picks what the input is fed to. This file has no top-level code, so an
// ordinary build makes a program that does nothing. See docs/hardening.md.
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

/// One input, fed to the target `FUZZ_TARGET` names.
func fuzzOne(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let target = FuzzTarget.current else {
        FileHandle.standardError.write(Data("Set FUZZ_TARGET to one of: \(FuzzTarget.allCases.map(\.rawValue).joined(separator: ", "))\n".utf8))
        exit(64)
    }
    target.run(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
}

#if FUZZING
/// libFuzzer's driver (compiler-rt), which runs `callback` on each input it makes.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(_ argc: UnsafeMutablePointer<CInt>,
                         _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                         _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

/// libFuzzer's usual entry point, which its driver also refers to.
@_cdecl("LLVMFuzzerTestOneInput")
func LLVMFuzzerTestOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt { fuzzOne(start, count) }

/// The program's entry point in a fuzz build (`-parse-as-library`): SwiftPM links `main` to it.
@_cdecl("digitize_fuzz_main")
func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var count = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&count, &arguments) { fuzzOne($0, $1) }
}
#endif
