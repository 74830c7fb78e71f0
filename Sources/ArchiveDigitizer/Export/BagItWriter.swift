import Foundation

/// Writes the archive as a BagIt 1.0 bag (RFC 8493), the transfer and fixity package that
/// Thông tư 05/2025/TT-BNV's SHA-256 packaging and international practice expect:
///
/// ```
/// <bag>/bagit.txt                      BagIt-Version 1.0, UTF-8
/// <bag>/bag-info.txt                   Source-Organization, Bagging-Date, Payload-Oxum, …
/// <bag>/manifest-sha256.txt            every payload file
/// <bag>/tagmanifest-sha256.txt         the three tag files above
/// <bag>/data/documents/<FileCode>/<DocCode>.pdf
/// <bag>/data/metadata/catalogue.{json,csv,xml}
/// ```
/// Each PDF is copied while it is hashed, and the hash must equal the catalogue's: a bag never
/// carries a file that changed since it was recorded (the export stops and says to run `verify`).
/// The bag is built in a hidden sibling folder and renamed into place only when complete.
public struct BagItWriter {
    /// The archive to package.
    public let archive: ExistingArchive
    /// `Source-Organization` in bag-info.txt.
    public var sourceOrganization: String
    /// `Bagging-Date` (its day, UTC).
    public var date: Date

    /// The default `Source-Organization`: the Office of the Hanoi Party Committee.
    public static let defaultSourceOrganization = "Văn phòng Thành ủy Hà Nội"

    public init(archive: ExistingArchive, sourceOrganization: String = BagItWriter.defaultSourceOrganization, date: Date = Date()) {
        self.archive = archive
        self.sourceOrganization = sourceOrganization
        self.date = date
    }

    /// What went into the bag.
    public struct Summary: Sendable, Equatable {
        public var bag: String
        public var documents: Int
        public var payloadFiles: Int
        public var payloadBytes: Int64
        /// `<bytes>.<files>`, as in bag-info.txt.
        public var payloadOxum: String { "\(payloadBytes).\(payloadFiles)" }
    }

