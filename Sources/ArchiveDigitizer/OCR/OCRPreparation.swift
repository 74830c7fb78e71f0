import Foundation

/// Prepares a decoded page for Tesseract, and decides whether it needs OCR at all.
///
/// - Scans above 400 dpi are read at 300 dpi: Tesseract gains nothing from more pixels, while
///   time and memory grow with their square. The PDF keeps the original image, and word boxes
///   are scaled back to it.
/// - A blank sheet (no ink left after removing specks) is not OCR'd; it stays in the PDF and is
///   flagged in the catalogue.
struct OCRPreparation {
    /// Above this resolution the page is reduced for OCR.
    static let maximumOCRResolution = 400
    /// The resolution a reduced page is read at.
    static let reducedResolution = 300
    /// Share of the page that must be ink (after removing specks) for it to count as written on.
    static let blankInkThreshold = 0.0001

    /// The image Tesseract reads, its resolution, and the factor from its pixels back to the scan's.
    let image: PageImage
    let dpi: Int
    let scaleBack: Double

    init(_ page: DecodedPage) {
        guard page.dpi > Self.maximumOCRResolution else {
            image = page.image; dpi = page.dpi; scaleBack = 1
            return
        }
        let factor = Double(Float(Self.reducedResolution) / Float(page.dpi))
        // Bilevel pages are reduced to antialiased gray, which Tesseract reads better than subsampled bits.
        let reduced = page.image.depth == 1 ? page.image.scaledToGray(by: factor) : page.image.scaled(by: factor)
        guard let reduced else {
            image = page.image; dpi = page.dpi; scaleBack = 1
            return
        }
        image = reduced
        dpi = Self.reducedResolution
        scaleBack = Double(page.image.width) / Double(max(image.width, 1))
    }

    /// Whether the sheet carries no writing: ink pixels left after an opening that removes dust
    /// and scanner noise, as a share of the page.
    ///
    /// The ink threshold follows the page's own paper and ink levels (when measured): a fixed
    /// 130 took faded pages (ink at 150–170) and dark ones for blank.
    static func isBlank(_ image: PageImage, dpi: Int, quality: PageQuality? = nil) -> Bool {
        var threshold = 130
        if let quality {
            threshold = max(20, quality.paperLevel - max(40, (quality.paperLevel - quality.inkLevel) / 2))
        }
        guard let opened = image.binarized(threshold: threshold)?.opened(brick: max(2, dpi / 150)) else { return false }
        return Double(opened.inkPixelCount) / Double(max(1, image.width * image.height)) < blankInkThreshold
    }

    /// Maps words read on the reduced image back onto the scan's pixels.
    func wordsOnScan(_ words: [RecognizedWord]) -> [RecognizedWord] {
        guard scaleBack != 1 else { return words }
        return words.map { word in
            var scaled = word
            scaled.box = PixelBox(left: Int((Double(word.box.left) * scaleBack).rounded()),
                                  top: Int((Double(word.box.top) * scaleBack).rounded()),
                                  right: Int((Double(word.box.right) * scaleBack).rounded()),
                                  bottom: Int((Double(word.box.bottom) * scaleBack).rounded()))
            return scaled
        }
    }
}
