import Foundation

/// Writes files so that a crash at any instant leaves either the old file or the complete new one.
///
/// The bytes go to a hidden temporary name in the same folder, are flushed to disk with `fsync`,
/// renamed over the final name, and the folder itself is synced so that the rename survives a
/// power cut. A leftover temporary (from a process killed mid-write) starts with `.partial-`
/// and is removed by `removeLeftovers(in:)` on the next run.
public final class DurableFile {
    /// The prefix of temporary files; never the prefix of a finished output.
    public static let temporaryPrefix = ".partial-"

    /// Where the file will appear once committed.
    public let destination: URL
    private let temporary: URL
    private var descriptor: Int32
    /// Bytes appended so far.
    public private(set) var count = 0

    /// Opens a temporary file beside `destination`.
    public init(destination: URL) throws {
        self.destination = destination
        let folder = destination.deletingLastPathComponent()
        try Self.createFolder(folder)
        temporary = folder.appendingPathComponent("\(Self.temporaryPrefix)\(getpid())-\(destination.lastPathComponent)")
        descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw DurableFileError(path: temporary.path, code: errno, action: "create") }
    }

    deinit { abandon() }

    /// Appends bytes to the temporary file.
    public func append(_ data: Data) throws {
        guard descriptor >= 0 else { throw DurableFileError(path: destination.path, code: EBADF, action: "write") }
        try data.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw DurableFileError(path: destination.path, code: errno, action: "write")
                }
                offset += written
            }
        }
        count += data.count
    }

    /// Flushes, renames over the destination and syncs the folder.
    public func commit() throws {
        guard descriptor >= 0 else { throw DurableFileError(path: destination.path, code: EBADF, action: "write") }
        if fsync(descriptor) != 0 {
            let code = errno
            abandon()
            throw DurableFileError(path: destination.path, code: code, action: "flush")
        }
        close(descriptor)
        descriptor = -1
        guard rename(temporary.path, destination.path) == 0 else {
            let code = errno
            unlink(temporary.path)
            throw DurableFileError(path: destination.path, code: code, action: "rename")
        }
        Self.syncFolder(destination.deletingLastPathComponent())
    }

    /// Closes and deletes the temporary file; the destination is untouched.
    public func abandon() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
        unlink(temporary.path)
    }

    /// Atomically replaces `url` with `data`.
    public static func write(_ data: Data, to url: URL) throws {
        let file = try DurableFile(destination: url)
        try file.append(data)
        try file.commit()
    }

    /// Makes `folder` and its missing parents with `mkdir`, so a failure carries the system's own
    /// reason (read-only disk, a file in the way, disk full); Foundation's `createDirectory` reports
    /// every one of them as the same Cocoa error.
    static func createFolder(_ folder: URL) throws {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
            if isFolder.boolValue { return }
            throw DurableFileError(path: folder.path, code: ENOTDIR, action: "create the folder")
        }
        let parent = folder.deletingLastPathComponent()
        if parent.path != folder.path && !parent.path.isEmpty { try createFolder(parent) }
        if mkdir(folder.path, 0o755) != 0 && errno != EEXIST {
            throw DurableFileError(path: folder.path, code: errno, action: "create the folder")
        }
    }

    /// Flushes a folder's entries (new names, renames) to disk.
    public static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }

    /// Deletes temporaries left by a killed process anywhere under `folder`; returns how many.
    @discardableResult
    public static func removeLeftovers(in folder: URL) -> Int {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return 0 }
        var removed = 0
        for case let url as URL in walker where url.lastPathComponent.hasPrefix(temporaryPrefix) {
            if (try? FileManager.default.removeItem(at: url)) != nil { removed += 1 }
        }
        return removed
    }
}

/// A write to the archive that did not complete; the message names the file and the system's reason.
public struct DurableFileError: Error, CustomStringConvertible {
    /// The file being written.
    public let path: String
    /// The `errno` value.
    public let code: Int32
    /// What was being done: create, write, flush, rename.
    public let action: String

    /// Whether the disk is full or the device failed, so the whole run must stop.
    public var isFatalForRun: Bool { code == ENOSPC || code == EIO || code == EDQUOT || code == EROFS }

    public var description: String {
        let reason = String(cString: strerror(code))
        if code == ENOSPC || code == EDQUOT {
            return "The disk holding \(path) is full (\(reason)); free some space and run again — finished work is kept."
        }
        return "Could not \(action) \(path): \(reason)."
    }
}
