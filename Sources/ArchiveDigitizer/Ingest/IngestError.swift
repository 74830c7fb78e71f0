import Foundation

/// Why a scan could not be taken in; each message tells an archivist what is wrong with which file.
public enum IngestError: Error, CustomStringConvertible, Equatable {
    case unreadableFile(path: String, reason: String)
    case emptyFile(path: String)
    case notAnImage(path: String)
    case truncatedOrDamaged(path: String, format: String)
    case tooLarge(path: String, width: Int, height: Int, limit: Int)
    case tooSmall(path: String, width: Int, height: Int)
    case encryptedPDF(path: String)
    case bornDigitalPDF(path: String, page: Int)
    case damagedPDF(path: String, reason: String)
    case missingFrame(path: String, frame: Int)
    case scanFolderMissing(path: String)
    case inventoryUnreadable(path: String, reason: String)

    /// A short stable label, stored in the catalogue and used for exit codes and counts.
    public var kind: String {
        switch self {
        case .unreadableFile: "unreadable"
        case .emptyFile: "empty"
        case .notAnImage: "not-an-image"
        case .truncatedOrDamaged: "damaged"
        case .tooLarge: "too-large"
        case .tooSmall: "too-small"
        case .encryptedPDF: "encrypted"
        case .bornDigitalPDF: "has-text"
        case .damagedPDF: "damaged"
        case .missingFrame: "damaged"
        case .scanFolderMissing: "missing-folder"
        case .inventoryUnreadable: "inventory"
        }
    }

    public var description: String {
        switch self {
        case let .unreadableFile(path, reason):
            "Cannot read \(path): \(reason)."
        case let .emptyFile(path):
            "\(path) is empty (0 bytes); rescan the page."
        case let .notAnImage(path):
            "\(path) is not a TIFF, PNG, JPEG or PDF file (its contents are something else)."
        case let .truncatedOrDamaged(path, format):
            "\(path) looks like \(format) but could not be decoded: the file is truncated or damaged; rescan or recopy it."
        case let .tooLarge(path, width, height, limit):
            "\(path) declares \(width)×\(height) pixels, more than the \(limit / 1_000_000) megapixel limit; refused before decoding (raise limits.max_megapixels in the configuration if the scan is genuine)."
        case let .tooSmall(path, width, height):
            "\(path) is only \(width)×\(height) pixels: too small to be a scanned page."
        case let .encryptedPDF(path):
            "\(path) is an encrypted PDF; remove the password and run again."
        case let .bornDigitalPDF(path, page):
            "\(path) page \(page) is a born-digital page (text without a scanned image); it needs no OCR — archive the original PDF as it is."
        case let .damagedPDF(path, reason):
            "\(path) is a damaged PDF: \(reason)."
        case let .missingFrame(path, frame):
            "\(path) frame \(frame + 1) could not be decoded (damaged frame); the other frames were processed."
        case let .scanFolderMissing(path):
            "The scan folder \(path) does not exist or is not a folder."
        case let .inventoryUnreadable(path, reason):
            "The inventory \(path) cannot be used: \(reason)."
        }
    }
}
