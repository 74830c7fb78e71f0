import Foundation

extension ProgressReport {
    /// Builds the report from the catalogue; `now` ends every rate window (injectable for tests).
    ///
    /// A file counts toward shelf metres only once it is fully processed (`files.state = 'done'`):
    /// its extent is `files.shelf_metres` from the inventory, else `page_count / pages_per_metre`
    /// (reported as estimated). All sums run in the database (SQL both SQLite and PostgreSQL read
    /// alike), so the report is quick on large catalogues and the same on either store.
    /// `store` is only named in the report (masked). `attentionLimit` caps the items listed per
    /// attention category (their count is always exact). `language` is the language of the
    /// attention list's reasons (a failed page's own message is given as it was recorded).
    public static func make(catalogue: Catalogue, archive: String, store: StoreLocation = .embedded,
                            configuration: ProgressConfiguration, now: Date = Date(),
                            attentionLimit: Int = 100, language: MessageLanguage = .english) throws -> ProgressReport {
        var report = ProgressReport(generatedAt: now, archive: archive, store: store.masked, configuration: configuration)
        let builder = ProgressReportBuilder(connection: catalogue.connection, configuration: configuration,
                                            now: now, attentionLimit: attentionLimit, language: language)
        try builder.fill(&report)
        return report
    }
}

/// The queries behind `ProgressReport.make`.
struct ProgressReportBuilder {
    let connection: any SQLDatabase
    let configuration: ProgressConfiguration
    let now: Date
    let attentionLimit: Int
    var language: MessageLanguage = .english

    /// A file's extent in metres, given `?1` = pages per metre.
    static let extent = "coalesce(shelf_metres, page_count / ?1)"

    private var pagesPerMetre: SQLValue { .real(configuration.pagesPerMetre) }

    func fill(_ report: inout ProgressReport) throws {
        try fillTotals(&report)
        try fillRates(&report)
        report.fonds = try groups()
        report.attention = try ProgressAttention(connection: connection, limit: attentionLimit, language: language).categories()
        report.timeline = try timeline(doneFiles: report.files.done)
        report.workers = try workers()
    }

    private func fillTotals(_ report: inout ProgressReport) throws {
        if let row = try connection.query("""
            SELECT count(*), count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state IN ('failed', 'quarantined')),
                   count(*) FILTER (WHERE state NOT IN ('done', 'failed', 'quarantined')),
                   coalesce(sum(CASE WHEN state = 'done' THEN \(Self.extent) END), 0),
                   coalesce(sum(CASE WHEN state = 'done' AND shelf_metres IS NULL THEN page_count / ?1 END), 0),
                   count(*) FILTER (WHERE state = 'done' AND shelf_metres IS NULL)
            FROM files
            """, [pagesPerMetre]).first {
            report.files = .init(total: row[0].int ?? 0, done: row[1].int ?? 0, failed: row[2].int ?? 0, waiting: row[3].int ?? 0)
            report.pipelineMetres = row[4].double ?? 0
            report.estimatedMetres = row[5].double ?? 0
            report.estimatedFiles = row[6].int ?? 0
        }
        for row in try connection.query("SELECT state, count(*) FROM pages GROUP BY state") {
            let count = row[1].int ?? 0
            switch row[0].string {
            case "done": report.pages.done += count
            case "failed": report.pages.failed += count
            case "missing": report.pagesMissing += count
            default: report.pages.waiting += count
            }
        }
        report.pages.total = report.pages.done + report.pages.failed + report.pages.waiting
        report.documents = try connection.query("SELECT count(*) FROM documents").first?.first?.int ?? 0
    }

