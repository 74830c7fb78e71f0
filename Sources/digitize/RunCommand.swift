import ArchiveDigitizer
import Foundation

/// `digitize run <scan-folder>`: the archivist's one command.
enum RunCommand {
    static let usage = """
    USAGE: digitize run <scan-folder> [--archive DIR] [--inventory FILE.csv] [--jobs N] [--config FILE]
                        [--language LANGS] [--pdf-profile P] [--retry-failed] [--store URL [--lease SECONDS]] [--quiet] [--lang vi|en]
                        [--timings]

    Takes in every scanned page under <scan-folder> (TIFF, PNG, JPEG, image-only PDF; each folder of
    pages is one archival file, named by its file code), OCRs it in Vietnamese, writes one searchable
    PDF per document and records everything in the archive's catalogue. Rerunning resumes: finished
    pages are never redone, new or changed scans are picked up.

    OPTIONS:
      --archive DIR        Archive folder (default: ./Archive)
      --inventory FILE     Inventory CSV (file_code,title,start_date,end_date,retention,shelf_metres,…)
      --jobs N             Parallel OCR workers (default: one per core)
      --config FILE        Configuration JSON (default: config/digitize.json if present)
      --pdf-profile P      PDFs written as pdfa-2b (default), pdfa-2u or plain (see docs/pdf.md)
      --language LANGS     Tesseract languages (default: vie; e.g. vie+eng)
      --retry-failed       Try again the pages that failed in earlier runs (e.g. a file that was
                           briefly unavailable); replaced scans are always redone anyway
      --store URL          Keep the catalogue in PostgreSQL (postgresql://user@host/db) and share the
                           batch with every other run or `digitize worker` on that store (default:
                           sqlite, the catalogue inside the archive folder)
      --lease SECONDS      With --store: how long a worker's claim on pages outlives the worker
                           (default 300); a dead worker's pages go to the others after it
      --quiet              Only the final summary
      --lang vi|en         Language of the summary (default: Vietnamese under a Vietnamese locale, LANG=vi_VN.UTF-8)
      --timings            End with CPU and wall seconds per stage (decode, clean-up, OCR, PDF, …);
                           see docs/performance.md
      -h, --help           Show this help

    EXIT CODES: 0 all pages done; 2 some pages or files could not be read (the rest are done);
      3 a required component is missing; 64 usage error; 74 disk or catalogue error;
      75 another command holds the archive; 130/143 stopped by Ctrl-C / SIGTERM (rerun to continue).

    EXAMPLE: digitize run /scans/2025-11 --archive /archive --inventory muc-luc.csv
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--inventory", "--jobs", "--config", "--language", "--pdf-profile", "--store", "--lease", "--lang"],
                                    switches: ["--quiet", "--retry-failed", "--timings", "--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        guard options.positional.count == 1, let scans = options.positional.first else {
            throw UsageError(message: options.positional.isEmpty ? "Missing the scan folder." : "Give one scan folder, not \(options.positional.count).")
        }
        return try start(scanFolder: URL(fileURLWithPath: scans), options: options, arguments: ["run"] + arguments)
    }

    /// Runs a batch for `run` (which reads `scanFolder` into the catalogue first) or `worker` (which
    /// only helps with the backlog already in a shared store: `scanFolder` nil).
    static func start(scanFolder: URL?, options: Arguments, arguments: [String]) throws -> Int32 {
        let store: StoreLocation
        do { store = try StoreLocation(parsing: options.values["--store"]) } catch let error as StoreLocationError {
            throw UsageError(message: error.description)
        }
        if store == .embedded, options.values["--lease"] != nil {
            throw UsageError(message: "--lease is for a shared --store postgresql://…; the embedded catalogue has one worker.")
        }
        var configuration = try options.configuration(RunConfiguration.self)
        if let jobs = try options.integer("--jobs") { configuration.jobs = jobs }
        if let language = options.values["--language"] { configuration.language = language }
        if let name = options.values["--pdf-profile"] {
            guard let profile = PDFProfile(argument: name) else {
                throw UsageError(message: "--pdf-profile must be one of \(PDFProfile.names), not “\(name)”.")
            }
            configuration.pdfProfile = profile
        }
        let inventory = try options.values["--inventory"].map { try Inventory(contentsOf: URL(fileURLWithPath: $0)) } ?? Inventory()
        let archive = options.archiveFolder
        let progress = TerminalProgress(quiet: options.switches.contains("--quiet"))
        let cancellation = CancellationFlag()
        let signals = SignalTrap(cancellation: cancellation)
        let run = BatchRun(scanFolder: scanFolder ?? archive, archive: archive, inventory: inventory,
                           configuration: configuration, arguments: arguments.map(PostgreSQLAddress.masking),
                           cancellation: cancellation, observer: progress)
        run.workerExecutable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        run.retriesFailedPages = options.switches.contains("--retry-failed")
        run.store = store
        run.ingests = scanFolder != nil
        if let seconds = try options.integer("--lease") { run.lease = .seconds(seconds) }
        let summary = try run.run()
        progress.finish()
        withExtendedLifetime(signals) {}
        printSummary(summary, store: store, progress: progress, language: MessageLanguage.ofCommandLine(option: options.values["--lang"]),
                     showsTimings: options.switches.contains("--timings"))
        if summary.fatalError != nil { return 74 }
        if summary.wasInterrupted { return cancellation.signalNumber == SIGTERM ? 143 : 130 }
        return summary.failures.isEmpty ? 0 : 2
    }

    static func printSummary(_ summary: RunSummary, store: StoreLocation, progress: TerminalProgress, language: MessageLanguage,
                             showsTimings: Bool = false) {
        var lines: [String] = []
        let t = { (key: String, arguments: [String]) in MessageCatalogue.text(key, language, arguments) }
        let rate = summary.wallSeconds > 0 ? Double(summary.pagesDone + summary.pagesFailed) / summary.wallSeconds * 60 : 0
        if let fatal = summary.fatalError {
            lines.append(progress.colour(t("cli.run.stopped", [fatal]), code: 31))
        } else if summary.wasInterrupted {
            lines.append(progress.colour(t("cli.run.interrupted", []), code: 33))
        }
        lines.append(t("cli.run.files", [String(summary.filesSeen), String(summary.filesCompleted)]))
        lines.append(t("cli.run.pages", [String(summary.pagesTotal), String(summary.pagesDone), String(summary.pagesAlreadyDone), String(summary.pagesFailed)])
                     + (summary.pagesQuarantined > 0 ? t("cli.run.quarantined", [String(summary.pagesQuarantined)]) : ""))
        lines.append(t("cli.run.documents", [String(summary.documentsWritten)]))
        lines.append(t("cli.run.time", [String(format: "%.1f", summary.wallSeconds), String(format: "%.1f", rate)]))
        if summary.pagesDone + summary.pagesFailed > 0 {
            let stages = PipelineStage.allCases.map { String(format: "%@ %.1f", $0.name, summary.stages.cpu($0)) }
            lines.append(t("cli.run.stageTimes", [stages.joined(separator: ", "), String(summary.workers),
                                                  String(format: "%.0f", summary.workerUtilisation * 100)]))
            if showsTimings {
                lines += summary.stages.report(runWallSeconds: summary.wallSeconds, workers: summary.workers,
                                               pages: summary.pagesDone + summary.pagesFailed)
            }
        }
        if !summary.failures.isEmpty {
            lines.append(progress.colour(t("cli.run.problems", [String(summary.failures.count)]), code: 31))
            lines += summary.failedItems.map { "  - " + $0.text(in: language).replacingOccurrences(of: "\n", with: " ") }
        }
        if !summary.warnings.isEmpty {
            lines.append(t("cli.run.warnings", [String(summary.warnings.count)]))
            lines += summary.warnings.map { "  - " + $0.replacingOccurrences(of: "\n", with: " ") }
        }
        if !summary.ignoredFiles.isEmpty {
            lines.append(t("cli.run.ignored", [String(summary.ignoredFiles.count), summary.ignoredFiles.prefix(3).joined(separator: ", ")]))
        }
        lines.append(t("cli.run.pdfs", ["\(summary.archivePath)/documents/"]))
        lines.append(t("cli.run.catalogue", [store == .embedded ? "\(summary.archivePath)/catalogue.sqlite" : store.masked]))
        print(lines.joined(separator: "\n"))
    }
}

/// Turns SIGINT/SIGTERM into a graceful stop; a second signal exits at once (the catalogue is safe either way).
final class SignalTrap {
    private var sources: [DispatchSourceSignal] = []

    init(cancellation: CancellationFlag) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if cancellation.isCancelled { _exit(number == SIGTERM ? 143 : 130) }
                cancellation.cancel(signal: number)
                FileHandle.standardError.write(Data("\nStopping: finishing the pages in progress (press Ctrl-C again to quit at once)…\n".utf8))
            }
            source.resume()
            sources.append(source)
        }
    }
}
