/// Why an export could not be made; each message says what to do.
public enum ExportError: Error, CustomStringConvertible, Equatable {
    /// The destination of a bag already exists and is not an empty folder.
    case destinationExists(path: String)
    /// A document's PDF is not in the archive.
    case documentMissing(path: String)
    /// A document's PDF no longer has the checksum the catalogue recorded.
    case documentChanged(path: String, expected: String, found: String)
    /// A catalogue row points outside the archive's documents folder.
    case unsafePath(path: String)
    /// Reading a PDF failed.
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case let .destinationExists(path):
            return "\(path) already exists; a bag is written to a new (or empty) folder. Choose another --to or remove it."
        case let .documentMissing(path):
            return "The PDF \(path) recorded in the catalogue is missing from the archive; run `digitize verify` and repair the archive before exporting."
        case let .documentChanged(path, expected, found):
            return "The PDF \(path) changed since it was recorded (SHA-256 \(found), catalogue \(expected)); run `digitize verify` "
                + "and repair the archive before exporting — a bag must not carry altered files."
        case let .unsafePath(path):
            return "The catalogue records the PDF path “\(path)”, which is outside the archive's documents folder; run `digitize verify`."
        case let .unreadable(path, reason):
            return "Cannot read \(path): \(reason)."
        }
    }
}
