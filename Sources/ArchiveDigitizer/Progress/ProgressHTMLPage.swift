import Foundation

/// The supervisor's progress page (`digitize progress --html FILE`): one self-contained HTML file
/// — inline CSS and SVG, no script, nothing fetched — that can be mailed or opened offline.
///
/// Every text that comes from OCR, the inventory, the catalogue or the configuration goes through
/// `MarkupText.escape`.
public struct ProgressHTMLPage {
    public let report: ProgressReport
    /// Items listed per attention category (the count shown is always the full one).
    public var itemsPerCategory: Int
    /// The page's language: the reading room's reader's, or the command line's (`--lang`).
    public var language: MessageLanguage

    public init(report: ProgressReport, itemsPerCategory: Int = 100, language: MessageLanguage = .english) {
        self.report = report
        self.itemsPerCategory = itemsPerCategory
        self.language = language
    }

    /// The whole page.
    public func render() -> String {
        typealias F = ProgressFormatting
        let e = MarkupText.escape
        let language = self.language
        let t = { (key: String, arguments: [String]) in MessageCatalogue.text(key, language, arguments) }
        let n = ProgressNumbers(language: language)
        let r = report
        let total = r.configuration.totalShelfMetres
        let baselineShare = min(100, r.configuration.baselineShelfMetres / total * 100)
        let pipelineShare = min(100 - baselineShare, r.pipelineMetres / total * 100)
        var html: [String] = []
        html.append("""
        <!DOCTYPE html>
        <html lang="\(language.rawValue)">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(e(t("room.progress", []))) — \(e(F.minute(r.generatedAt)))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header>
        <h1>\(e(t("html.heading", [])))</h1>
        <p class="meta">\(t("html.meta", ["<code>\(e(r.archive))</code>", "<code>\(e(r.store))</code>", e(F.minute(r.generatedAt))]))</p>
        </header>
        <section class="backlog">
        <p class="headline">\(t("html.headline", ["<strong>\(e(n.metres(r.metresDone)))</strong>", e(n.metres(total)),
                                                  "<strong>\(e(n.percent(r.percentDone)))</strong>"]))</p>
        <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="\(String(format: "%.2f", r.percentDone))">
        <div class="baseline" style="width:\(String(format: "%.3f", baselineShare))%"></div><div class="pipeline" style="width:\(String(format: "%.3f", max(pipelineShare, r.pipelineMetres > 0 ? 0.3 : 0)))%"></div>
        </div>
        <p class="legend"><span class="swatch baseline"></span> \(e(t("html.baseline", [n.metres(r.configuration.baselineShelfMetres)])))
        <span class="swatch pipeline"></span> \(e(t("html.withTool", [n.metres(r.pipelineMetres)])))
        <span class="swatch rest"></span> \(e(t("html.remaining", [n.metres(r.metresRemaining)])))</p>
        """)
        if r.estimatedFiles > 0 {
            html.append("<p class=\"note\">" + e(t("html.estimated", [n.metres(r.estimatedMetres), n.count(r.estimatedFiles),
                                                                      n.count(Int(r.configuration.pagesPerMetre))])) + "</p>")
        }
        html.append("</section>")

        let eta = r.estimate.map { estimate in
            (estimate.date.map(F.day) ?? e(t("html.notWithinCentury", [])))
                + " <small>(\(e(t("html.atRate", [n.duration(days: estimate.days), estimate.basisDescription(in: language)]))))</small>"
        }
            ?? "— <small>(\(e(t("html.nothingLastWeek", []))))</small>"
        html.append("""
        <section class="cards">
        <div class="card"><div class="label">\(e(t("room.files", [])))</div><div class="value">\(n.count(r.files.done)) / \(n.count(r.files.total))</div>
        <div class="sub">\(e(t("html.failedWaiting", [n.count(r.files.failed), n.count(r.files.waiting)])))</div></div>
        <div class="card"><div class="label">\(e(t("html.pages", [])))</div><div class="value">\(n.count(r.pages.done)) / \(n.count(r.pages.total))</div>
        <div class="sub">\(e(t("html.failedWaiting", [n.count(r.pages.failed), n.count(r.pages.waiting)])))</div></div>
        <div class="card"><div class="label">\(e(t("html.documents", [])))</div><div class="value">\(n.count(r.documents))</div><div class="sub">\(e(t("html.searchablePDFs", [])))</div></div>
        <div class="card"><div class="label">\(e(t("html.completion", [])))</div><div class="value small">\(eta)</div></div>
        </section>
        """)

        html.append("<section><h2>\(e(t("progress.throughput", [])))</h2><table><thead><tr><th>\(e(t("html.window", [])))</th>"
                    + "<th class=\"n\">\(e(t("progress.pagesColumn", [])))</th><th class=\"n\">\(e(t("progress.pagesPerHour", [])))</th>"
                    + "<th class=\"n\">\(e(t("progress.metresColumn", [])))</th><th class=\"n\">\(e(t("progress.metresPerDay", [])))</th></tr></thead><tbody>")
        for rate in r.rates {
            html.append("<tr><td>\(e(rate.window.title(in: language)))</td><td class=\"n\">\(n.count(rate.pages))</td>"
                        + "<td class=\"n\">\(rate.pagesPerHour.map(n.rate) ?? "—")</td>"
                        + "<td class=\"n\">\(n.metresNumber(rate.metres))</td>"
                        + "<td class=\"n\">\(rate.metresPerDay.map(n.rate) ?? "—")</td></tr>")
        }
        html.append("</tbody></table></section>")

        html.append("<section><h2>\(e(t("html.overTime", [])))</h2>")
        html.append("<figure>" + MetresChart(points: r.timeline, end: r.generatedAt).svg())
        html.append("<figcaption>\(e(t("html.caption", [n.metres(r.configuration.baselineShelfMetres)])))</figcaption></figure></section>")

        html.append("<section><h2>\(e(t("progress.groups", [])))</h2><table><thead><tr><th>\(e(t("progress.groups", [])))</th>"
                    + "<th class=\"n\">\(e(t("progress.filesDone", [])))</th><th class=\"n\">\(e(t("progress.pagesDone", [])))</th>"
                    + "<th class=\"n\">\(e(t("progress.metresDone", [])))</th><th class=\"n\">\(e(t("progress.ofFonds", [])))</th></tr></thead><tbody>")
        for fonds in r.fonds {
            let share = fonds.totalMetres.map { "\(n.metres($0)) (\(n.percent(fonds.metresDone / $0 * 100)))" } ?? ""
            html.append(groupRow(fonds, name: fonds.name.isEmpty ? t("progress.noFonds", []) : fonds.name, level: 0, share: share, n))
            for inventory in fonds.children {
                let name = t("progress.inventory", [inventory.name.isEmpty ? "?" : inventory.name]).trimmingCharacters(in: .whitespaces)
                html.append(groupRow(inventory, name: name, level: 1, share: "", n))
                for box in inventory.children {
                    let name = t("progress.box", [box.name.isEmpty ? "?" : box.name]).trimmingCharacters(in: .whitespaces)
                    html.append(groupRow(box, name: name, level: 2, share: "", n))
                }
            }
        }
        html.append("</tbody></table></section>")

        if !r.workers.isEmpty {
            let headers = ["progress.worker", "progress.pagesDone", "progress.failedColumn", "progress.heldNow", "progress.firstCompletion",
                           "progress.lastCompletion", "progress.pagesPerHour"].map { e(t($0, [])) }
            html.append("<section><h2>\(e(t("html.workers", [])))</h2><table><thead><tr><th>\(headers[0])</th><th class=\"n\">\(headers[1])</th>"
                        + "<th class=\"n\">\(headers[2])</th><th class=\"n\">\(headers[3])</th><th>\(headers[4]) (UTC)</th>"
                        + "<th>\(headers[5]) (UTC)</th><th class=\"n\">\(headers[6])</th></tr></thead><tbody>")
            for share in r.workers {
                html.append("<tr><td><code>\(e(share.worker))</code></td><td class=\"n\">\(F.count(share.pagesDone))</td>"
                            + "<td class=\"n\">\(F.count(share.pagesFailed))</td><td class=\"n\">\(share.pagesHeld.map(F.count) ?? "—")</td>"
                            + "<td>\(share.firstCompletion.map(F.second) ?? "—")</td><td>\(share.lastCompletion.map(F.second) ?? "—")</td>"
                            + "<td class=\"n\">\(share.pagesPerHour.map(F.rate) ?? "—")</td></tr>")
            }
            html.append("</tbody></table></section>")
        }

        let attentionTotal = r.attention.reduce(0) { $0 + $1.count }
        html.append("<section class=\"attention\"><h2>\(e(t("progress.attention", [n.count(attentionTotal)])))</h2>")
        if attentionTotal == 0 { html.append("<p>\(e(t("progress.nothing", [])))</p>") }
        for category in r.attention where category.count > 0 {
            html.append("<h3>\(e(category.kind.title(in: language))) — \(n.count(category.count))</h3>")
            html.append("<table class=\"items\"><colgroup><col class=\"where\"><col class=\"page\"><col></colgroup>"
                        + "<thead><tr><th>\(e(t("html.where", [])))</th><th class=\"n\">\(e(t("html.page", [])))</th><th>\(e(t("room.review.reasons", [])))</th></tr></thead><tbody>")
            for item in category.items.prefix(itemsPerCategory) {
                html.append("<tr><td><code>\(e(item.location))</code></td><td class=\"n\">\(item.pageNumber.map(String.init) ?? "")</td>"
                            + "<td>\(e(item.reason))</td></tr>")
            }
            html.append("</tbody></table>")
            let shown = min(itemsPerCategory, category.items.count)
            if category.count > shown {
                html.append("<p class=\"note\">\(e(t("html.more", [n.count(category.count - shown)])))</p>")
            }
        }
        html.append("</section>")
        html.append("""
        <footer>\(e(t("html.footer", [n.metres(total), n.metres(r.configuration.baselineShelfMetres), n.count(Int(r.configuration.pagesPerMetre))])))
        <code>digitize progress</code>.</footer>
        </body>
        </html>
        """)
        return html.joined(separator: "\n") + "\n"
    }

