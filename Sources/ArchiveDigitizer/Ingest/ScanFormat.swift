import Foundation

/// The container format of a scan file, decided by its first bytes and never by its name,
/// because scanner software and people rename files carelessly.
public enum ScanFormat: String, Sendable, Codable {
    case tiff, png, jpeg, pdf

    /// File name extensions that mark a file as a page to take in; everything else is ignored.
    public static let pageExtensions: Set<String> = ["tif", "tiff", "png", "jpg", "jpeg", "jpe", "pdf"]

    /// Sniffs the format from the leading bytes of `data`; `nil` when it is none of ours.
    public static func sniff(_ data: Data) -> ScanFormat? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: [0x49, 0x49, 0x2A, 0x00]) || bytes.starts(with: [0x4D, 0x4D, 0x00, 0x2A]) { return .tiff }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        // PDF allows junk before the header within the first 1024 bytes.
        if let text = String(data: data.prefix(1024), encoding: .isoLatin1), text.contains("%PDF-") { return .pdf }
        return nil
    }

    /// Sniffs the format of the file at `path`.
    public static func sniff(fileAt path: String) throws -> ScanFormat {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        let head: Data
        do { head = try handle.read(upToCount: 1024) ?? Data() } catch {
            throw IngestError.unreadableFile(path: path, reason: "\(error.localizedDescription)")
        }
        if head.isEmpty { throw IngestError.emptyFile(path: path) }
        guard let format = sniff(head) else { throw IngestError.notAnImage(path: path) }
        return format
    }
}
