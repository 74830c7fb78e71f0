import ArchiveDigitizer
import Foundation

/// `digitize verify`: the auditor's command — recompute every checksum, check the ledger.
enum VerifyCommand {
    static let usage = """
    USAGE: digitize verify [--archive DIR] [--store ADDRESS] [--sources] [--json]

    Recomputes the SHA-256 of every searchable PDF in the archive and compares it with the catalogue;
    lists files under documents/ that the catalogue does not know; recomputes the ledger's hash chain;
    and compares catalogue rows with the ledger events that recorded them, so a row edited outside
    digitize (for example with the sqlite3 tool) is found. Each run appends a fixity-check event to the
    ledger (not possible while a `digitize run` holds the archive: it then checks read-only).

    With a shared store (--store postgresql://…) the catalogue and ledger are checked in one snapshot of
    the database while workers may go on recording, and the fixity-check event is always recorded; PDFs
    that workers write meanwhile can show as UNEXPECTED, and the report says when workers were active.

    The text report ends with the correction history: every field correction, split, merge and review
    mark made in the reading room or with `digitize correct|split|merge`, with who, old, new and why.

    Problems reported: MISMATCH (checksum or size differs), MISSING, UNEXPECTED (file not in the
    catalogue), UNREADABLE, CHAIN-BROKEN (ledger event edited, deleted or inserted), ROW-ALTERED.

    OPTIONS:
      --archive DIR   Archive folder (default: ./Archive); with --store, the shared folder holding documents/
      --store ADDRESS Where the catalogue is: sqlite (default, inside the archive) or postgresql://USER@HOST/DATABASE
      --sources       Also recompute the checksums of the source scans (slow: they are the largest files)
      --json          Machine-readable report on standard output
      --lang vi|en    Language of the verdict (default: Vietnamese under a Vietnamese locale, e.g. LANG=vi_VN.UTF-8)
      -h, --help      Show this help

    EXIT CODES: 0 clean; 1 problems found; 2 usage error, or the archive cannot be read.

    EXAMPLES: digitize verify --archive /archive --sources
              digitize verify --archive /mnt/archive --store postgresql://digitize@db.local/archive
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        do {
            let options = try Arguments(arguments, valued: ["--archive", "--store", "--lang"], switches: ["--sources", "--json", "--help", "-h"])
            if options.asksForHelp {
                print(usage)
                return 0
            }
            guard options.positional.isEmpty else {
                throw UsageError(message: "verify takes no arguments besides options; unexpected “\(options.positional[0])”.")
            }
            let archive = try options.existingArchive()
            let showsSteps = isatty(STDERR_FILENO) == 1
            let verifier = ArchiveVerifier(archive: archive, checksSources: options.switches.contains("--sources"),
                                           onStep: { step in if showsSteps { Self.standardError(step) } })
            let report = try verifier.verify()
            if options.switches.contains("--json") {
                print(report.json.rendered(), terminator: "")
            } else {
                let language = MessageLanguage.ofCommandLine(option: options.values["--lang"])
                print(report.text(in: language))
                // The human corrections on record, from the ledger the chain check just proved intact.
                let corrections = try archive.openCatalogue(readOnly: true).correctionEvents()
                if !corrections.isEmpty {
                    print("\n" + MessageCatalogue.text("cli.verify.history", language, [String(corrections.count)]))
                    for event in corrections { print("  \(event.at)  \(event.kind)  \(event.subject)  \(event.detail)") }
                }
            }
            return report.isClean ? 0 : 1
        } catch let error as UsageError {
            standardError("error: \(error.message)\n\n\(usage)")
            return 2
        } catch {
            standardError("error: \(error)")
            return 2
        }
    }

    private static func standardError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
