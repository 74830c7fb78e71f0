import Foundation

extension VerificationReport {
    /// The report as `verify --json` prints it. Keys, in this order:
    /// `archive`, `store` (`sqlite`, or the PostgreSQL address with its password as `***`), `started_at`,
    /// `seconds`, `clean` (bool), `mode` ("read-write" | "read-only"), `activity` (a note when workers of a
    /// shared store were at work during the check, else `null`),
    /// `checked` {`documents`, `document_bytes`, `sources`, `source_bytes`, `sources_skipped`,
    /// `rows_cross_checked`, `events`}, `counts` {one key per kind: `MISMATCH`, `MISSING`, `UNEXPECTED`,
    /// `UNREADABLE`, `CHAIN-BROKEN`, `ROW-ALTERED`}, `problems` [{`kind`, `location`, `detail`,
    /// `expected`, `found`}], `ledger` {`chain_intact`, `head_event_id`, `head_hash`},
    /// `fixity_event` {`recorded`, `event_id`, `note`}. `sources` is `null` when not checked.
    public var json: JSONValue {
        .object([
            ("archive", .string(archive)),
            ("store", .string(store)),
            ("started_at", .string(startedAt)),
            ("seconds", .number((seconds * 1000).rounded() / 1000)),
            ("clean", .bool(isClean)),
            ("mode", .string(isReadWrite ? "read-write" : "read-only")),
            ("activity", .string(activityNote)),
            ("checked", .object([
                ("documents", .integer(documentsChecked)),
                ("document_bytes", .integer(Int(documentBytes))),
                ("sources", checksSources ? .integer(sourcesChecked) : .null),
                ("source_bytes", checksSources ? .integer(Int(sourceBytes)) : .null),
                ("sources_skipped", .integer(sourcesSkipped)),
                ("rows_cross_checked", .integer(rowsCrossChecked)),
                ("events", .integer(eventsChecked)),
            ])),
            ("counts", .object(counts.map { ($0.0.rawValue, .integer($0.1)) })),
            ("problems", .array(problems.map { problem in
                .object([
                    ("kind", .string(problem.kind.rawValue)),
                    ("location", .string(problem.location)),
                    ("detail", .string(problem.detail)),
                    ("expected", .string(problem.expected)),
                    ("found", .string(problem.found)),
                ])
            })),
            ("ledger", .object([
                ("chain_intact", .bool(isChainIntact)),
                ("head_event_id", ledgerHeadID.map { .integer($0) } ?? .null),
                ("head_hash", .string(ledgerHeadHash)),
            ])),
            ("fixity_event", .object([
                ("recorded", .bool(fixityEventID != nil)),
                ("event_id", fixityEventID.map { .integer($0) } ?? .null),
                ("note", .string(fixityNote)),
            ])),
        ])
    }

    /// The report for a terminal or a log, in English.
    public var text: String { text(in: .english) }

    /// The report for a terminal or a log: what was checked, one block per problem, the verdict; the
    /// verdict and the fixity line in `language` (`MessageCatalogue`), problem kinds as the JSON names them.
    public func text(in language: MessageLanguage) -> String {
        var lines: [String] = []
        let t = { (key: String, arguments: [String]) in MessageCatalogue.text(key, language, arguments) }
        if store == StoreLocation.embedded.masked {
            lines.append(t(isReadWrite ? "cli.verify.archiveLocked" : "cli.verify.archiveReadOnly", [archive]))
        } else {
            lines.append(t("cli.verify.archiveShared", [archive, store]))
        }
        if let activityNote { lines.append(activityNote) }
        var checked = [t("cli.verify.pdfs", [String(documentsChecked), Self.bytes(documentBytes)])]
        if checksSources {
            checked.append(t("cli.verify.sources", [String(sourcesChecked), Self.bytes(sourceBytes)])
                           + (sourcesSkipped > 0 ? t("cli.verify.skipped", [String(sourcesSkipped)]) : ""))
        }
        checked.append(t("cli.verify.rows", [String(rowsCrossChecked)]))
        checked.append(t("cli.verify.events", [String(eventsChecked)]))
        lines.append(t("cli.verify.checked", [checked.joined(separator: ", "), String(format: "%.1f", seconds)]))
        if !checksSources { lines.append(t("cli.verify.noSources", [])) }
        if !problems.isEmpty { lines.append("") }
        let width = VerificationProblem.Kind.allCases.map(\.rawValue.count).max() ?? 12
        for problem in problems {
            let kind = problem.kind.rawValue.padding(toLength: width + 2, withPad: " ", startingAt: 0)
            lines.append(kind + problem.location)
            let indent = String(repeating: " ", count: width + 2)
            lines.append(indent + problem.detail)
            if let expected = problem.expected, let found = problem.found {
                lines.append(indent + t("cli.verify.recorded", [expected]))
                lines.append(indent + t("cli.verify.found", [found]))
            }
        }
        lines.append("")
        if let id = ledgerHeadID, let hash = ledgerHeadHash {
            lines.append(t(isChainIntact ? "cli.verify.chainIntact" : "cli.verify.chainBroken", [String(id), hash]))
        }
        let summary = counts.filter { $0.1 > 0 }.map { "\($0.1) \($0.0.rawValue)" }.joined(separator: ", ")
        lines.append(isClean ? MessageCatalogue.text("cli.verify.clean", language)
                             : MessageCatalogue.text("cli.verify.problems", language, [String(problems.count), summary]))
        if let id = fixityEventID {
            lines.append(MessageCatalogue.text("cli.verify.fixity", language, [String(id)]))
        } else if let note = fixityNote {
            lines.append(note)
        }
        return lines.joined(separator: "\n")
    }

    static func bytes(_ count: Int64) -> String {
        let value = Double(count)
        if value >= 1e9 { return String(format: "%.1f GB", value / 1e9) }
        if value >= 1e6 { return String(format: "%.1f MB", value / 1e6) }
        if value >= 1e3 { return String(format: "%.1f kB", value / 1e3) }
        return "\(count) bytes"
    }
}
