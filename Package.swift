// swift-tools-version:6.0
// The archive digitization pipeline: scans in, searchable PDFs and a catalogue out.
// No third-party Swift packages: Foundation, Dispatch and Debian's C libraries only.
import PackageDescription

/// Lets Tesseract's calls to Leptonica's `pixWriteMemPng` reach the override in CLineImages:
/// an executable's exported symbol comes first in the dynamic linker's search.
let exportsLineImages: [LinkerSetting] = [.unsafeFlags(["-Xlinker", "--export-dynamic-symbol=pixWriteMemPng"])]

let package = Package(
    name: "ArchiveDigitizer",
    products: [
        .executable(name: "digitize", targets: ["digitize"]),
        .library(name: "ArchiveDigitizer", targets: ["ArchiveDigitizer"]),
    ],
    targets: [
        .systemLibrary(name: "CTesseract", pkgConfig: "tesseract",
                       providers: [.apt(["libtesseract-dev", "tesseract-ocr-vie"])]),
        .systemLibrary(name: "CLeptonica", pkgConfig: "lept",
                       providers: [.apt(["libleptonica-dev"])]),
        .systemLibrary(name: "CPoppler", pkgConfig: "poppler-glib",
                       providers: [.apt(["libpoppler-glib-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3",
                       providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto",
                       providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CQPDF", pkgConfig: "libqpdf",
                       providers: [.apt(["libqpdf-dev"])]),
        .systemLibrary(name: "CPostgreSQL", pkgConfig: "libpq",
                       providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CMicroHTTPD", pkgConfig: "libmicrohttpd",
                       providers: [.apt(["libmicrohttpd-dev"])]),
        .systemLibrary(name: "CDeflate", pkgConfig: "libdeflate",
                       providers: [.apt(["libdeflate-dev"])]),
        // Our one C file: the lossless fast path for the PNG Tesseract makes of every text line
        // (include/line_images.h). It works where the executable exports `pixWriteMemPng`.
        .target(name: "CLineImages", dependencies: ["CLeptonica"]),
        .target(
            name: "ArchiveDigitizer",
            dependencies: ["CTesseract", "CLeptonica", "CPoppler", "CSQLite", "CCrypto", "CQPDF", "CPostgreSQL", "CMicroHTTPD", "CDeflate",
                           "CLineImages"],
            // Word and word-pair counts for the OCR context correction (scripts/make-word-model.py).
            resources: [.copy("Resources/vietnamese-bigrams.tsv")]
        ),
        .executableTarget(name: "digitize", dependencies: ["ArchiveDigitizer"], linkerSettings: exportsLineImages),
        // libFuzzer targets; `make fuzz` builds and runs them (docs/hardening.md).
        .executableTarget(name: "digitize-fuzz", dependencies: ["ArchiveDigitizer"]),
        // The scale simulation's worker (`make bench-scale`, issue #19): not a product, never installed.
        .executableTarget(name: "digitize-scale-sim", dependencies: ["ArchiveDigitizer"]),
        .testTarget(
            name: "ArchiveDigitizerTests",
            dependencies: ["ArchiveDigitizer", "CPoppler", "CSQLite", "CLeptonica", "CLineImages"],
            linkerSettings: exportsLineImages
        ),
    ],
    swiftLanguageModes: [.v6]
)
