import Foundation

extension ProgressReport {
    /// The report as a terminal table (`digitize progress`): backlog, counts, throughput, estimate,
    /// fonds/inventory/box breakdown, attention list. `itemsPerCategory` caps the attention lines.
    public func text(itemsPerCategory: Int = 10) -> String {
        typealias F = ProgressFormatting
        var lines: [String] = []
        lines.append("Digitization progress — \(archive) — \(F.minute(generatedAt))")
        lines.append("Store      \(store)")
        lines.append("")
        lines.append("Backlog    \(F.bar(percentDone / 100))  \(F.percent(percentDone))")
        lines.append("           \(F.metres(metresDone)) of \(F.metres(configuration.totalShelfMetres)) digitized: "
                     + "\(F.metres(configuration.baselineShelfMetres)) before this tool + \(F.metres(pipelineMetres)) with it")
        lines.append("           \(F.metres(metresRemaining)) remaining")
        if estimatedFiles > 0 {
            lines.append("           of which \(F.metres(estimatedMetres)) estimated from the page counts of \(F.count(estimatedFiles)) file(s) "
                         + "without an inventory extent (\(F.count(Int(configuration.pagesPerMetre))) pages per metre)")
        }
        lines.append("Files      \(F.count(files.done)) done · \(F.count(files.failed)) failed · \(F.count(files.waiting)) waiting · \(F.count(files.total)) in all")
        var pageLine = "Pages      \(F.count(pages.done)) done · \(F.count(pages.failed)) failed · \(F.count(pages.waiting)) waiting · \(F.count(pages.total)) in all"
        if pagesMissing > 0 { pageLine += " (\(F.count(pagesMissing)) more whose scans are gone)" }
        lines.append(pageLine)
        lines.append("Documents  \(F.count(documents)) searchable PDF(s)")
        lines.append("")

        let table = TextTable(headers: ["Throughput", "pages", "pages/hour", "metres", "metres/day"], rightAligned: [1, 2, 3, 4])
        for rate in rates {
            table.add([rate.window.title, F.count(rate.pages), rate.pagesPerHour.map(F.rate) ?? "—",
                       F.metresNumber(rate.metres), rate.metresPerDay.map(F.rate) ?? "—"])
        }
        lines += table.lines
        if let estimate {
            let when = estimate.date.map { "about \(F.day($0))" } ?? "not within a century at this rate"
            lines.append("Estimate   the remaining \(F.metres(metresRemaining)) take \(F.duration(days: estimate.days)) at the rate of the "
                         + "\(estimate.basisDescription) (\(F.rate(estimate.metresPerDay)) m/day): \(when)")
        } else {
            lines.append("Estimate   none yet: no file was completed in the last week")
        }
        lines.append("")

        let groups = TextTable(headers: ["Fonds / inventory / box", "files done", "pages done", "metres done", "of fonds total"],
                               rightAligned: [1, 2, 3, 4])
        for fonds in self.fonds {
            let share = fonds.totalMetres.map { "\(F.metres($0)) (\(F.percent(fonds.metresDone / $0 * 100)))" } ?? ""
            groups.add([fonds.name.isEmpty ? "(no fonds)" : fonds.name] + Self.figures(fonds) + [share])
            for inventory in fonds.children {
                groups.add(["  inventory " + (inventory.name.isEmpty ? "?" : inventory.name)] + Self.figures(inventory) + [""])
                for box in inventory.children {
                    groups.add(["    box " + (box.name.isEmpty ? "?" : box.name)] + Self.figures(box) + [""])
                }
            }
        }
        lines += groups.lines
        lines.append("")
        if !workers.isEmpty {
            let table = TextTable(headers: ["Worker", "pages done", "failed", "held now", "first completion", "last completion", "pages/hour"],
                                  rightAligned: [1, 2, 3, 6])
            for share in workers {
                table.add([Self.singleLine(share.worker), F.count(share.pagesDone), F.count(share.pagesFailed),
                           share.pagesHeld.map(F.count) ?? "—", share.firstCompletion.map(F.second) ?? "—",
                           share.lastCompletion.map(F.second) ?? "—", share.pagesPerHour.map(F.rate) ?? "—"])
            }
            lines += table.lines
            lines.append("")
        }

        let total = attention.reduce(0) { $0 + $1.count }
        lines.append(total == 0 ? "Nothing needs attention." : "Needs attention (\(F.count(total))):")
        for category in attention where category.count > 0 {
            lines.append("  \(category.kind.title) — \(F.count(category.count))")
            for item in category.items.prefix(itemsPerCategory) {
                let page = item.pageNumber.map { " (p. \($0))" } ?? ""
                lines.append("    \(Self.singleLine(item.location))\(page): \(Self.singleLine(item.reason))")
            }
            if category.count > min(itemsPerCategory, category.items.count) {
                lines.append("    … and \(F.count(category.count - min(itemsPerCategory, category.items.count))) more (see --json or --html)")
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func figures(_ group: ProgressGroup) -> [String] {
        ["\(ProgressFormatting.count(group.files.done))/\(ProgressFormatting.count(group.files.total))",
         "\(ProgressFormatting.count(group.pagesDone))/\(ProgressFormatting.count(group.pagesTotal))",
         ProgressFormatting.metresNumber(group.metresDone)]
    }

    /// OCR and error text may hold line breaks and control characters; one line each, nothing that moves the cursor.
    static func singleLine(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
}

/// A plain-text table: columns padded to their widest cell (counted in characters).
final class TextTable {
    private let headers: [String]
    private let rightAligned: Set<Int>
    private var rows: [[String]] = []

    init(headers: [String], rightAligned: Set<Int>) {
        self.headers = headers
        self.rightAligned = rightAligned
    }

    func add(_ row: [String]) { rows.append(row) }

    var lines: [String] {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.indices.map { column in
                let cell = row[column]
                let padding = String(repeating: " ", count: max(0, widths[column] - cell.count))
                return rightAligned.contains(column) ? padding + cell : cell + padding
            }.joined(separator: "   ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }
    }
}
