import Foundation

/// The formats `digitize export` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, json, xml, bagit
}

/// `digitize export`: the catalogue as CSV, JSON or XML for other systems, or the whole archive as
/// a BagIt bag for transfer.
public struct Exporter {
    /// The archive to export.
    public let archive: ExistingArchive
    /// `Source-Organization` of bags.
    public var sourceOrganization: String

    public init(archive: ExistingArchive, sourceOrganization: String = BagItWriter.defaultSourceOrganization) {
        self.archive = archive
        self.sourceOrganization = sourceOrganization
    }

    /// What an export wrote.
    public struct Summary: Sendable, Equatable {
        public var path: String
        public var files: Int
        public var documents: Int
        public var bytes: Int64
        /// For bags: `<bytes>.<files>` of the payload.
        public var payloadOxum: String?
    }

    /// Writes `format` to `destination` (a file; a new folder for `bagit`), reading the catalogue read-only.
    public func export(_ format: ExportFormat, to destination: URL, date: Date = Date()) throws -> Summary {
        let catalogue = try archive.openCatalogue(readOnly: true)
        let records = ExportRecords(connection: catalogue.connection)
        let files = try catalogue.connection.query("SELECT count(*) FROM files").first?.first?.int ?? 0
        let documents = try catalogue.connection.query("SELECT count(*) FROM documents").first?.first?.int ?? 0
        if format == .bagit {
            let bag = try BagItWriter(archive: archive, sourceOrganization: sourceOrganization, date: date)
                .write(catalogue: catalogue, to: destination)
            return Summary(path: bag.bag, files: files, documents: bag.documents, bytes: bag.payloadBytes, payloadOxum: bag.payloadOxum)
        }
        try FileManager.default.createDirectory(at: destination.deletingLastPathComponent(), withIntermediateDirectories: true)
        let output = try ExportOutput(destination)
        switch format {
        case .csv: try ExportCSV.write(records, to: output)
        case .json: try ExportJSON.write(records, to: output)
        case .xml: try ExportXML.write(records, to: output, exportedAt: date)
        case .bagit: break
        }
        let bytes = try output.commit()
        return Summary(path: destination.standardizedFileURL.path, files: files, documents: documents, bytes: bytes, payloadOxum: nil)
    }
}
