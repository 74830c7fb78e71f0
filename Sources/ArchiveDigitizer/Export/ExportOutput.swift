import Foundation

/// A text file an export writes piece by piece: buffered, and only in place once complete
/// (through `DurableFile`: a crash or error mid-export never leaves half a catalogue behind).
final class ExportOutput {
    private let file: DurableFile
    private var buffer = Data()

    /// Opens a temporary file beside `url`.
    init(_ url: URL) throws {
        file = try DurableFile(destination: url)
    }

    /// Appends UTF-8 text.
    func write(_ text: String) throws {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// Writes everything, syncs and renames into place; returns the size in bytes.
    @discardableResult
    func commit() throws -> Int64 {
        try flush()
        try file.commit()
        return Int64(file.count)
    }

    private func flush() throws {
        guard !buffer.isEmpty else { return }
        try file.append(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}
