import Foundation
import ArchiveDigitizer

/// Reads the synthetic scan folder into the shared store the way `digitize run` does (files, sources,
/// pages, and their ledger events), except that every file's one scan is the same multi-page TIFF
/// (hard-linked into each folder), so its checksum and page count are read once.
struct Seeding {
    let store: StoreLocation
    let scans: URL
    let archive: URL

    func run() throws -> Int {
        let catalogue = try Catalogue(store: store, archive: archive)
        let listing = try ScanFolder(root: scans).list()
        guard let first = listing.files.first?.sources.first else {
            throw SimulationError(message: "\(scans.path) holds no scan to seed the backlog with")
        }
        let sha = try SHA256Digest.hex(ofFileAt: first.path)
        let decoder = PageDecoder(maximumPixels: 10_000_000, defaultDPI: 300)
        let frames = try decoder.pageCount(path: first.path, format: .tiff)
        _ = try catalogue.beginRun(scanFolder: scans.path, arguments: ["seed"])
        for scanned in listing.files {
            let fileID = try catalogue.fileID(for: scanned, inventory: nil)
            for source in scanned.sources {
                try catalogue.registerSource(fileID: fileID, fileCode: scanned.code, source: source, sha256: sha,
                                             format: .tiff, frameCount: frames, error: nil)
            }
            try catalogue.renumberPages(fileID: fileID)
        }
        return listing.files.count * frames
    }
}

/// A mistake in how the simulation was started or set up.
struct SimulationError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
