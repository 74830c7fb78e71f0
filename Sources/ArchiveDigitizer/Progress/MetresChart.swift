import Foundation

/// The inline SVG chart of the HTML progress page: shelf metres digitized with this tool over time,
/// as a step line (each completed file raises it by its extent).
///
/// Pure SVG text, no script and no fonts to fetch, so the page stays self-contained.
struct MetresChart {
    var points: [TimelinePoint]
    /// The right edge of the time axis (the report's time).
    var end: Date
    var width = 760.0
    var height = 280.0

    private let left = 70.0, right = 20.0, top = 20.0, bottom = 40.0

    func svg() -> String {
        var parts: [String] = []
        parts.append("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"100%\" role=\"img\" "
                     + "aria-label=\"Shelf metres digitized over time\">")
        parts.append("<title>Shelf metres digitized with digitize over time</title>")
        parts.append("<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#fff\"/>")
        guard let first = points.first else {
            parts.append(text(width / 2, height / 2, "No archival file completed yet.", anchor: "middle", size: 14))
            parts.append("</svg>")
            return parts.joined(separator: "\n")
        }
        let start = first.date
        let finish = max(end, points.last?.date ?? end, start.addingTimeInterval(60))
        let span = finish.timeIntervalSince(start)
        let peak = niceCeiling(points.map(\.cumulativeMetres).max() ?? 0)
        let plotWidth = width - left - right, plotHeight = height - top - bottom
        func x(_ date: Date) -> Double { left + date.timeIntervalSince(start) / span * plotWidth }
        func y(_ metres: Double) -> Double { top + plotHeight - (peak > 0 ? metres / peak : 0) * plotHeight }

        let divisions = gridDivisions(peak)
        for step in 0...divisions {
            let value = peak * Double(step) / Double(divisions)
            let position = y(value)
            parts.append("<line x1=\"\(f(left))\" y1=\"\(f(position))\" x2=\"\(f(width - right))\" y2=\"\(f(position))\" stroke=\"#e3e3e3\"/>")
            parts.append(text(left - 8, position + 4, ProgressFormatting.number(value, decimals: 3), anchor: "end", size: 11))
        }
        let shortSpan = span < 2 * 86_400
        for step in 0...3 {
            let date = start.addingTimeInterval(span * Double(step) / 3)
            let anchor = step == 0 ? "start" : step == 3 ? "end" : "middle"
            parts.append(text(x(date), height - bottom + 18, label(date, short: shortSpan), anchor: anchor, size: 11))
        }
        parts.append(text(14, top + plotHeight / 2, "metres", anchor: "middle", size: 11, rotate: true))

        var path = "M\(f(x(start))),\(f(y(0)))"
        var previous = 0.0
        for point in points {
            path += " L\(f(x(point.date))),\(f(y(previous))) L\(f(x(point.date))),\(f(y(point.cumulativeMetres)))"
            previous = point.cumulativeMetres
        }
        path += " L\(f(x(finish))),\(f(y(previous)))"
        let area = path + " L\(f(x(finish))),\(f(y(0))) Z"
        parts.append("<path d=\"\(area)\" fill=\"#cfe3f7\" stroke=\"none\"/>")
        parts.append("<path d=\"\(path)\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>")
        parts.append("<line x1=\"\(f(left))\" y1=\"\(f(y(0)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(0)))\" stroke=\"#555\"/>")
        parts.append("<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(y(0)))\" stroke=\"#555\"/>")
        parts.append("</svg>")
        return parts.joined(separator: "\n")
    }

    private func label(_ date: Date, short: Bool) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = short ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd"
        return formatter.string(from: date)
    }

    private func text(_ x: Double, _ y: Double, _ content: String, anchor: String, size: Int, rotate: Bool = false) -> String {
        let transform = rotate ? " transform=\"rotate(-90 \(f(x)) \(f(y)))\"" : ""
        return "<text x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" fill=\"#333\"\(transform)>"
            + MarkupText.escape(content) + "</text>"
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// How many gridlines make round steps up to a `niceCeiling` value: 1 → fifths, 2 → quarters, 5 → fifths.
    private func gridDivisions(_ peak: Double) -> Int {
        let leading = (peak / pow(10, floor(log10(peak)))).rounded()
        return leading == 2 ? 4 : 5
    }

    /// 1, 2 or 5 times a power of ten, at or above `value` (so gridlines fall on round figures).
    private func niceCeiling(_ value: Double) -> Double {
        guard value > 0 else { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        for factor in [1.0, 2.0, 5.0, 10.0] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }
}