    private func fillRates(_ report: inout ProgressReport) throws {
        let firstPage = try connection.query("SELECT min(done_at) FROM pages WHERE done_at IS NOT NULL").first?.first?.string
        let firstFile = try connection.query("SELECT min(completed_at) FROM files WHERE completed_at IS NOT NULL").first?.first?.string
        let first = [firstPage, firstFile].compactMap { $0.flatMap(Timestamp.date) }.min()
        let end = Timestamp.string(now)
        report.rates = try ProgressRate.Window.allCases.map { window in
            guard let first else { return ProgressRate(window: window, hours: 0, pages: 0, metres: 0) }
            let windowStart = window.seconds.map { now.addingTimeInterval(-$0) } ?? first
            let start = max(windowStart, first)
            let since = Timestamp.string(windowStart)
            let pages = try connection.query(
                "SELECT count(*) FROM pages WHERE state = 'done' AND done_at >= ? AND done_at <= ?",
                [.text(since), .text(end)]).first?.first?.int ?? 0
            let metres = try connection.query("""
                SELECT coalesce(sum(\(Self.extent)), 0) FROM files WHERE state = 'done' AND completed_at >= ?2 AND completed_at <= ?3
                """, [pagesPerMetre, .text(since), .text(end)]).first?.first?.double ?? 0
            return ProgressRate(window: window, hours: max(0, now.timeIntervalSince(start) / 3600), pages: pages, metres: metres)
        }
        // The rate over the days on which work was done, when there are any.
        let workDays = try connection.query("""
            SELECT count(DISTINCT day) FROM (SELECT substr(done_at, 1, 10) AS day FROM pages WHERE state = 'done' AND done_at IS NOT NULL
                UNION SELECT substr(completed_at, 1, 10) FROM files WHERE state = 'done' AND completed_at IS NOT NULL) AS days
            """).first?.first?.int ?? 0
        if workDays > 0, let all = report.rates.first(where: { $0.window == .allTime }), all.metres > 0 {
            let perDay = all.metres / Double(workDays)
            let days = report.metresRemaining / perDay
            report.estimate = ProgressEstimate(basis: .allTime, metresPerDay: perDay, days: days,
                                               date: days <= ProgressEstimate.horizonDays ? now.addingTimeInterval(days * 86_400) : nil,
                                               workDays: workDays)
            return
        }
        let basis = report.rates.first { $0.window == .lastWeek && ($0.metresPerDay ?? 0) > 0 }
            ?? report.rates.first { $0.window == .allTime && ($0.metresPerDay ?? 0) > 0 }
        if let basis, let perDay = basis.metresPerDay {
            let days = report.metresRemaining / perDay
            report.estimate = ProgressEstimate(basis: basis.window, metresPerDay: perDay, days: days,
                                               date: days <= ProgressEstimate.horizonDays ? now.addingTimeInterval(days * 86_400) : nil)
        }
    }

    /// Fonds → inventory → box, from the inventory columns the catalogue kept as JSON. A file with no
    /// inventory row is put under the fonds its code starts with (`<fonds>.<inventory>.…`).
    private func groups() throws -> [ProgressGroup] {
        // As text on both stores (SQLite's json_extract would give a number for a number), so they group and sort alike.
        func key(_ name: String) -> String {
            "CASE WHEN json_valid(f.inventory) THEN CAST(json_extract(f.inventory, '$.\(name)') AS TEXT) END"
        }
        let rows = try connection.query("""
            SELECT fonds, inventory, box, count(*), count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state IN ('failed', 'quarantined')),
                   count(*) FILTER (WHERE state NOT IN ('done', 'failed', 'quarantined')),
                   sum(page_count), sum(pages_done), sum(CASE WHEN state = 'done' THEN \(Self.extent) ELSE 0 END)
            FROM (SELECT f.state, f.page_count, f.shelf_metres,
                         coalesce(\(key("fonds")), CASE WHEN instr(f.code, '.') > 0 THEN substr(f.code, 1, instr(f.code, '.') - 1) ELSE '' END) AS fonds,
                         coalesce(\(key("inventory")), '') AS inventory,
                         coalesce(\(key("box")), '') AS box,
                         (SELECT count(*) FROM pages p WHERE p.file_id = f.id AND p.state = 'done') AS pages_done
                  FROM files f) AS grouped
            GROUP BY fonds, inventory, box
            ORDER BY fonds COLLATE "binary", inventory COLLATE "binary", box COLLATE "binary"
            """, [pagesPerMetre])
        func text(_ value: SQLValue) -> String { value.string ?? value.int.map(String.init) ?? "" }
        var fonds: [ProgressGroup] = []
        for row in rows {
            var box = ProgressGroup(name: text(row[2]))
            box.files = .init(total: row[3].int ?? 0, done: row[4].int ?? 0, failed: row[5].int ?? 0, waiting: row[6].int ?? 0)
            box.pagesTotal = row[7].int ?? 0
            box.pagesDone = row[8].int ?? 0
            box.metresDone = row[9].double ?? 0
            let fondsName = text(row[0]), inventoryName = text(row[1])
            if fonds.last?.name != fondsName {
                fonds.append(ProgressGroup(name: fondsName, totalMetres: configuration.fondsTotals[fondsName]))
            }
            let last = fonds.count - 1
            if fonds[last].children.last?.name != inventoryName {
                fonds[last].children.append(ProgressGroup(name: inventoryName))
            }
            let inventory = fonds[last].children.count - 1
            fonds[last].children[inventory].children.append(box)
            fonds[last].children[inventory].add(box)
            fonds[last].add(box)
        }
        return fonds
    }

