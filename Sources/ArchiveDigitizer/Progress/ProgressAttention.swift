import Foundation

/// The attention list of the progress report: what a person must look at, by category, with the
/// reason in words. Counts are exact; items are capped at `limit` per category.
struct ProgressAttention {
    let connection: any SQLDatabase
    let limit: Int
    var language: MessageLanguage = .english

    /// Pages below this mean OCR confidence are listed (blank pages excepted: they have no words).
    static let confidenceThreshold = 70.0
    /// Pages below this resolution are listed: Thông tư 02/2019/TT-BNV asks for at least 200 dpi.
    static let minimumDPI = 200
    /// Metadata fields below this extraction confidence are listed for review.
    static let metadataConfidenceThreshold = 0.6
    /// Metadata fields a document must have; an empty one is listed for review.
    static let requiredMetadata = ["doc_type": "type", "number": "number", "date": "date"]

    func categories() throws -> [AttentionCategory] {
        let language = self.language
        let t = { (key: String, arguments: [String]) in MessageCatalogue.text(key, language, arguments) }
        let label = PageLabel.sql()
        let pageJoin = "FROM pages p JOIN files f ON f.id = p.file_id JOIN sources s ON s.id = p.source_id"
        // Codes in byte order and unnumbered pages first, as SQLite sorts them, on either store.
        let pageOrder = "f.code COLLATE \"binary\", p.page_number NULLS FIRST"
        var result: [AttentionCategory] = []

        result.append(try category(.failedPage, where: "p.state = 'failed'", from: pageJoin,
                                   select: "\(label), p.page_number, p.error_kind, p.error", order: "\(pageOrder), s.name COLLATE \"binary\", p.frame") { row in
            let reason = row[3].string ?? row[2].string ?? "unknown error"
            return AttentionItem(location: row[0].string ?? "?", pageNumber: row[1].int, reason: reason)
        })

        result.append(try category(.quarantinedPage, where: "p.state = 'quarantined'", from: pageJoin,
                                   select: "\(label), p.page_number, p.attempts, p.error", order: "\(pageOrder), s.name COLLATE \"binary\", p.frame") { row in
            AttentionItem(location: row[0].string ?? "?", pageNumber: row[1].int,
                          reason: t("attention.attempts", [row[3].string ?? "its worker died", String(row[2].int ?? 0)]))
        })

        var failedFiles = try category(.failedFile, where: "f.state = 'failed'", from: "FROM files f",
                                       select: "f.code", order: "f.code COLLATE \"binary\"") { row in
            AttentionItem(location: row[0].string ?? "?", pageNumber: nil, reason: t("attention.noPDF", []))
        }
        if !failedFiles.items.isEmpty {
            let codes = failedFiles.items.map { SQLValue.text($0.location) }
            var reasons: [String: String] = [:]
            for row in try connection.query("""
                SELECT subject, detail FROM events
                WHERE kind = 'file-failed' AND subject IN (\(codes.map { _ in "?" }.joined(separator: ", "))) ORDER BY id
                """, codes) {
                if let subject = row[0].string, let detail = row[1].string { reasons[subject] = detail }
            }
            for index in failedFiles.items.indices {
                if let reason = reasons[failedFiles.items[index].location] { failedFiles.items[index].reason = reason }
            }
        }
        result.append(failedFiles)

        result.append(try category(.missingScan, where: "s.state = 'missing'", from: "FROM sources s JOIN files f ON f.id = s.file_id",
                                   select: "f.code || '/' || s.name, s.path", order: "f.code COLLATE \"binary\", s.name COLLATE \"binary\"") { row in
            AttentionItem(location: row[0].string ?? "?", pageNumber: nil,
                          reason: t("attention.gone", [row[1].string ?? "?"]))
        })

        result.append(try category(.lowConfidence,
                                   where: "p.state = 'done' AND p.mean_confidence < \(Self.confidenceThreshold) AND coalesce(p.is_blank, 0) = 0",
                                   from: pageJoin, select: "\(label), p.page_number, p.mean_confidence", order: pageOrder) { row in
            let confidence = Int((row[2].double ?? 0).rounded())
            return AttentionItem(location: row[0].string ?? "?", pageNumber: row[1].int,
                                 reason: t("attention.confidence", ["\(confidence)"]))
        })

        result.append(try category(.lowResolution, where: "p.state = 'done' AND p.dpi < \(Self.minimumDPI)", from: pageJoin,
                                   select: "\(label), p.page_number, p.dpi, p.dpi_recorded", order: pageOrder) { row in
            let assumed = row[3].int == 0 ? t("attention.dpiAssumed", []) : ""
            return AttentionItem(location: row[0].string ?? "?", pageNumber: row[1].int,
                                 reason: t("attention.dpi", [String(row[2].int ?? 0), assumed, String(Self.minimumDPI)]))
        })

        let poorImage = "p.state = 'done' AND (p.flag_too_dark = 1 OR p.flag_too_light = 1 OR p.flag_heavy_skew = 1)"
        result.append(try category(.poorImage, where: poorImage, from: pageJoin,
                                   select: "\(label), p.page_number, p.flag_too_dark, p.flag_too_light, p.flag_heavy_skew, p.skew",
                                   order: pageOrder) { row in
            var problems: [String] = []
            if row[2].int == 1 { problems.append(t("attention.tooDark", [])) }
            if row[3].int == 1 { problems.append(t("attention.tooLight", [])) }
            if row[4].int == 1 { problems.append(t("attention.skewed", [String(format: "%.1f", abs(row[5].double ?? 0))])) }
            return AttentionItem(location: row[0].string ?? "?", pageNumber: row[1].int,
                                 reason: t("attention.checkImage", [problems.joined(separator: ", ")]))
        })

        result.append(try category(.blankPage, where: "p.state = 'done' AND p.is_blank = 1", from: pageJoin,
                                   select: "\(label), p.page_number", order: pageOrder) { row in
            AttentionItem(location: row[0].string ?? "?", pageNumber: row[1].int,
                          reason: t("attention.blank", []))
        })

        // Records that carry the calibrated `review` list (FieldReview) are listed when it is not
        // empty; older records by the required fields and the one confidence threshold.
        let needsReview = """
            CASE WHEN json_valid(d.metadata) THEN
                CASE WHEN json_extract(d.metadata, '$.review') IS NOT NULL THEN json_extract(d.metadata, '$.review') <> ''
                ELSE coalesce(json_extract(d.metadata, '$.doc_type'), '') = '' OR coalesce(json_extract(d.metadata, '$.number'), '') = ''
                OR coalesce(json_extract(d.metadata, '$.date'), '') = ''
                OR \(Self.anyConfidenceBelowThreshold(connection.dialect)) END
            ELSE TRUE END
            """
        result.append(try category(.metadataReview, where: needsReview, from: "FROM documents d",
                                   select: "d.doc_code, d.metadata", order: "d.doc_code COLLATE \"binary\"") { row in
            AttentionItem(location: row[0].string ?? "?", pageNumber: nil, reason: Self.metadataReason(row[1].string ?? "", in: language))
        })
        return result
    }