    /// Writes the bag at `bag`, which must not exist or be an empty folder.
    public func write(catalogue: Catalogue, to bag: URL) throws -> Summary {
        let bag = bag.standardizedFileURL
        let manager = FileManager.default
        if manager.fileExists(atPath: bag.path) {
            let contents = (try? manager.contentsOfDirectory(atPath: bag.path)) ?? ["?"]
            guard contents.isEmpty else { throw ExportError.destinationExists(path: bag.path) }
        }
        let staging = bag.deletingLastPathComponent()
            .appendingPathComponent("\(DurableFile.temporaryPrefix)\(getpid())-\(bag.lastPathComponent)")
        try? manager.removeItem(at: staging)
        try manager.createDirectory(at: staging.appendingPathComponent("data/metadata"), withIntermediateDirectories: true)
        var isComplete = false
        defer { if !isComplete { try? manager.removeItem(at: staging) } }

        let manifest = try ExportOutput(staging.appendingPathComponent("manifest-sha256.txt"))
        var summary = Summary(bag: bag.path, documents: 0, payloadFiles: 0, payloadBytes: 0)
        func addToManifest(_ relative: String, sha256: String, size: Int64) throws {
            try manifest.write("\(sha256)  \(Self.manifestPath("data/" + relative))\n")
            summary.payloadFiles += 1
            summary.payloadBytes += size
        }

        let records = ExportRecords(connection: catalogue.connection)
        try records.forEachFile { file in
            for document in file.documents {
                let relative = document.pdfPath
                guard relative.hasPrefix(ArchiveLayout.documentsFolderName + "/"), !relative.split(separator: "/").contains(".."),
                      !relative.contains("\0") else { throw ExportError.unsafePath(path: relative) }
                let size = try Self.copy(archive.resolve(relative), to: staging.appendingPathComponent("data/" + relative),
                                         expectedSHA256: document.sha256, shownAs: relative)
                try addToManifest(relative, sha256: document.sha256, size: size)
                summary.documents += 1
            }
        }

        let metadata: [(String, (ExportOutput) throws -> Void)] = [
            ("catalogue.json", { try ExportJSON.write(records, to: $0) }),
            ("catalogue.csv", { try ExportCSV.write(records, to: $0) }),
            ("catalogue.xml", { try ExportXML.write(records, to: $0, exportedAt: date) }),
        ]
        for (name, write) in metadata {
            let url = staging.appendingPathComponent("data/metadata/" + name)
            let output = try ExportOutput(url)
            try write(output)
            let size = try output.commit()
            try addToManifest("metadata/" + name, sha256: try SHA256Digest.hex(ofFileAt: url.path), size: size)
        }
        try manifest.commit()

        try DurableFile.write(Data("BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".utf8),
                              to: staging.appendingPathComponent("bagit.txt"))
        let info = [
            ("Source-Organization", sourceOrganization),
            ("Bagging-Date", ProgressFormatting.day(date)),
            ("Payload-Oxum", summary.payloadOxum),
            ("Bag-Software-Agent", "digitize (ArchiveDigitizer)"),
            ("External-Description", "Searchable PDFs (one per document, TT 02/2019/TT-BNV naming) and the catalogue "
                + "(JSON, CSV, XML) of \(summary.documents) document(s), exported from \(archive.folder.lastPathComponent)."),
        ]
        let infoText = info.map { "\($0.0): \(Self.singleLine($0.1))\n" }.joined()
        try DurableFile.write(Data(infoText.utf8), to: staging.appendingPathComponent("bag-info.txt"))

        let tags = try ["bagit.txt", "bag-info.txt", "manifest-sha256.txt"].map { name in
            "\(try SHA256Digest.hex(ofFileAt: staging.appendingPathComponent(name).path))  \(name)\n"
        }.joined()
        try DurableFile.write(Data(tags.utf8), to: staging.appendingPathComponent("tagmanifest-sha256.txt"))

        if manager.fileExists(atPath: bag.path) { try manager.removeItem(at: bag) }  // checked empty above
        guard rename(staging.path, bag.path) == 0 else {
            throw DurableFileError(path: bag.path, code: errno, action: "rename the finished bag into")
        }
        DurableFile.syncFolder(bag.deletingLastPathComponent())
        isComplete = true
        return summary
    }

    /// Copies `source` to `destination` in 1 MiB chunks while hashing; the copy is kept only if the
    /// hash equals `expectedSHA256`. Returns the size.
    static func copy(_ source: URL, to destination: URL, expectedSHA256: String, shownAs name: String) throws -> Int64 {
        guard FileManager.default.fileExists(atPath: source.path) else { throw ExportError.documentMissing(path: name) }
        guard let input = FileHandle(forReadingAtPath: source.path) else {
            throw ExportError.unreadable(path: name, reason: String(cString: strerror(errno)))
        }
        defer { try? input.close() }
        let output = try DurableFile(destination: destination)
        var hasher = Hasher256()
        while true {
            let chunk: Data
            do { chunk = try input.read(upToCount: 1 << 20) ?? Data() } catch {
                throw ExportError.unreadable(path: name, reason: error.localizedDescription)
            }
            if chunk.isEmpty { break }
            hasher.update(chunk)
            try output.append(chunk)
        }
        let found = hasher.finalizeHex()
        guard found == expectedSHA256 else {
            output.abandon()
            throw ExportError.documentChanged(path: name, expected: expectedSHA256, found: found)
        }
        try output.commit()
        return Int64(output.count)
    }

    /// A payload path as manifests write it (RFC 8493 §2.1.3: CR, LF and % percent-encoded).
    static func manifestPath(_ path: String) -> String {
        path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    private static func singleLine(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
}