    private func groupRow(_ group: ProgressGroup, name: String, level: Int, share: String, _ n: ProgressNumbers) -> String {
        let e = MarkupText.escape
        return "<tr class=\"level\(level)\"><td>\(e(name))</td><td class=\"n\">\(n.count(group.files.done))/\(n.count(group.files.total))</td>"
            + "<td class=\"n\">\(n.count(group.pagesDone))/\(n.count(group.pagesTotal))</td>"
            + "<td class=\"n\">\(n.metresNumber(group.metresDone))</td><td class=\"n\">\(e(share))</td></tr>"
    }

    private static let style = """
    body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:0 auto;max-width:1000px;padding:24px;color:#222;background:#f7f7f5}
    h1{font-size:24px;margin:0 0 4px} h1 .en{display:block;font-size:15px;font-weight:normal;color:#666}
    h2{font-size:18px;margin:4px 0 10px} h3{font-size:15px;margin:18px 0 6px}
    .meta,.note,.legend,footer,figcaption{color:#555;font-size:13px}
    section{background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:14px 18px;margin-top:16px}
    .headline{font-size:18px;margin:0 0 10px}
    .bar{display:flex;height:28px;background:#e9ecef;border-radius:4px;overflow:hidden;border:1px solid #ccc}
    .bar .baseline{background:#8aa9c9}.bar .pipeline{background:#1f5fa8}
    .swatch{display:inline-block;width:12px;height:12px;vertical-align:middle;margin:0 4px 0 12px;border:1px solid #aaa}
    .swatch.baseline{background:#8aa9c9}.swatch.pipeline{background:#1f5fa8}.swatch.rest{background:#e9ecef}
    .cards{display:flex;gap:12px;background:none;border:none;padding:0}
    .card{flex:1;background:#fff;border:1px solid #e2e2e2;border-radius:6px;padding:12px}
    .card .label{color:#666;font-size:13px}.card .value{font-size:22px;font-weight:bold;margin:4px 0}
    .card .value.small{font-size:16px}.card .sub{color:#666;font-size:12px}
    table{border-collapse:collapse;width:100%;font-size:13px}
    th,td{border-bottom:1px solid #eee;padding:5px 8px;text-align:left;vertical-align:top}
    th{background:#f0f2f4}.n{text-align:right;white-space:nowrap}
    tr.level0 td{font-weight:bold}tr.level1 td:first-child{padding-left:24px}tr.level2 td:first-child{padding-left:44px}
    .attention code{word-break:break-all}
    table.items{table-layout:fixed}table.items col.where{width:38%}table.items col.page{width:8%}
    figure{margin:0}footer{margin-top:20px}
    """
}
