import CLeptonica
import Foundation

/// The Leptonica operations the OCR and assembly stages ask of a page image, as Swift methods.
///
/// Each returns a new `PageImage` that owns its own `PIX` (or nil when Leptonica refuses, e.g. out of
/// memory), so no stage outside `Bindings/` ever holds a raw pointer or frees one.
extension PageImage {
    /// The image scaled by `factor` in both directions (`pixScale`, with Leptonica's smoothing).
    func scaled(by factor: Double) -> PageImage? {
        pixScale(pix, Float(factor), Float(factor)).map(PageImage.init(owning:))
    }

    /// A bilevel image reduced by `factor` into antialiased gray (`pixScaleToGray`), which Tesseract
    /// reads better than subsampled bits.
    func scaledToGray(by factor: Double) -> PageImage? {
        pixScaleToGray(pix, Float(factor)).map(PageImage.init(owning:))
    }

    /// An 8-bit gray copy: colour through its luminance, palette and low depths expanded; an 8-bit
    /// gray image without palette is shared (`pixClone`), not copied.
    func grayscale() -> PageImage? {
        let gray: UnsafeMutablePointer<Pix>?
        switch depth {
        case 32: gray = pixConvertRGBToLuminance(pix)
        case 8 where !hasPalette: gray = pixClone(pix)
        default: gray = pixConvertTo8(pix, 0)
        }
        return gray.map(PageImage.init(owning:))
    }

    /// A bilevel copy: pixels darker than `threshold` (0…255) become ink.
    func binarized(threshold: Int) -> PageImage? {
        pixConvertTo1(pix, Int32(threshold)).map(PageImage.init(owning:))
    }

    /// A morphological opening with a `size` × `size` brick: removes specks smaller than it.
    func opened(brick size: Int) -> PageImage? {
        pixOpenBrick(nil, pix, Int32(size), Int32(size)).map(PageImage.init(owning:))
    }

    /// The number of ink (1) pixels of a bilevel image.
    var inkPixelCount: Int {
        var count: Int32 = 0
        pixCountPixels(pix, &count, nil)
        return Int(count)
    }

    /// Paper evened out to white and ink to black (`pixBackgroundNormSimple`), for 8-bit gray images.
    func backgroundNormalised() -> PageImage? {
        pixBackgroundNormSimple(pix, nil, nil).map(PageImage.init(owning:))
    }

    /// The skew of a bilevel image's text lines (`pixFindSkew`): degrees, positive clockwise, and
    /// Leptonica's confidence in it; nil when it cannot tell.
    func skew() -> (degrees: Double, confidence: Double)? {
        var angle: Float = 0, confidence: Float = 0
        guard pixFindSkew(pix, &angle, &confidence) == 0 else { return nil }
        return (Double(angle), Double(confidence))
    }

    /// The image turned by `degrees` (clockwise positive) about its centre, by area mapping,
    /// bringing in white at the corners. The angle is taken in single precision, as `skew()` gives it.
    func rotated(byDegrees degrees: Double) -> PageImage? {
        pixRotate(pix, Float(degrees) * .pi / 180, Int32(L_ROTATE_AREA_MAP), Int32(L_BRING_IN_WHITE), 0, 0)
            .map(PageImage.init(owning:))
    }

    /// The image turned clockwise by `quarterTurns` × 90° (exact, no resampling).
    func rotated(quarterTurns: Int) -> PageImage? {
        pixRotateOrth(pix, Int32(quarterTurns)).map(PageImage.init(owning:))
    }

    /// The gray-level histogram (256 counts, 0 black … 255 white) of every `sampling`-th pixel in
    /// each direction; colour pages through their luminance. Empty when Leptonica cannot make it.
    ///
    /// No full-size gray copy is made (issue #18): 8-bit gray is counted as it is, bilevel as
    /// paper (255) and ink (0), colour through the luminance of a copy sampled `sampling`× smaller.
    func grayHistogram(sampling: Int) -> [Double] {
        var histogram = [Double](repeating: 0, count: 256)
        switch (depth, hasPalette) {
        case (8, false):
            for (level, count) in Self.histogram(of: pix, sampling: sampling).prefix(256).enumerated() { histogram[level] = count }
        case (1, _):
            let counts = Self.histogram(of: pix, sampling: sampling)  // [white, black]
            guard counts.count == 2 else { return [] }
            histogram[255] = counts[0]
            histogram[0] = counts[1]
        default:
            let small = depth == 32 ? pixScaleByIntSampling(pix, Int32(sampling)) : pixClone(pix)
            var ownedSmall: UnsafeMutablePointer<Pix>? = small
            defer { pixDestroy(&ownedSmall) }
            guard let small, let gray = depth == 32 ? pixConvertRGBToLuminance(small) : pixConvertTo8(small, 0) else { return [] }
            var ownedGray: UnsafeMutablePointer<Pix>? = gray
            defer { pixDestroy(&ownedGray) }
            let counts = Self.histogram(of: gray, sampling: depth == 32 ? 1 : sampling)
            for (level, count) in counts.prefix(256).enumerated() { histogram[level] = count }
        }
        return histogram.reduce(0, +) > 0 ? histogram : []
    }

    /// Leptonica's histogram of a 1, 2, 4, 8 or 16 bpp image, one count per value.
    private static func histogram(of pix: UnsafeMutablePointer<Pix>, sampling: Int) -> [Double] {
        guard let numa = pixGetGrayHistogram(pix, Int32(sampling)) else { return [] }
        var ownedNuma: UnsafeMutablePointer<Numa>? = numa
        defer { numaDestroy(&ownedNuma) }
        return (0..<numaGetCount(numa)).map { index in
            var value: Float = 0
            numaGetFValue(numa, index, &value)
            return Double(value)
        }
    }
}
