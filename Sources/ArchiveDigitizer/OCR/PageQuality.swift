import CLeptonica
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
    ///
    /// Every 4th pixel in each direction is plenty for percentiles, so no full-size gray copy is
    /// made: gray pages are counted as they are, bilevel ones as paper (255) and ink (0), colour
    /// ones through the luminance of a copy sampled 4× smaller (1/16 of the pixels).
    init(_ image: PageImage) {
        var histogram = [Double](repeating: 0, count: 256)
        let counts: [Double]
        switch (image.depth, image.hasPalette) {
        case (8, false):
            counts = Self.grayHistogram(image.pix, sampling: 4)
        case (1, _):
            let bits = Self.grayHistogram(image.pix, sampling: 4)  // [white, black]
            counts = bits.count == 2 ? [bits[1]] + [Double](repeating: 0, count: 254) + [bits[0]] : []
        case (32, _):
            counts = Self.withPix(pixScaleByIntSampling(image.pix, 4)) { small in
                Self.withPix(pixConvertRGBToLuminance(small)) { Self.grayHistogram($0, sampling: 1) }
            }
        default:
            counts = Self.withPix(pixConvertTo8(image.pix, 0)) { Self.grayHistogram($0, sampling: 4) }
        }
        for (level, count) in counts.prefix(256).enumerated() { histogram[level] = count }
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

    /// Leptonica's histogram of a 1, 2, 4, 8 or 16 bpp image, one count per value.
    private static func grayHistogram(_ pix: UnsafeMutablePointer<Pix>, sampling: Int32) -> [Double] {
        guard let numa = pixGetGrayHistogram(pix, sampling) else { return [] }
        var owned: UnsafeMutablePointer<Numa>? = numa
        defer { numaDestroy(&owned) }
        return (0..<numaGetCount(numa)).map { index in
            var value: Float = 0
            numaGetFValue(numa, index, &value)
            return Double(value)
        }
    }

    /// Calls `body` with a new image and frees it afterwards; an empty histogram when there is none.
    private static func withPix(_ pix: UnsafeMutablePointer<Pix>?, _ body: (UnsafeMutablePointer<Pix>) -> [Double]) -> [Double] {
        guard let pix else { return [] }
        var owned: UnsafeMutablePointer<Pix>? = pix
        defer { pixDestroy(&owned) }
        return body(pix)
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
