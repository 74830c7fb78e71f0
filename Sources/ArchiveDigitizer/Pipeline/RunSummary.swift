import Foundation

/// What a run did, for the final summary and the exit code.
public struct RunSummary: Sendable {
    public var filesSeen = 0
    public var filesCompleted = 0
    public var pagesTotal = 0
    public var pagesAlreadyDone = 0
    public var pagesDone = 0
    public var pagesFailed = 0
    /// Of the failed pages, those quarantined in this run: their worker died or stalled twice on them.
    public var pagesQuarantined = 0
    public var documentsWritten = 0
    /// Each failed page or file: where, what kind of failure, and why.
    public var failedItems: [RunFailure] = []
    /// One line per failed page or file, in English: where, and why.
    public var failures: [String] { failedItems.map { $0.text(in: .english) } }
    /// Problems that did not fail a page (walk problems, inventory rows).
    public var warnings: [String] = []
    /// Files in the scan folder that are not pages.
    public var ignoredFiles: [String] = []
    public var wasInterrupted = false
    /// Set when the run stopped on a disk or catalogue error.
    public var fatalError: String?
    public var wallSeconds = 0.0
    /// Seconds summed over workers, per stage.
    public var decodeSeconds = 0.0
    public var ocrSeconds = 0.0
    public var assemblySeconds = 0.0
    /// Seconds the single catalogue writer spent in transactions.
    public var catalogueSeconds = 0.0
    /// CPU and wall seconds per stage, summed over all threads (pages, files and catalogue writes).
    public var stages = StageTimes()
    /// OCR workers started.
    public var workers = 0

    /// Share of the workers' wall time spent decoding and reading pages (1.0: never idle).
    public var workerUtilisation: Double {
        guard wallSeconds > 0, workers > 0 else { return 0 }
        return (decodeSeconds + ocrSeconds) / (wallSeconds * Double(workers))
    }
    public var archivePath = ""

    public init() {}
}

/// How the pipeline reports progress; the command line draws a bar or prints lines.
public protocol ProgressObserver: AnyObject {
    /// Called on the writer thread after each page is recorded.
    func pageFinished(done: Int, total: Int, label: String, failure: String?)
    /// Called for notable events (a file's documents written, a warning).
    func note(_ message: String)
}

/// One failed page or file of a run, said in the archivist's language: in Vietnamese, what the kind
/// of failure means and what to do comes first, then the detail as recorded in the catalogue.
public struct RunFailure: Sendable, Equatable {
    /// The page label (`<FileCode>/<scan>[ page N]`) or file code.
    public var location: String
    /// The failure's stable label (`IngestError.kind`, `crashed`, `timed-out`, `assembly`, …).
    public var kind: String
    /// The detail, as recorded (English).
    public var message: String
    /// Attempts after which the page was quarantined; nil when it was not.
    public var quarantinedAfter: Int?

    public init(location: String, kind: String, message: String, quarantinedAfter: Int? = nil) {
        self.location = location
        self.kind = kind
        self.message = message
        self.quarantinedAfter = quarantinedAfter
    }

    /// `HN-UB.02.015.0042/3.png: … — quarantined after 2 attempts; …`.
    public func text(in language: MessageLanguage) -> String {
        var line = "\(location): "
        if language == .vietnamese, case let explanation = MessageCatalogue.text("failure.\(kind)", language), explanation != "failure.\(kind)" {
            line += explanation + " — "
        }
        line += message
        if let attempts = quarantinedAfter { line += MessageCatalogue.text("cli.run.pageQuarantined", language, [String(attempts)]) }
        return line
    }
}
