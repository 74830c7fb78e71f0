import ArchiveDigitizer
import Foundation

/// `digitize serve`: the reading room and review desk in a browser.
enum ServeCommand {
    static let usage = """
    USAGE: digitize serve [--archive DIR | --store ADDRESS] [--listen HOST:PORT] [--config FILE]

    Serves the archive to browsers: search (diacritics optional), documents with their metadata and
    page images (the words found boxed), files, the review queue, the live progress dashboard, and the
    reviewers' corrections (field, split, merge, reviewed), each recorded in the ledger. Vietnamese first;
    English with ?lang=en or the browser's language. Accounts: `digitize users add`.

    Listens on loopback unless told otherwise; put it behind a reverse proxy with TLS to open it to a
    network (docs/reading-room.md). Read-only views never hold up a `digitize run` on the same archive.
    Ctrl-C or SIGTERM stops it cleanly.

    OPTIONS:
      --archive DIR     Archive folder (default: ./Archive); with --store, the shared folder holding documents/
      --store ADDRESS   The catalogue's store: sqlite (default) or postgresql://USER@HOST[:PORT]/DATABASE
      --listen HOST:PORT Where to listen (default: the configuration's serve.listen, else 127.0.0.1:8080)
      --config FILE     Configuration (default: config/digitize.json); section "serve"
      -h, --help        Show this help

    EXIT CODES: 0 stopped by Ctrl-C/SIGTERM; 64 usage error; 66 no archive there; 74 catalogue error;
      78 unusable configuration or address.

    EXAMPLE: digitize serve --archive /archive --listen 127.0.0.1:8080
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--store", "--listen", "--config"], switches: ["--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        guard options.positional.isEmpty else { throw UsageError(message: "serve takes no arguments besides options; unexpected “\(options.positional[0])”.") }
        var configuration = try options.configuration(ReadingRoomConfiguration.self)
        let progress = try options.configuration(ProgressConfiguration.self)
        if let listen = options.values["--listen"] { configuration.listen = listen }
        let address: ListeningAddress
        do { address = try ListeningAddress(parsing: configuration.listen) } catch let error as HTTPServerError {
            throw UsageError(message: error.description)
        }
        let archive = try options.existingArchive()
        let room = try ReadingRoom(archive: archive.folder, store: archive.store, configuration: configuration, progress: progress)
        let server: HTTPServer
        do {
            server = try HTTPServer(address: address, threads: configuration.threads) { room.respond(to: $0) }
        } catch let error as HTTPServerError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            return 78
        }
        let stop = DispatchSemaphore(value: 0)
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        let sources = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stop.signal() }
            source.resume()
            return source
        }
        print("Reading room of \(archive.folder.path) at http://\(address)/ (Ctrl-C stops it)")
        if !address.isLoopback {
            print("warning: listening beyond this machine; put a reverse proxy with TLS in front (docs/reading-room.md).")
        }
        if configuration.anonymousReading { print("Anonymous reading of unmarked documents is open (serve.anonymous_reading).") }
        fflush(nil)  // all streams: the address line reaches a pipe at once
        stop.wait()
        server.stop()
        sources.forEach { $0.cancel() }
        print("Reading room stopped.")
        return 0
    }
}
