import ArchiveDigitizer
import Foundation

/// `digitize correct`, `split` and `merge`: the reviewers' corrections from the command line, the same
/// as the reading room's forms: each a ledger event; the file's PDFs rebuilt from the stored OCR results.
enum CorrectCommand {
    static let usage = """
    USAGE: digitize correct <DOC_CODE> --field F --value V --reason WHY [--by NAME] [--archive DIR | --store ADDRESS]
           digitize split <DOC_CODE> --at-page N --reason WHY [--by NAME] [...]
           digitize merge <DOC_CODE> <NEXT_DOC_CODE> --reason WHY [--by NAME] [...]

    correct sets one metadata field of a document (doc_type, number, symbol, date as YYYY-MM-DD, place,
    issuer_upper, issuer, excerpt, signer, signer_position, authority, security, urgency). split makes
    page N of the document (2 or more, counted in its PDF) begin a new document; merge joins a document
    with the one after it in the same file. Documents are renumbered by TT02 (<FileCode>.<NNN>), PDFs
    rebuilt without OCR, superseded PDFs recorded in the ledger; later runs keep every correction.
    --by names who made it (default: the login name). Refused while a `digitize run` holds the archive.

    EXIT CODES: 0 done; 1 the correction cannot be made (the message says why); 64 usage; 66 no archive;
      74 catalogue or disk error; 75 the archive is busy.

    EXAMPLES: digitize correct HN-TU.01.037.0001.001 --field date --value 2025-02-18 --reason "ngày in rõ trên bản gốc"
              digitize split HN-TU.01.037.0001.002 --at-page 3 --reason "trang 3 là văn bản khác"
    """

    static func main(verb: String, _ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--store", "--field", "--value", "--at-page", "--reason", "--by"],
                                    switches: ["--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        let wanted = verb == "merge" ? 2 : 1
        guard options.positional.count == wanted else {
            throw UsageError(message: verb == "merge" ? "Give the two neighbouring documents to merge." : "Give the document code (e.g. HN-TU.01.037.0001.001).")
        }
        guard let reason = options.values["--reason"], !reason.isEmpty else {
            throw UsageError(message: "Say why with --reason: the ledger keeps the reason with every correction.")
        }
        let person = options.values["--by"] ?? ProcessInfo.processInfo.environment["USER"] ?? "command-line"
        let archive = try options.existingArchive()
        let lock: ArchiveLock? = archive.store == .embedded ? try ArchiveLock(archive: archive.folder) : nil
        defer { withExtendedLifetime(lock) {} }
        let catalogue = try archive.openCatalogue(readOnly: false)
        let code = options.positional[0]
        do {
            switch verb {
            case "correct":
                guard let field = options.values["--field"], let value = options.values["--value"] else {
                    throw UsageError(message: "Give --field F and --value V.")
                }
                try catalogue.correct(code, field: field, value: value, by: person, reason: reason, archive: archive.folder)
                print("\(code): \(field) set to “\(value)”; PDFs rebuilt.")
            case "split":
                guard let page = try options.integer("--at-page", minimum: 2) else { throw UsageError(message: "Give --at-page N (2 or more).") }
                try catalogue.split(code, atPage: page, by: person, reason: reason, archive: archive.folder)
                print("\(code) split at its page \(page); the file's documents renumbered and rebuilt.")
            default:
                try catalogue.merge(code, with: options.positional[1], by: person, reason: reason, archive: archive.folder)
                print("\(code) and \(options.positional[1]) merged; the file's documents renumbered and rebuilt.")
            }
        } catch let error as CorrectionError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            return 1
        } catch let error as AssemblyError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            return 74
        }
        return 0
    }
}
