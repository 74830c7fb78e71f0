import Foundation

/// One scan file on disk (a page image, a multi-page TIFF or a PDF).
public struct SourceFile: Sendable, Equatable {
    /// Absolute path.
    public var path: String
    /// Path relative to the scan folder, as the catalogue records it.
    public var relativePath: String
    /// Size in bytes.
    public var size: Int64
    /// Modification time, seconds since 1970; with `size`, lets a rerun skip re-hashing unchanged scans.
    public var modified: Double
}

/// A folder of page files: one archival file (hồ sơ), whose code (mã hồ sơ) is the folder's name.
public struct ScannedFile: Sendable, Equatable {
    /// The file code, e.g. `HN-TU.01.037.0001`.
    public var code: String
    /// The folder relative to the scan folder.
    public var relativeFolder: String
    /// Page files in natural name order (`2.tif` before `10.tif`).
    public var sources: [SourceFile]
}

/// What walking a scan folder found.
public struct ScanFolderListing: Sendable {
    /// Archival files, in natural order of their folder paths.
    public var files: [ScannedFile]
    /// Files that are not pages (notes, thumbnails) and were left alone.
    public var ignored: [String]
    /// Problems met while walking (unreadable folders, symlink loops); the walk goes on.
    public var problems: [String]
}

/// Walks a scan folder of any depth and groups page files into archival files.
///
/// Symbolic links are followed, but each real folder is visited once, so a link loop
/// cannot trap the walk. Hidden entries (starting with `.`) are skipped.
///
/// Names are read as raw bytes. A scan whose name is not valid UTF-8 (old Windows code pages,
/// USB sticks) cannot be named in Swift strings, so it is reached through a symbolic link with a
/// plain name in `aliasFolder`, and catalogued under its name with the odd bytes written `\xNN`.
public struct ScanFolder: Sendable {
    /// The folder given on the command line.
    public let root: URL
    /// Where links to scans with non-UTF-8 names are made (inside the archive); nil: such scans are reported and skipped.
    public let aliasFolder: URL?

    public init(root: URL, aliasFolder: URL? = nil) {
        self.root = root.standardizedFileURL
        self.aliasFolder = aliasFolder
    }

    /// Lists the archival files under the root.
    public func list() throws -> ScanFolderListing {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw IngestError.scanFolderMissing(path: root.path)
        }
        var listing = ScanFolderListing(files: [], ignored: [], problems: [])
        var visited = Set<String>()
        walk(root, relative: "", visited: &visited, into: &listing)
        listing.files.sort { NaturalOrder.isOrderedBefore($0.relativeFolder, $1.relativeFolder) }
        return listing
    }

    private func walk(_ folder: URL, relative: String, visited: inout Set<String>, into listing: inout ScanFolderListing) {
        var info = stat()
        guard stat(folder.path, &info) == 0 else {
            listing.problems.append("Cannot open folder \(folder.path): \(String(cString: strerror(errno)))")
            return
        }
        let identity = "\(info.st_dev):\(info.st_ino)"
        guard visited.insert(identity).inserted else {
            listing.problems.append("Skipped \(folder.path): a symbolic link leads back to a folder already scanned (link loop).")
            return
        }
        let entries: [String: URL]
        do {
            entries = try readEntries(of: folder, into: &listing)
        } catch {
            listing.problems.append("Cannot list folder \(folder.path): \(error)")
            return
        }
        var sources: [SourceFile] = []
        var subfolders: [(URL, String)] = []
        for name in entries.keys.sorted(by: NaturalOrder.isOrderedBefore) where !name.hasPrefix(".") {
            guard let url = entries[name] else { continue }
            let relativePath = relative.isEmpty ? name : relative + "/" + name
            var entry = stat()
            guard stat(url.path, &entry) == 0 else {
                listing.problems.append("Cannot read \(url.path): \(String(cString: strerror(errno))) (a broken link or a file removed during the walk).")
                continue
            }
            switch entry.st_mode & S_IFMT {
            case S_IFDIR:
                subfolders.append((url, relativePath))
            case S_IFREG:
                if ScanFormat.pageExtensions.contains(url.pathExtension.lowercased()) {
                    let modified = Double(entry.st_mtim.tv_sec) + Double(entry.st_mtim.tv_nsec) / 1e9
                    sources.append(SourceFile(path: url.path, relativePath: relativePath,
                                              size: Int64(entry.st_size), modified: modified))
                } else {
                    listing.ignored.append(relativePath)
                }
            default:
                listing.ignored.append(relativePath)
            }
        }
        if !sources.isEmpty {
            let code = relative.isEmpty ? root.lastPathComponent : folder.lastPathComponent
            listing.files.append(ScannedFile(code: code, relativeFolder: relative, sources: sources))
        }
        for (url, relativePath) in subfolders {
            walk(url, relative: relativePath, visited: &visited, into: &listing)
        }
    }

    /// The entries of `folder` by name, read as `readdir` bytes; a non-UTF-8 name is shown with
    /// `\xNN` escapes and its URL is an alias link.
    private func readEntries(of folder: URL, into listing: inout ScanFolderListing) throws -> [String: URL] {
        guard let directory = opendir(folder.path) else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { closedir(directory) }
        var entries: [String: URL] = [:]
        while let entry = readdir(directory) {
            let bytes = withUnsafeBytes(of: entry.pointee.d_name) { raw in Array(raw.prefix { $0 != 0 }) }
            if bytes == Array(".".utf8) || bytes == Array("..".utf8) { continue }
            if let name = String(validating: bytes, as: UTF8.self) {
                entries[name] = folder.appendingPathComponent(name)
                continue
            }
            let display = bytes.map { $0 < 0x80 ? String(UnicodeScalar($0)) : String(format: "\\x%02X", $0) }.joined()
            guard let aliasFolder else {
                listing.problems.append("Skipped “\(display)” in \(folder.path): its name is not valid UTF-8; rename it.")
                continue
            }
            let target = Array(folder.path.utf8) + [UInt8(ascii: "/")] + bytes + [0]
            let alias = aliasFolder.appendingPathComponent(SHA256Digest.hex(of: Data(target)) + "." + (display as NSString).pathExtension)
            try? FileManager.default.createDirectory(at: aliasFolder, withIntermediateDirectories: true)
            unlink(alias.path)
            let linked = target.withUnsafeBufferPointer { buffer in
                buffer.baseAddress.map { symlink(UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self), alias.path) } ?? -1
            }
            guard linked == 0 else {
                listing.problems.append("Skipped “\(display)” in \(folder.path): its name is not valid UTF-8 and no link to it could be made.")
                continue
            }
            entries[display] = alias
        }
        return entries
    }
}
