import Foundation

/// An archive folder that `digitize run` has already written, as the read-side commands see it.
///
/// Opening goes through here so that `verify`, `progress`, `search` and `export` never create a
/// catalogue: a mistyped `--archive` must fail with a clear message, not leave an empty database behind.
public struct ExistingArchive: Sendable {
    /// The archive folder (holds `catalogue.sqlite` and `documents/`).
    public let folder: URL
    /// Where its catalogue lives: the SQLite file in `folder`, or a shared PostgreSQL database.
    public let store: StoreLocation

    /// Checks that `folder` exists and, for the embedded store, holds a catalogue.
    public init(_ folder: URL, store: StoreLocation = .embedded) throws {
        let folder = folder.standardizedFileURL
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw AuditError.noArchive(path: folder.path)
        }
        guard store != .embedded || FileManager.default.fileExists(atPath: ArchiveLayout.cataloguePath(in: folder)) else {
            throw AuditError.noCatalogue(archive: folder.path)
        }
        self.folder = folder
        self.store = store
    }

    /// The catalogue database file.
    public var cataloguePath: String { ArchiveLayout.cataloguePath(in: folder) }

    /// Where the searchable PDFs live (`documents/<FileCode>/…`).
    public var documentsFolder: URL { ArchiveLayout.documentsFolder(in: folder) }

    /// Opens the catalogue; read-only unless the command records something (verify's fixity event).
    ///
    /// Read-write opening also brings the schema up to date (e.g. builds the search index of an
    /// archive made before it existed). A PostgreSQL store is always opened the same way: its
    /// tables are created whole, and reading commands only read.
    public func openCatalogue(readOnly: Bool = true) throws -> Catalogue {
        try Catalogue(store: store, archive: folder, readOnly: readOnly)
    }

    /// The absolute path of a path the catalogue records relative to the archive.
    public func resolve(_ relativePath: String) -> URL {
        folder.appendingPathComponent(relativePath)
    }
}
