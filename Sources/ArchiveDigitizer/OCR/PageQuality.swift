import Foundation

/// What an archivist should look at on a scanned page, measured while it is read.
///
/// Stored per page in the catalogue (`pages.paper_level`, `ink_level`, `quality_flags` and one
/// `flag_…` column per flag) so reports can list pages needing a rescan. Thresholds:
/// - `below-200-dpi`: Thông tư 02/2019/TT-BNV asks for at least 200 dpi;
/// - `low-confidence`: Tesseract's mean word confidence under 75 (clean print reads above 88);
/// - `too-dark`: the paper (80th percentile of gray) darker than 150 of 255;
/// - `too-light`: the ink (1st percentile of gray) lighter than 110, i.e. faded or washed out;
/// - `heavy-skew`: more than 2° (the text layer still sits on the words; a rescan reads better).
/// Blank pages have their own column (`is_blank`) and get no other flag.
struct PageQuality: Equatable {
    /// Gray level (0 black … 255 white) of the paper and of the ink.
    var paperLevel: Int
    var inkLevel: Int

    static let minimumDPI = 200
    static let lowConfidence = 75.0
    static let darkPaper = 150
    static let lightInk = 110
    static let heavySkewDegrees = 2.0

    /// Paper and ink levels from the gray histogram (colour pages through their luminance).
    init(_ image: PageImage) {
        // Every 4th pixel in each direction is plenty for percentiles.
        let histogram = image.grayHistogram(sampling: 4)
        paperLevel = Self.percentile(histogram, 0.80)
        inkLevel = Self.percentile(histogram, 0.01)
    }

    init(paperLevel: Int, inkLevel: Int) {
        self.paperLevel = paperLevel
        self.inkLevel = inkLevel
    }

    /// The flags of a page (names as stored in `pages.quality_flags`, space-separated).
    func flags(dpi: Int, meanConfidence: Double, skewDegrees: Double?, isBlank: Bool) -> [String] {
        if isBlank { return dpi < Self.minimumDPI ? ["below-200-dpi"] : [] }
        var flags: [String] = []
        if dpi < Self.minimumDPI { flags.append("below-200-dpi") }
        if meanConfidence < Self.lowConfidence { flags.append("low-confidence") }
        if paperLevel < Self.darkPaper { flags.append("too-dark") }
        if inkLevel > Self.lightInk { flags.append("too-light") }
        if let skew = skewDegrees, abs(skew) > Self.heavySkewDegrees { flags.append("heavy-skew") }
        return flags
    }

    private static func percentile(_ histogram: [Double], _ fraction: Double) -> Int {
        let total = histogram.reduce(0, +)
        guard total > 0 else { return 255 }
        var running = 0.0
        for (level, count) in histogram.enumerated() {
            running += count
            if running >= total * fraction { return level }
        }
        return 255
    }
}
