import Foundation

/// Orders file names the way a person reads them: `2.tif` before `10.tif`.
///
/// Scanners number pages without leading zeros, so plain string order would put page 10
/// before page 2 and scramble the archival file.
public enum NaturalOrder {
    /// Whether `lhs` comes before `rhs` in natural (digit-run aware, case-insensitive) order.
    public static func isOrderedBefore(_ lhs: String, _ rhs: String) -> Bool {
        let result = lhs.compare(rhs, options: [.numeric, .caseInsensitive])
        if result == .orderedSame { return lhs < rhs }  // a total order, so runs are reproducible
        return result == .orderedAscending
    }
}
