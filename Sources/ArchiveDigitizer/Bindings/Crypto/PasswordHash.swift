import CCrypto
import Foundation

/// Reading-room passwords, kept only as PBKDF2-HMAC-SHA256 hashes (libcrypto's `PKCS5_PBKDF2_HMAC`)
/// with a random salt, written `pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>` so the iteration
/// count can be raised later without making old hashes unreadable.
public enum PasswordHash {
    /// OWASP's 2023 figure for PBKDF2-HMAC-SHA256.
    public static let iterations = 600_000

    /// A new hash of `password` with a fresh 16-byte salt.
    public static func make(_ password: String, iterations: Int = iterations) throws -> String {
        let salt = try RandomBytes.make(16)
        let hash = try derive(password, salt: salt, iterations: iterations)
        return "pbkdf2-sha256$\(iterations)$\(hex(salt))$\(hex(hash))"
    }

    /// Whether `password` is the one `stored` was made from; compared in constant time.
    public static func matches(_ password: String, stored: String) -> Bool {
        let parts = stored.split(separator: "$")
        guard parts.count == 4, parts[0] == "pbkdf2-sha256", let iterations = Int(parts[1]), iterations > 0,
              let salt = bytes(fromHex: parts[2]), let expected = bytes(fromHex: parts[3]), !expected.isEmpty,
              let actual = try? derive(password, salt: salt, iterations: iterations, length: expected.count) else { return false }
        return actual.withUnsafeBytes { left in
            expected.withUnsafeBytes { right in CRYPTO_memcmp(left.baseAddress, right.baseAddress, expected.count) == 0 }
        }
    }

    private static func derive(_ password: String, salt: [UInt8], iterations: Int, length: Int = 32) throws -> [UInt8] {
        var output = [UInt8](repeating: 0, count: length)
        let utf8 = Array(password.utf8)
        let status = utf8.withUnsafeBytes { pass in
            PKCS5_PBKDF2_HMAC(pass.bindMemory(to: CChar.self).baseAddress, Int32(pass.count), salt, Int32(salt.count),
                              Int32(iterations), EVP_sha256(), Int32(length), &output)
        }
        guard status == 1 else { throw CryptoError.failed("PBKDF2") }
        return output
    }

    static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    private static func bytes(fromHex text: Substring) -> [UInt8]? {
        guard text.count % 2 == 0 else { return nil }
        var result: [UInt8] = []
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(index, offsetBy: 2)
            guard let byte = UInt8(text[index..<next], radix: 16) else { return nil }
            result.append(byte)
            index = next
        }
        return result
    }
}

/// Unpredictable bytes from libcrypto's `RAND_bytes` (salts, session and CSRF tokens).
public enum RandomBytes {
    public static func make(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        guard RAND_bytes(&bytes, Int32(count)) == 1 else { throw CryptoError.failed("RAND_bytes") }
        return bytes
    }

    /// `count` random bytes in hex: a token for a cookie or a form.
    public static func token(_ count: Int = 32) throws -> String { PasswordHash.hex(try make(count)) }
}

/// libcrypto refused to do its work (it does so only when out of memory or entropy).
public enum CryptoError: Error, CustomStringConvertible {
    case failed(String)
    public var description: String {
        switch self { case let .failed(what): "The cryptography library could not complete \(what)." }
    }
}
