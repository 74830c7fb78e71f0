import ArchiveDigitizer
import Foundation

/// `digitize search <query>`: full-text search of the OCR'd pages, with or without diacritics.
enum SearchCommand {
    static let usage = """
    USAGE: digitize search <query> [--archive DIR | --store ADDRESS] [--limit N] [--json]
                           [--type T] [--from DATE] [--to DATE] [--issuer X]

    Finds the pages whose text holds every word of <query>, best matches first, with the file, the
    document, the page and the words around the match. Diacritics are optional: "dang phi" finds
    “đảng phí”. Put a phrase in quotes to find it as written ('"thanh lap ban chi dao"'); end a word with
    * to match its beginning (thanh*). Other punctuation is ignored.

    OPTIONS:
      --archive DIR   Archive folder (default: ./Archive)
      --store ADDRESS The catalogue's store: sqlite (default: the archive's own catalogue), or the PostgreSQL
                      database many workers share (postgresql://USER@HOST[:PORT]/DATABASE); the archive
                      folder is then not needed. Give the password through ~/.pgpass or PGPASSFILE;
                      wherever an address is printed, its password is shown as ***.
      --limit N       At most N results (default: 20); 0 only counts the matching pages, exactly
                      (a PostgreSQL store stops after 20,000 matches otherwise and says "at least")
      --type T        Only documents of this type, e.g. "Quyết định" or QĐ (diacritics optional)
      --from DATE     Only documents issued on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)
      --to DATE       Only documents issued on or before DATE
      --issuer X      Only documents whose issuing body's name contains X
      --json          Results as JSON on standard output
      -h, --help      Show this help

    EXIT CODES: 0 searched (whether or not anything matched); 64 usage error; 66 no archive there (or no
      catalogue in the database); 74 the catalogue cannot be read.

    EXAMPLE: digitize search "ban chi dao 204" --archive /archive --from 2025
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--store", "--limit", "--type", "--from", "--to", "--issuer"],
                                    switches: ["--json", "--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        guard !options.positional.isEmpty else { throw UsageError(message: "Missing the words to search for.") }
        let query: SearchQuery
        let filters: SearchFilters
        do {
            query = try SearchQuery(options.positional.joined(separator: " "))
            filters = try SearchFilters(type: options.values["--type"], from: options.values["--from"],
                                        to: options.values["--to"], issuer: options.values["--issuer"])
        } catch let error as SearchError {
            throw UsageError(message: error.description)
        }
        let limit = try options.integer("--limit", minimum: 0) ?? 20
        let store: StoreLocation
        do { store = try StoreLocation(parsing: options.values["--store"]) } catch let error as StoreLocationError {
            throw UsageError(message: error.description)
        }
        let catalogue: Catalogue
        do {
            catalogue = try openCatalogue(store, archive: options.archiveFolder)
        } catch let error as SearchError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            return 66
        }
        let results = try catalogue.makeSearch().search(query, filters: filters, limit: limit)
        if options.switches.contains("--json") {
            print(results.json.rendered(), terminator: "")
        } else {
            let colour = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
            print(colour ? results.text(open: "\u{1B}[1;33m", close: "\u{1B}[0m") : results.text())
        }
        return 0
    }

    /// The catalogue to search, opened for reading; its search index is built first if it lacks one
    /// (an archive or a database made before it existed). A PostgreSQL store is used without the
    /// archive folder: page texts and document paths are all in the database.
    private static func openCatalogue(_ store: StoreLocation, archive folder: URL) throws -> Catalogue {
        let building = { (place: String) in Data("Building the search index of this \(place) (once)…\n".utf8) }
        switch store {
        case .embedded:
            let archive = try ExistingArchive(folder)
            let catalogue = try archive.openCatalogue(readOnly: true)
            guard try !SearchIndex.isBuilt(in: catalogue) else { return catalogue }
            FileHandle.standardError.write(building("archive"))
            return try archive.openCatalogue(readOnly: false)
        case let .postgreSQL(address):
            let connection = try PostgreSQLConnection(address)
            guard try PostgreSQLSearch.holdsCatalogue(connection) else { throw SearchError.noCatalogueInStore(masked: address.masked) }
            let isBuilt = try PostgreSQLSearch.isBuilt(connection)
            if !isBuilt { FileHandle.standardError.write(building("database")) }
            return try Catalogue(database: connection, upgrading: !isBuilt)
        }
    }
}
