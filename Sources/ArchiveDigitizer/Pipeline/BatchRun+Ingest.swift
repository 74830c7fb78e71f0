import Foundation

/// Ingest: the scan folder read into the catalogue (files, sources, pages) before any page is read.
extension BatchRun {
    func ingest(into catalogue: Catalogue, decoder: PageDecoder, summary: inout RunSummary) throws {
        let listing = try ScanFolder(root: scanFolder, aliasFolder: archive.appendingPathComponent(ArchiveLayout.linksFolderName)).list()
        summary.ignoredFiles = listing.ignored
        summary.warnings += listing.problems + inventory.problems
        for scanned in listing.files {
            if cancellation.isCancelled { return }
            guard Inventory.isSafeFileCode(scanned.code) else {
                summary.warnings.append("Folder “\(scanned.relativeFolder)” cannot be a file code (it starts with a dot or holds control characters); skipped.")
                continue
            }
            let fileID = try catalogue.fileID(for: scanned, inventory: inventory.entries[scanned.code])
            var names = Set<String>()
            for source in scanned.sources {
                let name = (source.relativePath as NSString).lastPathComponent
                names.insert(name)
                let known = try catalogue.knownSource(fileID: fileID, name: name)
                if let known, known.size == source.size, known.modified == source.modified {
                    try catalogue.registerSource(fileID: fileID, fileCode: scanned.code, source: source, sha256: known.sha256,
                                                 format: ScanFormat(rawValue: known.format), frameCount: known.frameCount, error: nil)
                    continue
                }
                var sha = ""
                var format: ScanFormat? = nil
                var frames = 1
                var problem: IngestError? = nil
                do {
                    sha = try SHA256Digest.hex(ofFileAt: source.path)
                    let sniffed = try ScanFormat.sniff(fileAt: source.path)
                    format = sniffed
                    frames = try decoder.pageCount(path: source.path, format: sniffed)
                } catch let error as IngestError {
                    problem = error
                    summary.failedItems.append(RunFailure(location: "\(scanned.code)/\(name)", kind: error.kind, message: error.description))
                    summary.pagesFailed += 1
                } catch {
                    problem = .unreadableFile(path: source.path, reason: "\(error)")
                    summary.failedItems.append(RunFailure(location: "\(scanned.code)/\(name)", kind: "unreadable", message: "\(error)"))
                    summary.pagesFailed += 1
                }
                if sha.isEmpty { sha = "unreadable:\(source.size):\(source.modified)" }
                try catalogue.registerSource(fileID: fileID, fileCode: scanned.code, source: source, sha256: sha,
                                             format: format, frameCount: frames, error: problem)
            }
            try catalogue.markMissingSources(fileID: fileID, fileCode: scanned.code, present: names)
            try catalogue.renumberPages(fileID: fileID)
        }
    }

    /// Fails early, with the package to install, when a language model is missing.
    static func checkLanguages(_ configuration: RunConfiguration) throws {
        let path = configuration.tessdataPath.isEmpty ? TesseractEngine.defaultDataPath : configuration.tessdataPath
        for language in configuration.language.split(separator: "+") {
            let model = (path as NSString).appendingPathComponent("\(language).traineddata")
            if !FileManager.default.fileExists(atPath: model) {
                throw OCRError.modelMissing(language: String(language), dataPath: path)
            }
        }
    }
}