    /// Whether any number in the metadata's `confidence` object is below the review threshold (other
    /// values are not confidences). The one place the engines' JSON differs: SQLite walks the object
    /// with `json_each`, PostgreSQL with a JSON path (its `json_each` takes no path).
    static func anyConfidenceBelowThreshold(_ dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite:
            "EXISTS (SELECT 1 FROM json_each(d.metadata, '$.confidence') WHERE type IN ('integer', 'real') AND value < \(metadataConfidenceThreshold))"
        case .postgreSQL:
            "jsonb_path_exists(d.metadata::jsonb, '$.confidence.* ? (@.type() == \"number\" && @ < \(metadataConfidenceThreshold))')"
        }
    }

    private func category(_ kind: AttentionCategory.Kind, where condition: String, from: String, select: String, order: String,
                          item: ([SQLValue]) -> AttentionItem) throws -> AttentionCategory {
        let count = try connection.query("SELECT count(*) \(from) WHERE \(condition)").first?.first?.int ?? 0
        guard count > 0 else { return AttentionCategory(kind: kind, count: 0, items: []) }
        let rows = try connection.query("SELECT \(select) \(from) WHERE \(condition) ORDER BY \(order) LIMIT ?",
                                        [.integer(Int64(limit))])
        return AttentionCategory(kind: kind, count: count, items: rows.map(item))
    }

    /// Which fields are missing or uncertain, in words.
    static func metadataReason(_ json: String, in language: MessageLanguage = .english) -> String {
        let t = { (key: String, arguments: [String]) in MessageCatalogue.text(key, language, arguments) }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any] else {
            return t("attention.metadataUnreadable", [])
        }
        if let review = object["review"] as? String, !review.isEmpty {
            let confidence = object["confidence"] as? [String: Any] ?? [:]
            let fields = review.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.map { field in
                let name = language == .vietnamese ? t("field.\(field)", []) : field
                return (confidence[field] as? NSNumber).map { "\(name) (\(String(format: "%.2f", $0.doubleValue)))" }
                    ?? "\(name) (\(t("attention.notFound", [])))"
            }
            return t("attention.review", [fields.joined(separator: ", ")])
        }
        var parts: [String] = []
        let missing = ["doc_type", "number", "date"].filter { ((object[$0] as? String) ?? "").isEmpty }
            .compactMap { requiredMetadata[$0] }
        if !missing.isEmpty { parts.append(t("attention.missing", [missing.joined(separator: ", ")])) }
        if let confidence = object["confidence"] as? [String: Any] {
            let uncertain = confidence.compactMap { key, value -> (String, Double)? in
                guard let number = (value as? NSNumber)?.doubleValue, number < metadataConfidenceThreshold else { return nil }
                return (key, number)
            }.sorted { $0.0 < $1.0 }
            if !uncertain.isEmpty {
                parts.append(t("attention.uncertain", []) + uncertain.map { "\($0.0) (\(String(format: "%.2f", $0.1)))" }.joined(separator: ", "))
            }
        }
        return parts.isEmpty ? t("attention.checkMetadata", []) : parts.joined(separator: "; ")
    }
}
