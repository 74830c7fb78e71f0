import ArchiveDigitizer
import Foundation

/// `digitize worker --store URL`: one more machine (or process) on a batch in a shared PostgreSQL store.
enum WorkerCommand {
    static let usage = """
    USAGE: digitize worker --store URL [--archive DIR] [--jobs N] [--lease SECONDS] [--config FILE]
                           [--language LANGS] [--pdf-profile P] [--quiet]

    Joins the batch that `digitize run <scans> --store URL` put in a shared PostgreSQL store: claims
    pages nobody is reading, OCRs them, records them, and builds the PDFs of each file whose last page
    it recorded, until the whole backlog is finished. Start as many as you have machines (or cores);
    each needs the scan folder at the same path as the run that read it, and the same archive
    folder (a network file system). A worker that dies loses its claims when its lease runs out and
    the others finish its pages; stopping one with Ctrl-C gives its claims back at once.

    OPTIONS:
      --store URL          The shared store, e.g. postgresql://digitize@db.archive.lan/archive
                           (password from ~/.pgpass or PGPASSFILE; sslmode=require in the URL for TLS)
      --archive DIR        The shared archive folder (default: ./Archive)
      --jobs N             Parallel OCR workers in this process (default: one per core)
      --lease SECONDS      How long a claim outlives this process (default 300)
      --config FILE        Configuration JSON (default: config/digitize.json if present)
      --pdf-profile P      PDFs written as pdfa-2b (default), pdfa-2u or plain (see docs/pdf.md)
      --language LANGS     Tesseract languages (default: vie)
      --quiet              Only the final summary
      -h, --help           Show this help

    EXIT CODES: as `digitize run`.

    EXAMPLE: digitize worker --store postgresql://digitize@db.archive.lan/archive --archive /mnt/archive
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--jobs", "--config", "--language", "--pdf-profile", "--store", "--lease"],
                                    switches: ["--quiet", "--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        guard options.positional.isEmpty else {
            throw UsageError(message: "A worker takes no scan folder: it works on the batch already in the store.")
        }
        guard options.values["--store"] != nil else {
            throw UsageError(message: "Missing --store postgresql://…: the shared store whose batch to work on.")
        }
        return try RunCommand.start(scanFolder: nil, options: options, arguments: ["worker"] + arguments)
    }
}
