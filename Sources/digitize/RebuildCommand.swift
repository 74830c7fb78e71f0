import ArchiveDigitizer
import Foundation

/// `digitize rebuild-pdfs`: the PDFs again from the stored OCR results, without OCR.
enum RebuildCommand {
    static let usage = """
    USAGE: digitize rebuild-pdfs [--archive DIR] [--file CODE | --document CODE] [--pdf-profile P] [--config FILE]

    Writes the searchable PDFs of the archive again from what the catalogue recorded (each page's
    words and line baselines, each document's pages and metadata, corrections included): no page
    is OCR'd again. Use it after an upgrade of digitize (PDFs made before are not rewritten until
    you ask) or after a correction. A PDF that comes out the same is left alone; a changed one
    replaces the old file, and the catalogue and the ledger record both (so `verify` stays clean).

    OPTIONS:
      --archive DIR        Archive folder (default: ./Archive)
      --file CODE          Only the documents of this archival file (mã hồ sơ)
      --document CODE      Only this document (e.g. HN-TU.01.037.0001.002)
      --pdf-profile P      pdfa-2b (default), pdfa-2u or plain (see docs/pdf.md)
      --config FILE        Configuration JSON (its run section; default: config/digitize.json if present)
      -h, --help           Show this help

    EXIT CODES: 0 rebuilt (or already up to date); 64 usage error; 66 no archive, file or document
      of that code; 74 a PDF or the catalogue could not be written; 75 another command holds the archive.

    EXAMPLE: digitize rebuild-pdfs --archive /archive --document HN-TU.01.037.0001.002
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--file", "--document", "--pdf-profile", "--config"],
                                    switches: ["--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        guard options.positional.isEmpty else {
            throw UsageError(message: "rebuild-pdfs takes no arguments besides options; unexpected “\(options.positional[0])”.")
        }
        if options.values["--file"] != nil, options.values["--document"] != nil {
            throw UsageError(message: "Give --file or --document, not both.")
        }
        var configuration = try options.configuration(RunConfiguration.self)
        if let name = options.values["--pdf-profile"] {
            guard let profile = PDFProfile(argument: name) else {
                throw UsageError(message: "--pdf-profile must be one of \(PDFProfile.names), not “\(name)”.")
            }
            configuration.pdfProfile = profile
        }
        let archive = try ExistingArchive(options.archiveFolder)
        let lock = try ArchiveLock(archive: archive.folder)
        defer { withExtendedLifetime(lock) {} }
        let catalogue = try archive.openCatalogue(readOnly: false)
        let tessdata = configuration.tessdataPath.isEmpty ? TesseractEngine.defaultDataPath : configuration.tessdataPath
        let decoder = PageDecoder(maximumPixels: configuration.maxMegapixels * 1_000_000, defaultDPI: configuration.defaultDPI)
        let writer = try SearchablePDFWriter(tessdataPath: tessdata, decoder: decoder, profile: configuration.pdfProfile)
        let rebuilder = PDFRebuilder(catalogue: catalogue, archive: archive.folder, writer: writer)
        let outcomes: [PDFRebuilder.Outcome]
        do {
            outcomes = try rebuilder.rebuild(fileCode: options.values["--file"], documentCode: options.values["--document"],
                                             reason: "digitize rebuild-pdfs, \(configuration.pdfProfile.rawValue)")
        } catch let error as RebuildError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            return 66
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            return 74
        }
        for outcome in outcomes where outcome.isReplaced { print("rebuilt  \(outcome.relativePath)") }
        let replaced = outcomes.filter(\.isReplaced).count
        print("\(replaced) PDF(s) rebuilt, \(outcomes.count - replaced) already up to date (\(configuration.pdfProfile.rawValue)).")
        return 0
    }
}
