import Foundation

/// Catalogue connections for the reading room's request threads: read-only ones for pages (SQLite
/// in WAL mode lets them read while a `run` writes; PostgreSQL gives each statement a snapshot), and
/// one read-write one, used in turn, for what the room records (views of marked documents, corrections).
///
/// A `Catalogue` is used by one thread at a time: a request takes one from the pool and gives it back.
final class CataloguePool: @unchecked Sendable {
    // @unchecked Sendable: `idle` is only touched under `lock`, and each Catalogue taken from it is used
    // by one thread until it is given back; `writer` only under `writerLock`.
    private var idle: [Catalogue] = []
    private let lock = NSLock()
    private let writerLock = NSLock()
    private var writer: Catalogue?
    private let open: @Sendable (_ readOnly: Bool) throws -> Catalogue

    init(open: @escaping @Sendable (_ readOnly: Bool) throws -> Catalogue) {
        self.open = open
    }

    /// Runs `body` with a read-only catalogue.
    func reading<T>(_ body: (Catalogue) throws -> T) throws -> T {
        lock.lock()
        let taken = idle.popLast()
        lock.unlock()
        let catalogue = try taken ?? open(true)
        defer {
            lock.lock()
            idle.append(catalogue)
            lock.unlock()
        }
        return try body(catalogue)
    }

    /// Runs `body` with the read-write catalogue, one request at a time.
    func writing<T>(_ body: (Catalogue) throws -> T) throws -> T {
        writerLock.lock()
        defer { writerLock.unlock() }
        if writer == nil { writer = try open(false) }
        guard let writer else { throw CatalogueError(message: "the catalogue could not be opened for writing", code: 0) }
        return try body(writer)
    }
}
