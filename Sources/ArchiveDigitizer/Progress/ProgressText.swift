import Foundation

extension ProgressReport {
    /// The report as a terminal table (`digitize progress`): backlog, counts, throughput, estimate,
    /// fonds/inventory/box breakdown, attention list, in `language` (Vietnamese numbers write
    /// 1.450,025 where English writes 1,450.025). `itemsPerCategory` caps the attention lines.
    public func text(itemsPerCategory: Int = 10, in language: MessageLanguage = .english) -> String {
        let n = ProgressNumbers(language: language)
        let t = { (key: String, arguments: [String]) in MessageCatalogue.text(key, language, arguments) }
        var lines: [String] = []
        lines.append(t("progress.title", [archive, ProgressFormatting.minute(generatedAt)]))
        lines.append(t("progress.store", [store]))
        lines.append("")
        lines.append(t("progress.backlog", [ProgressFormatting.bar(percentDone / 100), n.percent(percentDone)]))
        lines.append(t("progress.digitized", [n.metres(metresDone), n.metres(configuration.totalShelfMetres),
                                              n.metres(configuration.baselineShelfMetres), n.metres(pipelineMetres)]))
        lines.append(t("progress.remaining", [n.metres(metresRemaining)]))
        if estimatedFiles > 0 {
            lines.append(t("progress.estimated", [n.metres(estimatedMetres), n.count(estimatedFiles), n.count(Int(configuration.pagesPerMetre))]))
        }
        lines.append(t("progress.files", [n.count(files.done), n.count(files.failed), n.count(files.waiting), n.count(files.total)]))
        var pageLine = t("progress.pages", [n.count(pages.done), n.count(pages.failed), n.count(pages.waiting), n.count(pages.total)])
        if pagesMissing > 0 { pageLine += t("progress.pagesMissing", [n.count(pagesMissing)]) }
        lines.append(pageLine)
        lines.append(t("progress.documents", [n.count(documents)]))
        lines.append("")

        let table = TextTable(headers: ["progress.throughput", "progress.pagesColumn", "progress.pagesPerHour", "progress.metresColumn",
                                        "progress.metresPerDay"].map { t($0, []) }, rightAligned: [1, 2, 3, 4])
        for rate in rates {
            table.add([rate.window.title(in: language), n.count(rate.pages), rate.pagesPerHour.map(n.rate) ?? "—",
                       n.metresNumber(rate.metres), rate.metresPerDay.map(n.rate) ?? "—"])
        }
        lines += table.lines
        if let estimate {
            let when = estimate.date.map { t("progress.estimate.when", [ProgressFormatting.day($0)]) } ?? t("progress.estimate.never", [])
            lines.append(t("progress.estimate", [n.metres(metresRemaining), n.duration(days: estimate.days),
                                                 estimate.basisDescription(in: language), n.rate(estimate.metresPerDay), when]))
        } else {
            lines.append(t("progress.estimate.none", []))
        }
        lines.append("")

        let groups = TextTable(headers: ["progress.groups", "progress.filesDone", "progress.pagesDone", "progress.metresDone",
                                         "progress.ofFonds"].map { t($0, []) }, rightAligned: [1, 2, 3, 4])
        for fonds in self.fonds {
            let share = fonds.totalMetres.map { "\(n.metres($0)) (\(n.percent(fonds.metresDone / $0 * 100)))" } ?? ""
            groups.add([fonds.name.isEmpty ? t("progress.noFonds", []) : fonds.name] + Self.figures(fonds, n) + [share])
            for inventory in fonds.children {
                groups.add([t("progress.inventory", [inventory.name.isEmpty ? "?" : inventory.name])] + Self.figures(inventory, n) + [""])
                for box in inventory.children {
                    groups.add([t("progress.box", [box.name.isEmpty ? "?" : box.name])] + Self.figures(box, n) + [""])
                }
            }
        }
        lines += groups.lines
        lines.append("")
        if !workers.isEmpty {
            let table = TextTable(headers: ["progress.worker", "progress.pagesDone", "progress.failedColumn", "progress.heldNow",
                                            "progress.firstCompletion", "progress.lastCompletion", "progress.pagesPerHour"].map { t($0, []) },
                                  rightAligned: [1, 2, 3, 6])
            for share in workers {
                table.add([Self.singleLine(share.worker), n.count(share.pagesDone), n.count(share.pagesFailed),
                           share.pagesHeld.map(n.count) ?? "—", share.firstCompletion.map(ProgressFormatting.second) ?? "—",
                           share.lastCompletion.map(ProgressFormatting.second) ?? "—", share.pagesPerHour.map(n.rate) ?? "—"])
            }
            lines += table.lines
            lines.append("")
        }

        let total = attention.reduce(0) { $0 + $1.count }
        lines.append(total == 0 ? t("progress.nothing", []) : t("progress.attention", [n.count(total)]))
        for category in attention where category.count > 0 {
            lines.append("  \(category.kind.title(in: language)) — \(n.count(category.count))")
            for item in category.items.prefix(itemsPerCategory) {
                let page = item.pageNumber.map { t("progress.pageNumber", [String($0)]) } ?? ""
                lines.append("    \(Self.singleLine(item.location))\(page): \(Self.singleLine(item.reason))")
            }
            if category.count > min(itemsPerCategory, category.items.count) {
                lines.append(t("progress.more", [n.count(category.count - min(itemsPerCategory, category.items.count))]))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func figures(_ group: ProgressGroup, _ n: ProgressNumbers) -> [String] {
        ["\(n.count(group.files.done))/\(n.count(group.files.total))",
         "\(n.count(group.pagesDone))/\(n.count(group.pagesTotal))",
         n.metresNumber(group.metresDone)]
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

/// `ProgressFormatting`'s numbers written as `language` writes them: English groups thousands with a
/// comma and uses a decimal point (1,450.025 m); Vietnamese the other way round (1.450,025 m).
public struct ProgressNumbers {
    let language: MessageLanguage

    /// `6.14%` / `6,14%`, for the command line's one-line answers.
    public static func percent(_ value: Double, in language: MessageLanguage) -> String {
        ProgressNumbers(language: language).percent(value)
    }

    func count(_ value: Int) -> String { local(ProgressFormatting.count(value)) }
    func metres(_ value: Double) -> String { local(ProgressFormatting.metres(value)) }
    func metresNumber(_ value: Double) -> String { local(ProgressFormatting.metresNumber(value)) }
    func rate(_ value: Double) -> String { local(ProgressFormatting.rate(value)) }
    func percent(_ value: Double) -> String { local(ProgressFormatting.percent(value)) }

    /// `153.8 days`, `4,2 năm`.
    func duration(days: Double) -> String {
        if days >= 730 { return MessageCatalogue.text("progress.duration.years", language, [local(ProgressFormatting.number(days / 365.25, decimals: 1, keepZeros: true))]) }
        if days >= 2 { return MessageCatalogue.text("progress.duration.days", language, [local(ProgressFormatting.number(days, decimals: 1, keepZeros: true))]) }
        return MessageCatalogue.text("progress.duration.hours", language, [local(ProgressFormatting.number(days * 24, decimals: 1, keepZeros: true))])
    }

    private func local(_ english: String) -> String {
        guard language == .vietnamese else { return english }
        return String(english.map { $0 == "," ? "." : $0 == "." ? "," : $0 })
    }
}
