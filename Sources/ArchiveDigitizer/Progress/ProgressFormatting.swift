import Foundation

/// Number and date formats shared by the progress report's text and HTML forms: thousands
/// separators, metres without trailing zeros, UTC dates.
enum ProgressFormatting {
    /// `1,450.025 m`; up to three decimals (a millimetre of shelf), trailing zeros dropped; small
    /// non-zero extents (a few estimated pages) keep three significant digits instead of showing 0.
    static func metres(_ value: Double) -> String { metresNumber(value) + " m" }

    /// `metres` without the unit, for table cells.
    static func metresNumber(_ value: Double) -> String {
        let magnitude = abs(value)
        guard magnitude > 0, magnitude < 0.001 else { return number(value, decimals: 3) }
        return number(value, decimals: min(9, 2 - Int(floor(log10(magnitude)))))
    }

    /// A rate: one decimal, two below 10 (so a slow week does not read 0.0).
    static func rate(_ value: Double) -> String {
        number(value, decimals: abs(value) < 10 ? (abs(value) < 0.1 ? 4 : 2) : 1, keepZeros: true)
    }

    /// A count with thousands separators.
    static func count(_ value: Int) -> String { number(Double(value), decimals: 0) }

    /// `6.14%`.
    static func percent(_ value: Double) -> String { String(format: "%.2f%%", value) }

    /// A number with thousands separators and at most `decimals` decimals (trailing zeros dropped).
    static func number(_ value: Double, decimals: Int, keepZeros: Bool = false) -> String {
        guard value.isFinite else { return "—" }
        var text = String(format: "%.\(decimals)f", abs(value))
        if !keepZeros, text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        let parts = text.split(separator: ".", maxSplits: 1)
        var whole = String(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = "," + whole.suffix(3) + grouped
            whole.removeLast(3)
        }
        grouped = whole + grouped
        let sign = value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : ""
        return sign + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// `2026-04-25` (UTC).
    static func day(_ date: Date) -> String { utc("yyyy-MM-dd").string(from: date) }

    /// `2026-04-25 14:05 UTC`.
    static func minute(_ date: Date) -> String { utc("yyyy-MM-dd HH:mm").string(from: date) + " UTC" }

    /// `2026-04-25 14:05:09` (UTC), for a worker's completions, which are seconds apart.
    static func second(_ date: Date) -> String { utc("yyyy-MM-dd HH:mm:ss").string(from: date) }

    private static func utc(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = format
        return formatter
    }

    /// Rounds for JSON so sums of metres print as `0.025`, not `0.025000000000000001`.
    static func rounded(_ value: Double, decimals: Int) -> Double {
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
    }

    /// A bar of `width` cells, filled in proportion to `fraction` (0…1); at least one cell once anything is done.
    static func bar(_ fraction: Double, width: Int = 30) -> String {
        let clamped = max(0, min(1, fraction))
        var filled = Int((clamped * Double(width)).rounded(.down))
        if clamped > 0 && filled == 0 { filled = 1 }
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }
}
