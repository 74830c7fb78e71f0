import Foundation

/// The PREMIS-style "fixity check" event each `verify` appends to the ledger, so the archive's own
/// history shows when it was last checked, by what, and with what outcome.
///
/// The event's `detail` is compact JSON (keys in this order): `event_type` ("fixity check"),
/// `outcome` ("pass" | "fail"), `agent`, `algorithm` ("SHA-256"), `scope`, `documents_checked`,
/// `document_bytes`, `sources_checked`, `rows_cross_checked`, `events_checked`, `ledger_head`
/// (hash of the last event before this one), `problems` (count per kind).
enum FixityEvent {
    /// The ledger event kind.
    static let kind = "fixity-check"

    static func detail(for report: VerificationReport) -> String {
        JSONValue.object([
            ("event_type", .string("fixity check")),
            ("outcome", .string(report.isClean ? "pass" : "fail")),
            ("agent", .string("digitize verify")),
            ("algorithm", .string("SHA-256")),
            ("scope", .string(report.checksSources ? "documents, sources, catalogue, ledger" : "documents, catalogue, ledger")),
            ("documents_checked", .integer(report.documentsChecked)),
            ("document_bytes", .integer(Int(report.documentBytes))),
            ("sources_checked", .integer(report.sourcesChecked)),
            ("rows_cross_checked", .integer(report.rowsCrossChecked)),
            ("events_checked", .integer(report.eventsChecked)),
            ("ledger_head", .string(report.ledgerHeadHash)),
            ("problems", .object(report.counts.map { ($0.0.rawValue, .integer($0.1)) })),
        ]).rendered(pretty: false)
    }

    /// Appends the event; on failure, leaves a note in the report instead (the check itself stands).
    static func record(_ report: inout VerificationReport, in catalogue: Catalogue) {
        do {
            let detail = detail(for: report)
            try catalogue.log(kind, subject: "archive", detail: detail)
            // Its own event: on a shared store other workers' events may already follow it.
            report.fixityEventID = try catalogue.connection.integer(
                "SELECT max(id) FROM events WHERE kind = ? AND detail = ?", [.text(kind), .text(detail)])
        } catch {
            report.fixityNote = "The fixity-check event could not be recorded in the ledger: \(error)"
        }
    }
}
