import Foundation

/// ISO 8601 timestamps in UTC with milliseconds, the ledger's one date format, written and read
/// back here only.
public enum Timestamp {
    /// `date` as the ledger writes it, e.g. `2026-11-24T09:41:07.125Z`.
    public static func string(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// A timestamp read back (ISO 8601 UTC, with or without milliseconds); nil when it is not one.
    public static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
