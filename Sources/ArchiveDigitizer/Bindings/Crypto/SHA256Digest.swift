import CCrypto
import Foundation

/// SHA-256 through libcrypto (OpenSSL), the fixity algorithm of TT 05/2025 and BagIt.
///
/// Large scans are fed in chunks so hashing a 500 MB TIFF does not load it into memory.
public struct SHA256Digest: Sendable {
    /// Lower-case hexadecimal digest of `data`.
    public static func hex(of data: Data) -> String {
        var hasher = Hasher256()
        hasher.update(data)
        return hasher.finalizeHex()
    }

    /// Lower-case hexadecimal digest of the file at `path`, read in 1 MiB chunks.
    public static func hex(ofFileAt path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw IngestError.unreadableFile(path: path, reason: String(cString: strerror(errno)))
        }
        defer { try? handle.close() }
        var hasher = Hasher256()
        while true {
            let chunk = try handle.read(upToCount: 1 << 20) ?? Data()
            if chunk.isEmpty { break }
            hasher.update(chunk)
        }
        return hasher.finalizeHex()
    }
}

/// One running SHA-256 computation; owns its `EVP_MD_CTX`.
struct Hasher256: ~Copyable {
    private let context: OpaquePointer

    init() {
        guard let context = EVP_MD_CTX_new() else { preconditionFailure("libcrypto could not allocate a digest context") }
        EVP_DigestInit_ex(context, EVP_sha256(), nil)
        self.context = context
    }

    mutating func update(_ data: Data) {
        data.withUnsafeBytes { buffer in
            _ = EVP_DigestUpdate(context, buffer.baseAddress, buffer.count)
        }
    }

    /// The hex SHA-256 of what was fed so far, leaving the digest open for more.
    func currentHex() -> String {
        guard let copy = EVP_MD_CTX_new() else { preconditionFailure("libcrypto could not allocate a digest context") }
        defer { EVP_MD_CTX_free(copy) }
        EVP_MD_CTX_copy_ex(copy, context)
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(copy, &digest, &length)
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    consuming func finalizeHex() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context, &digest, &length)
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    deinit { EVP_MD_CTX_free(context) }
}
