import Foundation

/// Recomputes one file's SHA-256 and compares it (and its size) with what was recorded.
enum FileFixity {
    /// The outcome for one file: the bytes read, and the problem if there is one.
    struct Outcome {
        var bytes: Int64
        var problem: VerificationProblem?
    }

    /// Checks the file at `path`; `location` is how the report names it.
    static func check(path: String, location: String, expectedSHA256: String, expectedSize: Int64?) -> Outcome {
        var info = stat()
        if stat(path, &info) != 0 {
            let code = errno
            if code == ENOENT || code == ENOTDIR {
                return Outcome(bytes: 0, problem: VerificationProblem(
                    kind: .missing, location: location, detail: "The file is not there: it was deleted or moved.",
                    expected: expectedSHA256))
            }
            return Outcome(bytes: 0, problem: VerificationProblem(
                kind: .unreadable, location: location, detail: "The file cannot be examined: \(String(cString: strerror(code))).",
                expected: expectedSHA256))
        }
        guard info.st_mode & S_IFMT == S_IFREG else {
            let what = info.st_mode & S_IFMT == S_IFDIR ? "a folder" : "not a regular file"
            return Outcome(bytes: 0, problem: VerificationProblem(
                kind: .unreadable, location: location, detail: "Where the file should be there is \(what).", expected: expectedSHA256))
        }
        let size = Int64(info.st_size)
        let actual: String
        do {
            actual = try SHA256Digest.hex(ofFileAt: path)
        } catch let error as IngestError {
            if case let .unreadableFile(_, reason) = error {
                return Outcome(bytes: 0, problem: VerificationProblem(
                    kind: .unreadable, location: location, detail: "The file cannot be read: \(reason).", expected: expectedSHA256))
            }
            return Outcome(bytes: 0, problem: VerificationProblem(
                kind: .unreadable, location: location, detail: "The file cannot be read: \(error.description)", expected: expectedSHA256))
        } catch {
            return Outcome(bytes: 0, problem: VerificationProblem(
                kind: .unreadable, location: location, detail: "The file cannot be read: \(error.localizedDescription).",
                expected: expectedSHA256))
        }
        guard actual != expectedSHA256 else { return Outcome(bytes: size, problem: nil) }
        let detail: String
        if let expectedSize, expectedSize != size {
            detail = "The file is \(size) bytes where \(expectedSize) were recorded: it was truncated, extended or replaced."
        } else {
            detail = "The file's content changed since it was recorded: its SHA-256 differs."
        }
        return Outcome(bytes: size, problem: VerificationProblem(kind: .mismatch, location: location, detail: detail,
                                                                expected: expectedSHA256, found: actual))
    }
}
