import Foundation

/// The shelf-metre backlog the progress report measures against: the `backlog` section of
/// `config/digitize.json` (or `--config FILE`).
///
/// One metre of shelf (mét giá) ≈ 10 boxes ≈ 5,000 sheets ≈ 8,500 pages: a rule of thumb, used only
/// for files the inventory gives no extent for, hence configurable.
public struct ProgressConfiguration: Sendable, Codable, Equatable, ConfigurationSection {
    public static let sectionName = "backlog"

    /// The whole holding to digitize, in shelf metres (23,600 m for the Hanoi Party Committee).
    public var totalShelfMetres: Double = 23_600
    /// Metres digitized before this tool (1,450 m by mid-2025); counted as done.
    public var baselineShelfMetres: Double = 1_450
    /// Pages per shelf metre, for estimating a file's extent from its pages.
    public var pagesPerMetre: Double = 8_500
    /// Total extent per fonds (phông), when known, so each fonds gets its own percentage.
    public var fondsTotals: [String: Double] = [:]

    public init() {}

    enum CodingKeys: String, CodingKey {
        case totalShelfMetres = "total_shelf_metres"
        case baselineShelfMetres = "baseline_shelf_metres"
        case pagesPerMetre = "pages_per_metre"
        case fondsTotals = "fonds_totals"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = ProgressConfiguration()
        totalShelfMetres = try container.decodeIfPresent(Double.self, forKey: .totalShelfMetres) ?? defaults.totalShelfMetres
        baselineShelfMetres = try container.decodeIfPresent(Double.self, forKey: .baselineShelfMetres) ?? defaults.baselineShelfMetres
        pagesPerMetre = try container.decodeIfPresent(Double.self, forKey: .pagesPerMetre) ?? defaults.pagesPerMetre
        fondsTotals = try container.decodeIfPresent([String: Double].self, forKey: .fondsTotals) ?? defaults.fondsTotals
    }

    /// Throws when a figure would make the report meaningless (zero or negative totals).
    public func validate(path: String) throws {
        guard totalShelfMetres > 0, totalShelfMetres.isFinite else {
            throw ConfigurationError(path: path, reason: "backlog.total_shelf_metres must be a positive number of metres")
        }
        guard baselineShelfMetres >= 0, baselineShelfMetres.isFinite else {
            throw ConfigurationError(path: path, reason: "backlog.baseline_shelf_metres must be zero or more")
        }
        guard pagesPerMetre > 0, pagesPerMetre.isFinite else {
            throw ConfigurationError(path: path, reason: "backlog.pages_per_metre must be a positive number of pages")
        }
        if let bad = fondsTotals.first(where: { !($0.value > 0 && $0.value.isFinite) }) {
            throw ConfigurationError(path: path, reason: "backlog.fonds_totals[\(bad.key)] must be a positive number of metres")
        }
    }
}
