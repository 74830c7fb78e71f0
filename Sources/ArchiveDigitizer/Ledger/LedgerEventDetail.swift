import Foundation

/// Reads the facts that ledger events carry in their free-text `detail`.
///
/// The formats are those `Catalogue` writes:
/// - `page-done`: `text sha256 <hex>; confidence <n>`
/// - `document-written`: `<relative pdf path> sha256 <hex> size <bytes>`
/// - `file-completed`: `<n> document(s)`
/// - `source-added`: `sha256 <hex>`; `source-changed`: `sha256 <old> -> <new>; …`
enum LedgerEventDetail {
    /// The SHA-256 of the page text and the whole-number confidence of a `page-done` event.
    static func page(_ detail: String) -> (sha256: String, confidence: Int?)? {
        guard detail.hasPrefix("text sha256 ") else { return nil }
        let rest = detail.dropFirst("text sha256 ".count)
        let parts = rest.split(separator: ";", maxSplits: 1)
        guard let hash = parts.first.map({ String($0).trimmingCharacters(in: .whitespaces) }), !hash.isEmpty else { return nil }
        var confidence: Int? = nil
        if parts.count > 1 {
            let tail = parts[1].trimmingCharacters(in: .whitespaces)
            if tail.hasPrefix("confidence ") { confidence = Int(tail.dropFirst("confidence ".count)) }
        }
        return (hash, confidence)
    }

    /// Path, SHA-256 and size of a `document-written` event (parsed from the end: a path may hold spaces).
    static func document(_ detail: String) -> (path: String, sha256: String, size: Int64?)? {
        guard let shaRange = detail.range(of: " sha256 ", options: .backwards) else { return nil }
        let path = String(detail[..<shaRange.lowerBound])
        let tail = detail[shaRange.upperBound...].split(separator: " ")
        guard let hash = tail.first.map(String.init) else { return nil }
        var size: Int64? = nil
        if tail.count >= 3, tail[1] == "size" { size = Int64(tail[2]) }
        return (path, hash, size)
    }

    /// The number of documents of a `file-completed` event.
    static func documentCount(_ detail: String) -> Int? {
        detail.split(separator: " ").first.flatMap { Int($0) }
    }

    /// The scan's SHA-256 after a `source-added` or `source-changed` event.
    static func sourceSHA256(_ detail: String) -> String? {
        guard detail.hasPrefix("sha256 ") else { return nil }
        let rest = detail.dropFirst("sha256 ".count)
        if let arrow = rest.range(of: " -> ") {
            let after = rest[arrow.upperBound...]
            return after.split(separator: ";", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return rest.split(separator: " ", maxSplits: 1).first.map(String.init)
    }
}
