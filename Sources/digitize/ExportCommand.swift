import ArchiveDigitizer
import Foundation

/// `digitize export {csv|json|xml|bagit}`: the catalogue for other systems, or a BagIt bag for transfer.
enum ExportCommand {
    static let usage = """
    USAGE: digitize export {csv|json|xml|bagit} [--archive DIR] [--store ADDRESS] --to PATH [--source-organization NAME] [--config FILE]

    csv    one row per document, TT 02/2019/TT-BNV field names (DocCode, FileCode, TypeName, …), UTF-8 for Excel
    json   {"files":[{file fields…, "documents":[{document fields…, "pdf", "sha256"}]}]}
    xml    TT02-style <File> and <Document> records
    bagit  a BagIt 1.0 bag (RFC 8493) in the new folder PATH: the PDFs, the catalogue as JSON, CSV and XML,
           SHA-256 manifests and bag-info.txt; the PDFs' checksums are checked against the catalogue first

    OPTIONS:
      --archive DIR                 Archive folder (default: ./Archive); with --store, the shared folder holding documents/
      --store ADDRESS               Where the catalogue is: sqlite (default, inside the archive) or
                                    postgresql://USER@HOST/DATABASE (password shown as *** wherever printed)
      --to PATH                     The file (csv, json, xml) or new folder (bagit) to write
      --source-organization NAME    Source-Organization of the bag (default: from the config's "export"
                                    section, else “\(BagItWriter.defaultSourceOrganization)”)
      --config FILE                 Configuration JSON (default: config/digitize.json if present)
      -h, --help                    Show this help

    EXIT CODES: 0 written; 64 usage error; 65 the archive's data cannot be exported as it is (a PDF
      changed or missing: run digitize verify; the destination exists); 66 no archive there;
      74 disk or catalogue error.

    EXAMPLES: digitize export bagit --archive /archive --to /transfer/2025-11-bag
              digitize export csv --archive /mnt/archive --store postgresql://digitize@db.local/archive --to catalogue.csv
    """

    static func main(_ arguments: [String]) throws -> Int32 {
        let options = try Arguments(arguments, valued: ["--archive", "--store", "--to", "--source-organization", "--config"],
                                    switches: ["--help", "-h"])
        if options.asksForHelp {
            print(usage)
            return 0
        }
        let formats = ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")
        guard options.positional.count == 1, let name = options.positional.first else {
            throw UsageError(message: options.positional.isEmpty ? "Missing the format (\(formats))."
                             : "Give one format, not \(options.positional.count).")
        }
        guard let format = ExportFormat(rawValue: name.lowercased()) else {
            throw UsageError(message: "Unknown format “\(name)”; choose one of \(formats).")
        }
        guard let destination = options.values["--to"], !destination.isEmpty else {
            throw UsageError(message: "Missing --to PATH: where to write the \(format.rawValue) export.")
        }
        let configuration = try options.configuration(ExportConfiguration.self)
        let archive = try options.existingArchive()
        let exporter = Exporter(archive: archive,
                                sourceOrganization: options.values["--source-organization"] ?? configuration.sourceOrganization)
        let summary: Exporter.Summary
        do {
            summary = try exporter.export(format, to: URL(fileURLWithPath: destination))
        } catch let error as ExportError {
            FileHandle.standardError.write(Data("error: \(error.description)\n".utf8))
            return 65
        }
        if let oxum = summary.payloadOxum {
            print("Bag written to \(summary.path): \(summary.documents) PDF(s) and the catalogue (JSON, CSV, XML); Payload-Oxum \(oxum).")
        } else {
            print("Exported \(summary.files) file(s) and \(summary.documents) document(s) as \(format.rawValue) to \(summary.path) (\(summary.bytes) bytes).")
        }
        return 0
    }
}
