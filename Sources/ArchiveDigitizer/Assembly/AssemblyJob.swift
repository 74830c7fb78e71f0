import Foundation

/// One OCR'd page of an archival file, as the assembler receives it.
public struct AssembledPage: Sendable {
    /// 1-based page number within the archival file.
    public var pageNumber: Int
    public var pdf: PDFPage
    public var text: String
}

/// An archival file whose pages are all OCR'd: to be split into documents and written as PDFs.
public struct AssemblyJob: Sendable {
    public var fileID: Int
    public var fileCode: String
    public var fileTitle: String
    public var pages: [AssembledPage]
    /// What people corrected in this file (the reading room, `digitize correct|split|merge`): applied
    /// over what the machine reads, so a rebuild or a rerun never undoes it.
    public var corrections = FileCorrections()
}

/// One document (văn bản) of a file, written.
public struct AssembledDocument: Sendable {
    /// 1-based ordinal within the file.
    public var ordinal: Int
    /// The document code `<FileCode>.<NNN>` (TT02).
    public var code: String
    public var firstPage: Int
    public var lastPage: Int
    public var title: String
    /// Extracted metadata as JSON (empty object until extraction knows more).
    public var metadataJSON: String
    /// Path of the PDF relative to the archive folder.
    public var relativePath: String
    public var written: WrittenPDF
}

/// The result of assembling one file, sent back to the catalogue writer.
public struct AssemblyOutcome: Sendable {
    public var fileID: Int
    public var fileCode: String
    public var result: Result<[AssembledDocument], AssemblyFailure>
    public var seconds: Double
    /// CPU and wall seconds of metadata extraction and PDF writing, on the assembler's thread.
    public var stages = StageTimes()
}

/// A file whose PDFs could not be written.
public struct AssemblyFailure: Error, Sendable {
    public var message: String
    /// Disk full or device error: the run must stop.
    public var isFatal: Bool
}
