import Foundation

/// The copy of a page Tesseract reads after clean-up, and how to map its words back.
///
/// Chosen by what each step measurably does on the evaluation set (Tests/Fixtures/OCREval,
/// `make eval-ocr`; bag-of-words error on degraded pages, bare Tesseract 0.178):
/// - background normalisation (Leptonica `pixBackgroundNormSimple`): evens out yellowed,
///   shadowed, dark and faded paper to white with dark ink (0.129 alone); only on pages whose
///   paper is not white or whose ink is not black (`whitePaper`, `blackInk`);
/// - deskew (`pixFindSkew` on a binarised copy, `pixRotate` with area mapping) when the skew is
///   at least 1° with confidence: Tesseract loses whole lines on pages skewed 2–3° (0.084
///   alone, 0.059 together with the background normalisation); below 1° it copes by itself and
///   resampling only changed single letters.
/// Contrast stretching made no difference and binarisation is left to Tesseract (Otsu on the
/// normalised page). Word boxes are mapped back through the inverse rotation, so the text layer
/// stays on the words of the original, still skewed, scan.
struct CleanedImage {
    /// Smallest skew worth correcting, and the `pixFindSkew` confidence needed to trust it.
    static let minimumSkewDegrees = 1.0
    static let minimumSkewConfidence: Float = 2.5
    /// Pages with paper at least this white and ink at least this black are not normalised:
    /// on such pages normalisation changed single letters back and forth (metadata excerpts got
    /// worse on Tests/Fixtures/EvalSet) without lowering the error rate.
    static let whitePaper = 225
    static let blackInk = 90

    let image: PageImage
    /// Clockwise degrees the page was turned to straighten it (0 when not deskewed).
    let deskewDegrees: Double

    /// `levels`: the paper and ink levels of `source` when already measured (the page facts have them).
    init(_ source: PageImage, levels known: PageQuality? = nil) {
        var current = source
        let levels = known ?? PageQuality(source)
        let needsNormalising = levels.paperLevel < Self.whitePaper || levels.inkLevel > Self.blackInk
        if let gray = source.grayscale() {
            current = (needsNormalising ? gray.backgroundNormalised() : nil) ?? gray
        }
        let skew = current.binarized(threshold: 160)?.skew()
        if let skew, skew.confidence >= Double(Self.minimumSkewConfidence), abs(skew.degrees) >= Self.minimumSkewDegrees,
           let rotated = current.rotated(byDegrees: skew.degrees) {
            current = rotated
            deskewDegrees = skew.degrees
        } else {
            deskewDegrees = 0
        }
        image = current
    }

    /// Maps words read on the cleaned image back onto the source image: each box's corners are
    /// turned back about the page centre and the box becomes their axis-aligned bounds.
    func wordsOnSource(_ words: [RecognizedWord]) -> [RecognizedWord] {
        guard deskewDegrees != 0 else { return words }
        let radians = -deskewDegrees * .pi / 180
        let cosine = cos(radians), sine = sin(radians)
        let centreX = Double(image.width) / 2, centreY = Double(image.height) / 2
        let turn = { (x: Double, y: Double) -> (Double, Double) in
            let dx = x - centreX, dy = y - centreY
            return (centreX + dx * cosine - dy * sine, centreY + dx * sine + dy * cosine)
        }
        return words.map { word in
            var mapped = word
            mapped.baseline = word.baseline?.mapped(turn)
            let corners = [(word.box.left, word.box.top), (word.box.right, word.box.top),
                           (word.box.left, word.box.bottom), (word.box.right, word.box.bottom)].map { x, y in
                turn(Double(x), Double(y))
            }
            let xs = corners.map(\.0), ys = corners.map(\.1)
            mapped.box = PixelBox(left: max(0, Int(xs.reduce(.infinity, min).rounded(.down))),
                                  top: max(0, Int(ys.reduce(.infinity, min).rounded(.down))),
                                  right: min(image.width, Int(xs.reduce(-.infinity, max).rounded(.up))),
                                  bottom: min(image.height, Int(ys.reduce(-.infinity, max).rounded(.up))))
            return mapped
        }
    }
}