    /// Cumulative pipeline metres after each completed file; by day when there are many files.
    private func timeline(doneFiles: Int) throws -> [TimelinePoint] {
        let rows: [[SQLValue]]
        if doneFiles <= 2_000 {
            rows = try connection.query("""
                SELECT completed_at, \(Self.extent) FROM files WHERE state = 'done' AND completed_at IS NOT NULL ORDER BY completed_at COLLATE "binary", id
                """, [pagesPerMetre])
        } else {
            rows = try connection.query("""
                SELECT substr(completed_at, 1, 10) || 'T23:59:59.999Z' AS day, sum(\(Self.extent))
                FROM files WHERE state = 'done' AND completed_at IS NOT NULL GROUP BY day ORDER BY day COLLATE "binary"
                """, [pagesPerMetre])
        }
        var total = 0.0
        return rows.compactMap { row in
            guard let date = row[0].string.flatMap(Timestamp.date) else { return nil }
            total += row[1].double ?? 0
            return TimelinePoint(date: min(date, now), cumulativeMetres: total)
        }
    }
}

extension ProgressReportBuilder {
    /// Each worker's share, from the worker each page records (`pages.worker`), by worker name.
    ///
    /// Pages held now are PostgreSQL's: pending pages whose lease has not run out. SQLite has no leases
    /// (one run holds the archive), so there the count is nil.
    func workers() throws -> [WorkerProgress] {
        let held = connection.dialect == .postgreSQL
            ? "count(*) FILTER (WHERE state = 'pending' AND lease_until > now())" : "NULL"
        return try connection.query("""
            SELECT worker, count(*) FILTER (WHERE state = 'done'), count(*) FILTER (WHERE state IN ('failed', 'quarantined')), \(held),
                   min(done_at) FILTER (WHERE state IN ('done', 'failed', 'quarantined')), max(done_at) FILTER (WHERE state IN ('done', 'failed', 'quarantined'))
            FROM pages WHERE worker IS NOT NULL
            GROUP BY worker ORDER BY worker COLLATE "binary"
            """).compactMap { row in
            guard let name = row[0].string else { return nil }
            var share = WorkerProgress(worker: name)
            share.pagesDone = row[1].int ?? 0
            share.pagesFailed = row[2].int ?? 0
            share.pagesHeld = row[3].int
            share.firstCompletion = row[4].string.flatMap(Timestamp.date)
            share.lastCompletion = row[5].string.flatMap(Timestamp.date)
            return share
        }
    }
}

extension ProgressGroup {
    /// Adds a sub-group's figures to this group's.
    mutating func add(_ other: ProgressGroup) {
        files.total += other.files.total
        files.done += other.files.done
        files.failed += other.files.failed
        files.waiting += other.files.waiting
        pagesTotal += other.pagesTotal
        pagesDone += other.pagesDone
        metresDone += other.metresDone
    }
}
