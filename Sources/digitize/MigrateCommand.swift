import ArchiveDigitizer
import Foundation

/// `digitize migrate`: moves an archive's SQLite catalogue and ledger into PostgreSQL (issue #8).
enum MigrateCommand {
    static let usage = """
    USAGE: digitize migrate [--archive DIR] --store postgresql://USER@HOST[:PORT]/DATABASE[?sslmode=…]

    Copies the archive's catalogue and ledger (files, scans, pages, documents, runs, events) into an
    empty PostgreSQL database, in one transaction: all of it, or nothing. Every row keeps its id and
    every ledger event its hashes; the ledger's hash chain is then recomputed in PostgreSQL and must end
    on the same hash as the SQLite ledger. The archive's PDFs and its SQLite catalogue are not changed.
    The archive is locked while it is copied, so no run adds to it meanwhile.

    Give the password through ~/.pgpass or PGPASSFILE rather than in the address; wherever an address
    is printed, its password is shown as ***.

    OPTIONS:
      --archive DIR    Archive folder (default: ./Archive)
      --store ADDRESS  The PostgreSQL database (postgresql://… or key=value form), empty of catalogues
      -h, --help       Show this help

    EXIT CODES: 0 copied and the chain is intact; 1 copied but the chains differ (nothing is wrong in the
      SQLite archive: look at the database); 64 usage error; 65 the database already holds a catalogue;
      66 no archive there; 74 the catalogue or the database cannot be read or written; 75 the archive is busy.

    EXAMPLE: PGPASSFILE=~/.pgpass digitize migrate --archive /archive --store postgresql://digitize@db.local/archive
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--store"], switches: ["--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        guard options.positional.isEmpty else {
            throw UsageError(message: "migrate takes no arguments besides options; unexpected “\(options.positional[0])”.")
        }
        guard case let .postgreSQL(address) = try options.store() else {
            throw UsageError(message: "Missing --store postgresql://…: the PostgreSQL database to move the catalogue into.")
        }
        let archive = try ExistingArchive(options.archiveFolder)
        let lock = try ArchiveLock(archive: archive.folder)
        defer { withExtendedLifetime(lock) {} }
        let catalogue = try archive.openCatalogue(readOnly: true)
        let outcome: CatalogueMigration.Outcome
        do {
            let target = try PostgreSQLConnection(address)
            print("Copying the catalogue of \(archive.folder.path) into \(address.masked)")
            guard let source = catalogue.sqlite else { throw UsageError(message: "The archive's catalogue is not a SQLite catalogue.") }
            outcome = try CatalogueMigration(from: source, to: target).run { table in
                FileHandle.standardError.write(Data("  \(table)…\n".utf8))
            }
        } catch let error as MigrationError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            return 65
        }
        let rows = outcome.rows.map { "\($0.count) \($0.table)" }.joined(separator: ", ")
        print("Copied: \(rows).")
        let source = outcome.sourceLedger, target = outcome.targetLedger
        if outcome.isChainPreserved {
            print("Ledger: hash chain intact in PostgreSQL, \(target.eventsChecked) event(s), last \(target.ledgerHeadHash ?? "none") — the same as the archive's.")
            return 0
        }
        print("Ledger: the chain in PostgreSQL does NOT match the archive's: \(target.eventsChecked) event(s) "
              + "(archive: \(source.eventsChecked)), last \(target.ledgerHeadHash ?? "none") (archive: \(source.ledgerHeadHash ?? "none")), "
              + "\(target.problems.count) problem(s).")
        for problem in target.problems.prefix(10) { print("  \(problem.location): \(problem.detail)") }
        return 1
    }
}
