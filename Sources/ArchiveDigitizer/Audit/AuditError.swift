import Foundation

/// Why a read-side command (verify, progress, search, export) could not look at an archive.
public enum AuditError: Error, CustomStringConvertible, Equatable {
    /// The folder holds no `catalogue.sqlite`: a wrong `--archive`, or `digitize run` never ran there.
    case noCatalogue(archive: String)
    /// The archive folder itself is not there.
    case noArchive(path: String)

    public var description: String {
        switch self {
        case let .noCatalogue(archive):
            return "There is no catalogue in \(archive) (no catalogue.sqlite): it is not an archive written by `digitize run`. "
                + "Give the archive folder with --archive DIR."
        case let .noArchive(path):
            return "There is no archive folder at \(path). Give the folder `digitize run` wrote to with --archive DIR."
        }
    }
}
