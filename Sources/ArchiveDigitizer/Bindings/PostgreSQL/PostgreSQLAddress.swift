import CPostgreSQL
import Foundation

/// Where a PostgreSQL store is: a libpq connection string, as a URL (`postgresql://user:pass@host:5432/db?sslmode=require`)
/// or as `key=value` pairs (`host=db.example dbname=archive password=…`).
///
/// The string may carry a password, so it is only ever handed to libpq: `description`, `debugDescription`
/// and the mirror all show `masked`, where every password reads `***`. libpq itself reads `PGPASSFILE` or
/// `~/.pgpass` when the string has no password, and honours `sslmode`; nothing here re-implements that.
public struct PostgreSQLAddress: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The connection string exactly as given, password included: for libpq only, never for output.
    let connectionString: String

    /// Checks `connectionString` with libpq's own parser, so a typo is reported before any connection is tried.
    public init(_ connectionString: String) throws {
        self.connectionString = connectionString
        var message: UnsafeMutablePointer<CChar>?
        guard let options = PQconninfoParse(connectionString, &message) else {
            let reason = message.map { String(cString: $0) } ?? "libpq could not read it"
            PQfreemem(message)
            throw PostgreSQLError.invalidAddress(address: Self.masking(connectionString),
                                                 reason: Self.scrubbing(PostgreSQLError.tidy(reason), of: connectionString))
        }
        PQconninfoFree(options)
    }

    /// The address with every password replaced by `***`: what logs, progress output and errors print.
    public var masked: String { Self.masking(connectionString) }

    public var description: String { masked }
    public var debugDescription: String { "PostgreSQLAddress(\(masked))" }
    public var customMirror: Mirror { Mirror(self, children: ["masked": masked]) }

    /// `message` with any password of this address replaced by `***`, for text that came from libpq or the server.
    func scrubbed(_ message: String) -> String { Self.scrubbing(message, of: connectionString) }

    /// `text` with its passwords (a URL's `user:password@` and every `password=` value) replaced by `***`.
    ///
    /// Works on any text, even one libpq cannot parse, so a mistyped address never shows its password either.
    public static func masking(_ text: String) -> String {
        var masked = text
        for range in passwordRanges(in: text).reversed() { masked.replaceSubrange(range, with: "***") }
        return masked
    }

    /// `message` with every spelling of the passwords in `connectionString` replaced by `***`: as written,
    /// percent-decoded, and as libpq reads it (which also unquotes `key='value'` forms).
    static func scrubbing(_ message: String, of connectionString: String) -> String {
        var secrets = Set(passwordRanges(in: connectionString).map { String(connectionString[$0]) })
        for secret in secrets { if let decoded = secret.removingPercentEncoding { secrets.insert(decoded) } }
        if let options = PQconninfoParse(connectionString, nil) {
            var option = options
            while let keyword = option.pointee.keyword {
                if String(cString: keyword) == "password", let value = option.pointee.val { secrets.insert(String(cString: value)) }
                option += 1
            }
            PQconninfoFree(options)
        }
        var scrubbed = message
        for secret in secrets.filter({ !$0.isEmpty }).sorted(by: { $0.count > $1.count }) {
            scrubbed = scrubbed.replacingOccurrences(of: secret, with: "***")
        }
        return scrubbed
    }

    /// The ranges of `text` that hold a password, in any `scheme://` URL or in `key=value` form. Errs on the side of hiding: in a URL everything between the
    /// first `:` of the user part and the last `@` counts, so a password with a raw `@` or `/` is still hidden.
    static func passwordRanges(in text: String) -> [Range<String.Index>] {
        var ranges: [Range<String.Index>] = []
        let isURL = text.firstMatch(of: /^[A-Za-z][A-Za-z0-9+.\-]*:\/\//) != nil
        if isURL, let schemeEnd = text.range(of: "://")?.upperBound, let at = text[schemeEnd...].lastIndex(of: "@"),
           let colon = text[schemeEnd..<at].firstIndex(of: ":"), text.index(after: colon) < at {
            ranges.append(text.index(after: colon)..<at)
        }
        // In a URL's query `&` ends a value; in key=value form a value ends at a space unless it is quoted.
        let values = isURL ? text.matches(of: /(?i)[?&]password=([^&#]*)/).map(\.output.1)
                           : text.matches(of: /(?i)(?:^|\s)password\s*=\s*('(?:\\.|[^'\\])*'?|\S*)/).map(\.output.1)
        ranges += values.filter { !$0.isEmpty }.map { $0.startIndex..<$0.endIndex }
        return ranges.sorted { $0.lowerBound < $1.lowerBound }
            .reduce(into: []) { merged, range in
                if let last = merged.last, range.lowerBound <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
                } else { merged.append(range) }
            }
    }
}
