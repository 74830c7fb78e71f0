import ArchiveDigitizer
import Foundation

/// `digitize progress`: the supervisor's backlog report in shelf metres.
enum ProgressCommand {
    static let usage = """
    USAGE: digitize progress [--archive DIR] [--store ADDRESS] [--json | --html FILE] [--config FILE] [--lang vi|en]

    How far the backlog has come: shelf metres (mét giá) digitized against the whole holding (the
    baseline digitized before this tool included), files, pages and documents done, failed and waiting,
    throughput over the last day, week and all time, the expected completion date at the recent rate,
    progress by fonds, inventory and box, and the pages and documents that need a person's attention.

    A file counts once all its pages are processed; its extent is the inventory's shelf_metres, else it
    is estimated from its pages (backlog.pages_per_metre), and the report says how much was estimated.

    With many workers on one backlog (--store postgresql://…), the report also gives each worker's share:
    pages done and failed, pages it holds under a lease right now, its first and last completion and its
    rate in pages per hour between them. The store is named with its password shown as ***.

    OPTIONS:
      --archive DIR   Archive folder (default: ./Archive); with --store, the shared folder holding documents/
      --store ADDRESS Where the catalogue is: sqlite (default, inside the archive) or postgresql://USER@HOST/DATABASE
      --json          The report as JSON on standard output (keys documented in ProgressJSON.swift)
      --html FILE     Write the report as one self-contained HTML page (progress bar, chart, attention list)
      --config FILE   Configuration JSON with a "backlog" section (default: config/digitize.json if present)
      --lang vi|en    Language of the report (default: the locale's, LANG=vi_VN.UTF-8 gives Vietnamese; else English)
      -h, --help      Show this help

    EXIT CODES: 0 report made; 64 usage error; 66 no archive there; 74 the catalogue cannot be read;
      78 the configuration cannot be used.

    EXAMPLES: digitize progress --archive /archive --html /archive/reports/progress.html
              digitize progress --archive /mnt/archive --store postgresql://digitize@db.local/archive
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--store", "--html", "--config", "--lang"], switches: ["--json", "--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        guard options.positional.isEmpty else {
            throw UsageError(message: "progress takes no arguments besides options; unexpected “\(options.positional[0])”.")
        }
        if options.switches.contains("--json"), options.values["--html"] != nil {
            throw UsageError(message: "Give either --json or --html FILE, not both.")
        }
        let configuration = try options.configuration(ProgressConfiguration.self)
        let language = MessageLanguage.ofCommandLine(option: options.values["--lang"])
        let archive = try options.existingArchive()
        let catalogue = try archive.openCatalogue(readOnly: true)
        let report = try ProgressReport.make(catalogue: catalogue, archive: archive.folder.path, store: archive.store,
                                             configuration: configuration, language: language)
        if let path = options.values["--html"] {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try DurableFile.write(Data(ProgressHTMLPage(report: report, language: language).render().utf8), to: url)
            print(MessageCatalogue.text("progress.htmlWritten", language, [url.path, ProgressNumbers.percent(report.percentDone, in: language)]))
        } else if options.switches.contains("--json") {
            print(report.json.rendered(), terminator: "")
        } else {
            print(report.text(in: language))
        }
        return 0
    }
}

