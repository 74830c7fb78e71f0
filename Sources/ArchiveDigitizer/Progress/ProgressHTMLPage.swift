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

    public init(report: ProgressReport, itemsPerCategory: Int = 100) {
        self.report = report
        self.itemsPerCategory = itemsPerCategory
    }

    /// The whole page.
    public func render() -> String {
        typealias F = ProgressFormatting
        let e = MarkupText.escape
        let r = report
        let total = r.configuration.totalShelfMetres
        let baselineShare = min(100, r.configuration.baselineShelfMetres / total * 100)
        let pipelineShare = min(100 - baselineShare, r.pipelineMetres / total * 100)
        var html: [String] = []
        html.append("""
        <!DOCTYPE html>
        <html lang="vi">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Tiến độ số hóa — Digitization progress — \(e(F.minute(r.generatedAt)))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <header>
        <h1>Tiến độ số hóa tài liệu lưu trữ <span class="en">Digitization progress</span></h1>
        <p class="meta">Archive <code>\(e(r.archive))</code> · store <code>\(e(r.store))</code> · report of \(e(F.minute(r.generatedAt)))</p>
        </header>
        <section class="backlog">
        <p class="headline"><strong>\(e(F.metres(r.metresDone)))</strong> of \(e(F.metres(total))) shelf metres (mét giá) digitized —
        <strong>\(e(F.percent(r.percentDone)))</strong></p>
        <div class="bar" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow="\(String(format: "%.2f", r.percentDone))">
        <div class="baseline" style="width:\(String(format: "%.3f", baselineShare))%"></div><div class="pipeline" style="width:\(String(format: "%.3f", max(pipelineShare, r.pipelineMetres > 0 ? 0.3 : 0)))%"></div>
        </div>
        <p class="legend"><span class="swatch baseline"></span> before this tool (baseline) \(e(F.metres(r.configuration.baselineShelfMetres)))
        <span class="swatch pipeline"></span> digitized with it \(e(F.metres(r.pipelineMetres)))
        <span class="swatch rest"></span> remaining \(e(F.metres(r.metresRemaining)))</p>
        """)
        if r.estimatedFiles > 0 {
            html.append("<p class=\"note\">\(e(F.metres(r.estimatedMetres))) of it estimated from the page counts of "
                        + "\(e(F.count(r.estimatedFiles))) file(s) the inventory gives no extent for "
                        + "(\(e(F.count(Int(r.configuration.pagesPerMetre)))) pages per metre).</p>")
        }
        html.append("</section>")

        let eta = r.estimate.map { estimate in
            (estimate.date.map(F.day) ?? "not within a century")
                + " <small>(\(e(F.duration(days: estimate.days))) at the rate of the \(e(estimate.basisDescription)))</small>"
        }
            ?? "— <small>(nothing completed in the last week)</small>"
        html.append("""
        <section class="cards">
        <div class="card"><div class="label">Files (hồ sơ)</div><div class="value">\(F.count(r.files.done)) / \(F.count(r.files.total))</div>
        <div class="sub">\(F.count(r.files.failed)) failed · \(F.count(r.files.waiting)) waiting</div></div>
        <div class="card"><div class="label">Pages</div><div class="value">\(F.count(r.pages.done)) / \(F.count(r.pages.total))</div>
        <div class="sub">\(F.count(r.pages.failed)) failed · \(F.count(r.pages.waiting)) waiting</div></div>
        <div class="card"><div class="label">Documents (văn bản)</div><div class="value">\(F.count(r.documents))</div><div class="sub">searchable PDFs</div></div>
        <div class="card"><div class="label">Expected completion</div><div class="value small">\(eta)</div></div>
        </section>
        """)

        html.append("<section><h2>Throughput</h2><table><thead><tr><th>Window</th><th class=\"n\">Pages</th><th class=\"n\">Pages / hour</th>"
                    + "<th class=\"n\">Metres</th><th class=\"n\">Metres / day</th></tr></thead><tbody>")
        for rate in r.rates {
            html.append("<tr><td>\(e(rate.window.title))</td><td class=\"n\">\(F.count(rate.pages))</td>"
                        + "<td class=\"n\">\(rate.pagesPerHour.map(F.rate) ?? "—")</td>"
                        + "<td class=\"n\">\(F.metresNumber(rate.metres))</td>"
                        + "<td class=\"n\">\(rate.metresPerDay.map(F.rate) ?? "—")</td></tr>")
        }
        html.append("</tbody></table></section>")

        html.append("<section><h2>Shelf metres digitized over time</h2>")
        html.append("<figure>" + MetresChart(points: r.timeline, end: r.generatedAt).svg())
        html.append("<figcaption>Cumulative extent of the archival files completed with digitize; the "
                    + "\(e(F.metres(r.configuration.baselineShelfMetres))) digitized before it are not drawn.</figcaption></figure></section>")

        html.append("<section><h2>By fonds, inventory and box</h2><table><thead><tr><th>Fonds / inventory / box</th>"
                    + "<th class=\"n\">Files done</th><th class=\"n\">Pages done</th><th class=\"n\">Metres done</th>"
                    + "<th class=\"n\">Of fonds total</th></tr></thead><tbody>")
        for fonds in r.fonds {
            let share = fonds.totalMetres.map { "\(F.metres($0)) (\(F.percent(fonds.metresDone / $0 * 100)))" } ?? ""
            html.append(groupRow(fonds, name: fonds.name.isEmpty ? "(no fonds)" : fonds.name, level: 0, share: share))
            for inventory in fonds.children {
                html.append(groupRow(inventory, name: "inventory " + (inventory.name.isEmpty ? "?" : inventory.name), level: 1, share: ""))
                for box in inventory.children {
                    html.append(groupRow(box, name: "box " + (box.name.isEmpty ? "?" : box.name), level: 2, share: ""))
                }
            }
        }
        html.append("</tbody></table></section>")

        if !r.workers.isEmpty {
            html.append("<section><h2>Workers</h2><table><thead><tr><th>Worker</th><th class=\"n\">Pages done</th>"
                        + "<th class=\"n\">Failed</th><th class=\"n\">Held now</th><th>First completion (UTC)</th>"
                        + "<th>Last completion (UTC)</th><th class=\"n\">Pages / hour</th></tr></thead><tbody>")
            for share in r.workers {
                html.append("<tr><td><code>\(e(share.worker))</code></td><td class=\"n\">\(F.count(share.pagesDone))</td>"
                            + "<td class=\"n\">\(F.count(share.pagesFailed))</td><td class=\"n\">\(share.pagesHeld.map(F.count) ?? "—")</td>"
                            + "<td>\(share.firstCompletion.map(F.second) ?? "—")</td><td>\(share.lastCompletion.map(F.second) ?? "—")</td>"
                            + "<td class=\"n\">\(share.pagesPerHour.map(F.rate) ?? "—")</td></tr>")
            }
            html.append("</tbody></table></section>")
        }

        let attentionTotal = r.attention.reduce(0) { $0 + $1.count }
        html.append("<section class=\"attention\"><h2>Needs attention (\(F.count(attentionTotal)))</h2>")
        if attentionTotal == 0 { html.append("<p>Nothing needs attention.</p>") }
        for category in r.attention where category.count > 0 {
            html.append("<h3>\(e(category.kind.title)) — \(F.count(category.count))</h3>")
            html.append("<table class=\"items\"><colgroup><col class=\"where\"><col class=\"page\"><col></colgroup>"
                        + "<thead><tr><th>Where</th><th class=\"n\">Page</th><th>Why</th></tr></thead><tbody>")
            for item in category.items.prefix(itemsPerCategory) {
                html.append("<tr><td><code>\(e(item.location))</code></td><td class=\"n\">\(item.pageNumber.map(String.init) ?? "")</td>"
                            + "<td>\(e(item.reason))</td></tr>")
            }
            html.append("</tbody></table>")
            let shown = min(itemsPerCategory, category.items.count)
            if category.count > shown {
                html.append("<p class=\"note\">… and \(F.count(category.count - shown)) more; `digitize progress --json` lists them.</p>")
            }
        }
        html.append("</section>")
        html.append("""
        <footer>Backlog: \(e(F.metres(total))) in all, baseline \(e(F.metres(r.configuration.baselineShelfMetres))),
        \(e(F.count(Int(r.configuration.pagesPerMetre)))) pages per metre for files without an inventory extent.
        Made by <code>digitize progress</code>.</footer>
        </body>
        </html>
        """)
        return html.joined(separator: "\n") + "\n"
    }

    private func groupRow(_ group: ProgressGroup, name: String, level: Int, share: String) -> String {
        typealias F = ProgressFormatting
        let e = MarkupText.escape
        return "<tr class=\"level\(level)\"><td>\(e(name))</td><td class=\"n\">\(F.count(group.files.done))/\(F.count(group.files.total))</td>"
            + "<td class=\"n\">\(F.count(group.pagesDone))/\(F.count(group.pagesTotal))</td>"
            + "<td class=\"n\">\(F.metresNumber(group.metresDone))</td><td class=\"n\">\(e(share))</td></tr>"
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
