import Foundation

/// Writes the PDFs of documents again from what the catalogue recorded — the pages' words (with
/// their line baselines), the documents' boundaries and metadata — without OCR'ing anything.
///
/// Why: the PDFs an archive holds are made once; when the way they are written improves (the
/// text layer in reading order and PDF/A-2b of issue #13) or when an archivist corrects a document
/// (its metadata, its boundaries), its PDF is rebuilt from the stored results. The catalogue's
/// documents are kept as recorded: their boundaries and metadata are not extracted again, so
/// corrections survive. A PDF whose bytes come out the same is left alone (writing is
/// deterministic, so a second rebuild changes nothing); a changed one replaces the old file
/// atomically, and the catalogue row and the ledger (`document-superseded`, then
/// `document-written`) are updated in one transaction, so `verify` stays clean.
///
/// The caller holds the archive (the `ArchiveLock` of an embedded catalogue) while this runs.
/// PDF writing is CPU-bound C work: call from a thread of your own, not the concurrency pool.
public struct PDFRebuilder {
    public let catalogue: Catalogue
    public let archive: URL
    public let writer: SearchablePDFWriter

    public init(catalogue: Catalogue, archive: URL, writer: SearchablePDFWriter) {
        self.catalogue = catalogue; self.archive = archive; self.writer = writer
    }

    /// What became of one document.
    public struct Outcome: Sendable, Equatable {
        public var documentCode: String
        public var relativePath: String
        /// False when the rebuilt PDF is byte for byte the one the archive had.
        public var isReplaced: Bool
        public var sha256: String
    }

    /// Rebuilds the PDFs of the archival file `fileCode` (every built file when nil), or only the
    /// document `documentCode`. `reason` goes into the ledger.
    /// - Throws: `RebuildError` when the file or document is not in the catalogue; the writer's
    ///   `AssemblyError` when a PDF cannot be written (documents rebuilt before it stay rebuilt).
    public func rebuild(fileCode: String? = nil, documentCode: String? = nil,
                        reason: String = "digitize rebuild-pdfs") throws -> [Outcome] {
        var fileFilter = fileCode
        if let documentCode {
            guard let owner = try catalogue.fileCode(ofDocument: documentCode) else { throw RebuildError.noSuchDocument(documentCode) }
            fileFilter = owner
        }
        let files = try catalogue.builtFiles(code: fileFilter)
        if let fileFilter, files.isEmpty { throw RebuildError.noSuchFile(fileFilter) }
        var outcomes: [Outcome] = []
        for file in files {
            guard let job = try catalogue.assemblyInput(fileID: file.id) else { continue }
            for document in try catalogue.recordedDocuments(fileID: file.id) where documentCode == nil || document.code == documentCode {
                let pages = job.pages.filter { $0.pageNumber >= document.firstPage && $0.pageNumber <= document.lastPage }
                let info = PDFDocumentInfo(document: document.code, fileCode: file.code, metadata: document.metadata)
                let written = try writer.write(pages.map(\.pdf), info: info, to: archive.appendingPathComponent(document.relativePath))
                let isReplaced = written.sha256 != document.sha256
                if isReplaced { try catalogue.recordRebuilt(document, as: written, reason: reason) }
                outcomes.append(Outcome(documentCode: document.code, relativePath: document.relativePath,
                                        isReplaced: isReplaced, sha256: written.sha256))
            }
        }
        return outcomes
    }
}

/// Why PDFs could not be rebuilt.
public enum RebuildError: Error, CustomStringConvertible {
    case noSuchFile(String)
    case noSuchDocument(String)

    public var description: String {
        switch self {
        case let .noSuchFile(code):
            "The catalogue has no finished archival file “\(code)”; `digitize search` or `digitize export csv` list the codes."
        case let .noSuchDocument(code):
            "The catalogue has no document “\(code)” (document codes look like HN-TU.01.037.0001.002)."
        }
    }
}
