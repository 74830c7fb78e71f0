import Foundation

/// The names of the archive folder's parts, in one place: every verb finds the catalogue, the PDFs
/// and the lock through here, so a renamed part is one change.
///
/// ```
/// Archive/
///   catalogue.sqlite              catalogue + ledger (WAL mode)
///   documents/<FileCode>/<FileCode>.<NNN>.pdf
///   links/                        short aliases of scan paths too long for the libraries
///   .lock                         held by the command writing to the archive
/// ```
public enum ArchiveLayout {
    /// The SQLite catalogue file, in the archive folder.
    public static let catalogueFileName = "catalogue.sqlite"
    /// The folder of searchable PDFs, relative to the archive folder.
    public static let documentsFolderName = "documents"
    /// The folder of short aliases for scan paths the C libraries cannot open as they are.
    public static let linksFolderName = "links"
    /// The lock file a writing command holds.
    public static let lockFileName = ".lock"

    /// The catalogue database of the archive at `archive`.
    public static func cataloguePath(in archive: URL) -> String {
        archive.appendingPathComponent(catalogueFileName).path
    }

    /// The folder of searchable PDFs of the archive at `archive`.
    public static func documentsFolder(in archive: URL) -> URL {
        archive.appendingPathComponent(documentsFolderName)
    }

    /// A document's PDF relative to the archive folder: `documents/<FileCode>/<DocCode>.pdf`.
    public static func relativePDFPath(fileCode: String, documentCode: String) -> String {
        "\(documentsFolderName)/\(fileCode)/\(documentCode).pdf"
    }
}
