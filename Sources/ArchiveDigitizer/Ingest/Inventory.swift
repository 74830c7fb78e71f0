import Foundation

/// One row of the paper inventory (mục lục hồ sơ): what the archive already knows about a file.
public struct InventoryEntry: Sendable, Equatable, Codable {
    /// The file code (mã hồ sơ), matching the scan folder's name.
    public var fileCode: String
    public var title: String
    /// ISO dates as written in the inventory (not reinterpreted).
    public var startDate: String
    public var endDate: String
    /// Retention (thời hạn bảo quản), e.g. "Vĩnh viễn", "70 năm".
    public var retention: String
    /// Extent in shelf metres (mét giá), when the inventory gives it.
    public var shelfMetres: Double?
    /// Every other column (fonds, inventory, box, file_no, …), kept as written.
    public var extra: [String: String]
}

/// The inventory CSV joined to scanned files by file code.
///
/// Bad rows never stop a run: they are reported in `problems` and skipped.
public struct Inventory: Sendable {
    /// Entries by file code.
    public private(set) var entries: [String: InventoryEntry] = [:]
    /// Row-level problems (malformed rows, duplicates, unsafe codes), one sentence each.
    public private(set) var problems: [String] = []

    /// The columns an inventory must have.
    public static let requiredColumns = ["file_code", "title", "start_date", "end_date", "retention", "shelf_metres"]

    /// An empty inventory (no CSV given).
    public init() {}

    /// Reads the inventory at `url`.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw IngestError.inventoryUnreadable(path: url.path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw IngestError.inventoryUnreadable(path: url.path, reason: "it is not UTF-8 text; save it from the spreadsheet as “CSV UTF-8”")
        }
        try self.init(csv: text, source: url.path)
    }

    /// Parses inventory CSV text; `source` names it in messages.
    public init(csv text: String, source: String = "inventory") throws {
        let rows = CSVReader.rows(in: text)
        guard let header = rows.first else {
            throw IngestError.inventoryUnreadable(path: source, reason: "it is empty")
        }
        let columns = header.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        let missing = Self.requiredColumns.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw IngestError.inventoryUnreadable(path: source, reason: "the header row lacks the column(s) \(missing.joined(separator: ", "))")
        }
        for (index, row) in rows.dropFirst().enumerated() {
            let line = index + 2
            guard row.count == columns.count else {
                problems.append("\(source) line \(line): \(row.count) fields where the header has \(columns.count); row skipped.")
                continue
            }
            var values: [String: String] = [:]
            for (column, value) in zip(columns, row) { values[column] = value.trimmingCharacters(in: .whitespaces) }
            let code = values["file_code"] ?? ""
            guard Self.isSafeFileCode(code) else {
                problems.append("\(source) line \(line): file code “\(code)” is empty or not a plain name (no “/”, “..” or control characters); row skipped.")
                continue
            }
            guard entries[code] == nil else {
                problems.append("\(source) line \(line): file code \(code) appears twice; the first row is kept.")
                continue
            }
            var shelfMetres: Double? = nil
            if let text = values["shelf_metres"], !text.isEmpty {
                if let value = Double(text.replacingOccurrences(of: ",", with: ".")), value >= 0, value.isFinite {
                    shelfMetres = value
                } else {
                    problems.append("\(source) line \(line): shelf_metres “\(text)” is not a number; the extent will be estimated from pages.")
                }
            }
            var extra = values
            for column in Self.requiredColumns { extra[column] = nil }
            entries[code] = InventoryEntry(
                fileCode: code, title: values["title"] ?? "", startDate: values["start_date"] ?? "",
                endDate: values["end_date"] ?? "", retention: values["retention"] ?? "",
                shelfMetres: shelfMetres, extra: extra)
        }
    }

    /// Whether `code` can name a folder and a file in the archive without escaping it.
    public static func isSafeFileCode(_ code: String) -> Bool {
        guard !code.isEmpty, code.count <= 200, code != ".", code != "..", !code.hasPrefix(".") else { return false }
        return !code.unicodeScalars.contains { $0 == "/" || $0 == "\\" || $0.properties.generalCategory == .control }
    }
}
