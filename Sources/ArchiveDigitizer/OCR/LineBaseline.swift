import Foundation

/// The baseline of a text line: the straight line its letters stand on, from its left end to its
/// right end, in the same pixels as the word boxes (origin top-left, y down).
///
/// Tesseract's page iterator gives it for every line (`TessPageIteratorBaseline`); it is stored with
/// each word of the line (`RecognizedWord.baseline`), so the PDF's text layer can be rebuilt on the
/// line later without OCR. Pages recorded before it was stored get one fitted to their word boxes
/// (`fitted(to:)`). On a skewed page the baseline slopes; it is stored as read, and the text layer
/// decides how to use it (see `TextLayer`).
public struct LineBaseline: Sendable, Equatable, Codable {
    public var x1: Int, y1: Int, x2: Int, y2: Int

    public init(x1: Int, y1: Int, x2: Int, y2: Int) {
        self.x1 = x1; self.y1 = y1; self.x2 = x2; self.y2 = y2
    }

    /// The baseline's height at `x` (extended beyond its ends along the same slope).
    public func y(at x: Double) -> Double {
        guard x2 != x1 else { return Double(y1 + y2) / 2 }
        return Double(y1) + Double(y2 - y1) * (x - Double(x1)) / Double(x2 - x1)
    }

    /// Slope in pixels down per pixel right (positive: the line falls to the right).
    public var slope: Double { x2 == x1 ? 0 : Double(y2 - y1) / Double(x2 - x1) }

    /// A baseline fitted to the bottoms of a line's word boxes, for pages recorded before baselines
    /// were stored: the median of the slopes between every two words (robust to a word with a
    /// descender or a stray mark), through the median of the bottoms so corrected. Nil for no words.
    public static func fitted(to words: [RecognizedWord]) -> LineBaseline? {
        guard let left = words.map(\.box.left).min(), let right = words.map(\.box.right).max() else { return nil }
        let points = words.map { (x: Double($0.box.left + $0.box.right) / 2, y: Double($0.box.bottom)) }
        var slopes: [Double] = []
        for i in points.indices {
            for j in points.indices where j > i && abs(points[j].x - points[i].x) > 1 {
                slopes.append((points[j].y - points[i].y) / (points[j].x - points[i].x))
            }
        }
        // A text line is never steeper than about 5°; anything more is two lines taken as one.
        let slope = min(max(TextLayer.median(slopes), -0.09), 0.09)
        let intercept = TextLayer.median(points.map { $0.y - slope * $0.x })
        return LineBaseline(x1: left, y1: Int((intercept + slope * Double(left)).rounded()),
                            x2: right, y2: Int((intercept + slope * Double(right)).rounded()))
    }

    /// The same baseline with both ends passed through `transform` (a deskew rotation, a rescale).
    func mapped(_ transform: (Double, Double) -> (Double, Double)) -> LineBaseline {
        let start = transform(Double(x1), Double(y1)), end = transform(Double(x2), Double(y2))
        return LineBaseline(x1: Int(start.0.rounded()), y1: Int(start.1.rounded()),
                            x2: Int(end.0.rounded()), y2: Int(end.1.rounded()))
    }

    // Stored compactly as [x1, y1, x2, y2]: it is repeated on every word of its line.
    public init(from decoder: any Decoder) throws {
        var container = try decoder.unkeyedContainer()
        x1 = try container.decode(Int.self); y1 = try container.decode(Int.self)
        x2 = try container.decode(Int.self); y2 = try container.decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.unkeyedContainer()
        try container.encode(x1); try container.encode(y1); try container.encode(x2); try container.encode(y2)
    }
}
