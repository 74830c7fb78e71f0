import Foundation

extension ProgressReport {
    /// The report as `progress --json` prints it. Stable snake_case keys, in this order:
    ///
    /// - `generated_at` (ISO 8601 UTC), `archive`, `store` (`sqlite`, or the PostgreSQL address with its password as `***`)
    /// - `backlog`: `total_shelf_metres`, `baseline_shelf_metres`, `pages_per_metre`, `metres_done`
    ///   (baseline + digitized here), `metres_digitized` (by this tool), `metres_estimated` (part of it
    ///   estimated from pages), `files_estimated`, `metres_remaining`, `percent_done`
    /// - `files`: `total`, `done`, `failed`, `waiting`; `pages`: the same plus `missing`; `documents`
    /// - `throughput`: `last_day`, `last_week`, `all_time`, each `hours`, `pages`, `pages_per_hour`,
    ///   `metres`, `metres_per_day` (rates `null` for an empty window)
    /// - `estimate`: `basis` (window name), `work_days` (the days with work whose rate it is, else `null`), `metres_per_day`, `days`, `date` (YYYY-MM-DD, `null`
    ///   beyond a century) — or `null` when nothing was completed
    /// - `fonds`: [{`fonds`, `total_shelf_metres`, `percent_done` (both `null` without `fonds_totals`),
    ///   `files`, `pages_done`, `pages_total`, `metres_done`, `inventories`: [{`inventory`, …,
    ///   `boxes`: [{`box`, …}]}]}]
    /// - `attention`: [{`kind` (`failed_page`, `failed_file`, `missing_scan`, `low_confidence`,
    ///   `low_resolution`, `metadata_review`), `title`, `count`, `items`: [{`location`, `page_number`, `reason`}]}]
    /// - `timeline`: [{`date`, `metres_digitized`}] — cumulative, this tool only
    /// - `workers`: [{`worker`, `pages_done`, `pages_failed`, `pages_held` (`null` on SQLite, which has no
    ///   leases), `first_completion`, `last_completion` (ISO 8601 UTC or `null`), `hours`, `pages_per_hour`
    ///   (done and failed pages between the first and last completion; `null` until they are apart)}], by worker name
    /// Metres are rounded to 6 decimals, rates to 3, the percentage to 4.
    public var json: JSONValue {
        func metres(_ value: Double) -> JSONValue { .number(ProgressFormatting.rounded(value, decimals: 6)) }
        func rate(_ value: Double?) -> JSONValue { .number(value.map { ProgressFormatting.rounded($0, decimals: 3) }) }
        func counts(_ value: StateCounts, missing: Int? = nil) -> JSONValue {
            var members: [(String, JSONValue)] = [("total", .integer(value.total)), ("done", .integer(value.done)),
                                                  ("failed", .integer(value.failed)), ("waiting", .integer(value.waiting))]
            if let missing { members.append(("missing", .integer(missing))) }
            return .object(members)
        }
        func groupJSON(_ group: ProgressGroup, level: Int) -> JSONValue {
            let keys = ["fonds", "inventory", "box"]
            var members: [(String, JSONValue)] = [(keys[level], .string(group.name))]
            if level == 0 {
                members.append(("total_shelf_metres", .number(group.totalMetres)))
                members.append(("percent_done", .number(group.totalMetres.map {
                    ProgressFormatting.rounded(group.metresDone / $0 * 100, decimals: 4) })))
            }
            members += [("files", counts(group.files)), ("pages_done", .integer(group.pagesDone)),
                        ("pages_total", .integer(group.pagesTotal)), ("metres_done", metres(group.metresDone))]
            if level < 2 {
                members.append((level == 0 ? "inventories" : "boxes", .array(group.children.map { groupJSON($0, level: level + 1) })))
            }
            return .object(members)
        }
        return .object([
            ("generated_at", .string(Timestamp.string(generatedAt))),
            ("archive", .string(archive)),
            ("store", .string(store)),
            ("backlog", .object([
                ("total_shelf_metres", metres(configuration.totalShelfMetres)),
                ("baseline_shelf_metres", metres(configuration.baselineShelfMetres)),
                ("pages_per_metre", .number(configuration.pagesPerMetre)),
                ("metres_done", metres(metresDone)),
                ("metres_digitized", metres(pipelineMetres)),
                ("metres_estimated", metres(estimatedMetres)),
                ("files_estimated", .integer(estimatedFiles)),
                ("metres_remaining", metres(metresRemaining)),
                ("percent_done", .number(ProgressFormatting.rounded(percentDone, decimals: 4))),
            ])),
            ("files", counts(files)),
            ("pages", counts(pages, missing: pagesMissing)),
            ("documents", .integer(documents)),
            ("throughput", .object(rates.map { rate_ in
                (rate_.window.rawValue, .object([
                    ("hours", rate(rate_.hours)),
                    ("pages", .integer(rate_.pages)),
                    ("pages_per_hour", rate(rate_.pagesPerHour)),
                    ("metres", metres(rate_.metres)),
                    ("metres_per_day", rate(rate_.metresPerDay)),
                ]))
            })),
            ("estimate", estimate.map { estimate in
                .object([
                    ("basis", .string(estimate.basis.rawValue)),
                    ("work_days", estimate.workDays.map { .integer($0) } ?? .null),
                    ("metres_per_day", rate(estimate.metresPerDay)),
                    ("days", rate(estimate.days)),
                    ("date", .string(estimate.date.map(ProgressFormatting.day))),
                ])
            } ?? .null),
            ("fonds", .array(fonds.map { groupJSON($0, level: 0) })),
            ("attention", .array(attention.map { category in
                .object([
                    ("kind", .string(category.kind.rawValue)),
                    ("title", .string(category.kind.title)),
                    ("count", .integer(category.count)),
                    ("items", .array(category.items.map { item in
                        .object([
                            ("location", .string(item.location)),
                            ("page_number", item.pageNumber.map { .integer($0) } ?? .null),
                            ("reason", .string(item.reason)),
                        ])
                    })),
                ])
            })),
            ("timeline", .array(timeline.map { point in
                .object([("date", .string(Timestamp.string(point.date))), ("metres_digitized", metres(point.cumulativeMetres))])
            })),
            ("workers", .array(workers.map { share in
                .object([
                    ("worker", .string(share.worker)),
                    ("pages_done", .integer(share.pagesDone)),
                    ("pages_failed", .integer(share.pagesFailed)),
                    ("pages_held", share.pagesHeld.map { .integer($0) } ?? .null),
                    ("first_completion", .string(share.firstCompletion.map(Timestamp.string))),
                    ("last_completion", .string(share.lastCompletion.map(Timestamp.string))),
                    ("hours", rate(share.hours)),
                    ("pages_per_hour", rate(share.pagesPerHour)),
                ])
            })),
        ])
    }
}
