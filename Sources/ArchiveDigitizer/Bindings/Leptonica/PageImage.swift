import CLeptonica
import Foundation

/// A decoded page raster: owns one Leptonica `PIX` and frees it when dropped.
///
/// Confined to the thread that decoded it (an OCR worker or the PDF assembler); never shared.
public final class PageImage {
    /// The Leptonica image; valid for the life of this object.
    let pix: UnsafeMutablePointer<Pix>

    /// Takes ownership of `pix`.
    init(owning pix: UnsafeMutablePointer<Pix>) { self.pix = pix }

    deinit {
        var pointer: UnsafeMutablePointer<Pix>? = pix
        pixDestroy(&pointer)
    }

    /// Width in pixels.
    public var width: Int { Int(pixGetWidth(pix)) }
    /// Height in pixels.
    public var height: Int { Int(pixGetHeight(pix)) }
    /// Bits per pixel: 1 (bilevel), 2/4/8 (gray or palette), 32 (colour).
    public var depth: Int { Int(pixGetDepth(pix)) }
    /// Resolution recorded in the file, in dots per inch; 0 when the file does not say.
    public var recordedDPI: Int { Int(pixGetXRes(pix)) }
    /// Whether the image carries a palette.
    public var hasPalette: Bool { pixGetColormap(pix) != nil }

    /// The colour mode an archivist would name.
    public var colourMode: String {
        if depth == 1 { return "bilevel" }
        if depth == 32 { return "colour" }
        return hasPalette ? "palette" : "gray"
    }

    /// Records the resolution the page was scanned at.
    func setResolution(_ dpi: Int) {
        pixSetResolution(pix, Int32(dpi), Int32(dpi))
    }

    /// A copy without palette, in a depth Tesseract and the PDF encoder take directly.
    func withoutPalette() -> PageImage {
        guard hasPalette, let plain = pixRemoveColormap(pix, Int32(REMOVE_CMAP_BASED_ON_SRC)) else { return self }
        return PageImage(owning: plain)
    }

    /// Skew (degrees, positive clockwise; `nil` when unsure) and ink coverage (share of dark
    /// pixels, 0…1, near zero on a blank sheet), both from one binarised copy.
    public func measure() -> (skew: Double?, ink: Double) {
        guard let binary = pixConvertTo1(pix, 130) else { return (nil, 0) }
        var owned: UnsafeMutablePointer<Pix>? = binary
        defer { pixDestroy(&owned) }
        var count: Int32 = 0
        pixCountPixels(binary, &count, nil)
        let ink = Double(count) / Double(max(1, width * height))
        var angle: Float = 0
        var confidence: Float = 0
        guard pixFindSkew(binary, &angle, &confidence) == 0, confidence > 2.0 else { return (nil, ink) }
        return (Double(angle), ink)
    }
}
