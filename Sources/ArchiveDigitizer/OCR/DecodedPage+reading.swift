import Foundation

extension DecodedPage {
    /// The page as the page facts and OCR read it: a colour scan as its luminance (8 bpp), any
    /// other page as it is.
    ///
    /// Every step after decoding looks at a colour page through its luminance only — the skew and
    /// ink measure, the paper and ink levels, the blank test, the clean-up and Tesseract's input —
    /// and each made its own full-size luminance copy. Converting once, right after decoding, gives
    /// them the very same pixels, lets the 32-bit image go (70 MB for an A3 sheet at 300 dpi,
    /// 4× its gray copy) and saves the repeated conversions. The PDF still embeds the scan as
    /// stored: the assembler reads it from the source file, never from this copy.
    func inGrayForReading() -> DecodedPage {
        guard image.depth == 32, let luminance = image.grayscale() else { return self }
        luminance.setResolution(dpi)
        var page = DecodedPage(image: luminance, dpi: dpi, isResolutionRecorded: isResolutionRecorded,
                               compression: compression, hadTextLayer: hadTextLayer)
        page.scannedColourMode = colourMode
        return page
    }
}
