import Foundation

/// An exclusive lock on an archive folder, so two commands never write one catalogue at once.
///
/// Uses `flock` on `<archive>/.lock`: the kernel releases it when the process dies, even by
/// `kill -9`, so a crashed run never leaves the archive locked.
public final class ArchiveLock {
    private let descriptor: Int32

    /// Takes the lock or throws `ArchiveBusyError` naming the process that holds it.
    public init(archive: URL) throws {
        let path = archive.appendingPathComponent(ArchiveLayout.lockFileName).path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw ArchiveBusyError(archive: archive.path, holder: nil, reason: String(cString: strerror(errno)))
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw ArchiveBusyError(archive: archive.path, holder: holder, reason: nil)
        }
        ftruncate(descriptor, 0)
        let note = "\(getpid())\n"
        _ = note.withCString { Foundation.write(descriptor, $0, strlen($0)) }
    }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}

/// Another command holds the archive.
public struct ArchiveBusyError: Error, CustomStringConvertible {
    public let archive: String
    public let holder: String?
    public let reason: String?
    public var description: String {
        if let reason { return "Cannot lock the archive \(archive): \(reason)." }
        let who = holder.map { " (process \($0))" } ?? ""
        return "Another digitize command\(who) is working on the archive \(archive); wait for it to finish, then run again."
    }
}
