import ArchiveDigitizer
import Foundation

/// `digitize progress`: the supervisor's backlog report in shelf metres.
enum ProgressCommand {
    static let usage = """
    USAGE: digitize progress [--archive DIR] [--json | --html FILE] [--config FILE]

    How far the backlog has come: shelf metres (mét giá) digitized against the whole holding (the
    baseline digitized before this tool included), files, pages and documents done, failed and waiting,
    throughput over the last day, week and all time, the expected completion date at the recent rate,
    progress by fonds, inventory and box, and the pages and documents that need a person's attention.

    A file counts once all its pages are processed; its extent is the inventory's shelf_metres, else it
    is estimated from its pages (backlog.pages_per_metre), and the report says how much was estimated.

    OPTIONS:
      --archive DIR   Archive folder (default: ./Archive)
      --json          The report as JSON on standard output (keys documented in ProgressJSON.swift)
      --html FILE     Write the report as one self-contained HTML page (progress bar, chart, attention list)
      --config FILE   Configuration JSON with a "backlog" section (default: config/digitize.json if present)
      -h, --help      Show this help

    EXIT CODES: 0 report made; 64 usage error; 66 no archive there; 74 the catalogue cannot be read;
      78 the configuration cannot be used.

    EXAMPLE: digitize progress --archive /archive --html /archive/reports/progress.html
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--html", "--config"], switches: ["--json", "--help", "-h"])
        if options.switches.contains("--help") || options.switches.contains("-h") {
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
        let archive = try ExistingArchive(options.archiveFolder)
        let catalogue = try archive.openCatalogue(readOnly: true)
        let report = try ProgressReport.make(catalogue: catalogue, archive: archive.folder.path, configuration: configuration)
        if let path = options.values["--html"] {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try DurableFile.write(Data(ProgressHTMLPage(report: report).render().utf8), to: url)
            print("Progress page written to \(url.path) (" + String(format: "%.2f%% of the backlog digitized)", report.percentDone))
        } else if options.switches.contains("--json") {
            print(report.json.rendered(), terminator: "")
        } else {
            print(report.text())
        }
        return 0
    }
}

