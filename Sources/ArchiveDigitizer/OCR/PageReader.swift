import Foundation

/// Reads one decoded page the way the pipeline does: prepare, OCR, turn upright if needed, put
/// side-by-side blocks in order, correct impossible Vietnamese syllables.
///
/// Coordinates: the returned words are in pixels of the scan *as displayed upright*, at the
/// scan's own resolution — i.e. the stored image turned clockwise by `rotation` degrees. For a
/// page stored upright (rotation 0) they are the stored image's pixels, as before.
///
/// Orientation costs an OSD pass (about one OCR's worth), so it runs only when the first reading
/// looks wrong way round: the mean confidence is low (upside-down text reads as garbage at ~45),
/// most words are taller than wide (Tesseract reading sideways lines), or the image is landscape
/// (an A4 sheet fed sideways) with too few words read to tell. The turned reading is kept only if OSD is confident and
/// Tesseract reads the turned page at least about as confidently.
struct PageReader {
    /// Mean confidence under which the orientation is checked.
    static let orientationCheckConfidence = 70.0
    /// OSD confidence needed to turn a page.
    static let orientationConfidence = 1.5

    let engine: TesseractEngine
    let lexicon: VietnameseLexicon?
    /// Told as each step begins, so a page worker's run can hold each to its deadline.
    var onStep: (PageStep) -> Void = { _ in }
    /// Word-pair counts for the context correction; nil turns it off.
    let wordModel: VietnameseWordModel?

    init(engine: TesseractEngine, lexicon: VietnameseLexicon? = VietnameseLexicon.shared,
         wordModel: VietnameseWordModel? = VietnameseWordModel.shared) {
        self.engine = engine
        self.lexicon = lexicon
        self.wordModel = wordModel
    }

    /// The page's text and words, and the clockwise turn (0, 90, 180, 270) that shows it upright.
    func read(_ decoded: DecodedPage) throws -> (page: RecognizedPage, rotation: Int) {
        var timings = StageTimes()
        return try read(decoded, timings: &timings)
    }

    /// The same, adding each step's CPU and wall time to `timings` (clean-up, OCR, orientation, text);
    /// `onStep` is told as each step begins. `quality`: the decoded page's paper and ink levels, when the
    /// page facts measured them already.
    func read(_ decoded: DecodedPage, quality: PageQuality? = nil, timings: inout StageTimes) throws -> (page: RecognizedPage, rotation: Int) {
        onStep(.cleanUp)
        let (prepared, cleaned) = timings.measure(.cleanUp) {
            let prepared = OCRPreparation(decoded)
            // A page reduced for OCR has other levels than the scan (antialiased ink): measured again.
            return (prepared, CleanedImage(prepared.image, levels: prepared.scaleBack == 1 ? quality : nil))
        }
        onStep(.recognition)
        var page = try timings.measure(.ocr) { try engine.recognize(cleaned.image, dpi: prepared.dpi) }
        page.words = cleaned.wordsOnSource(page.words)
        var rotation = 0
        if Self.looksTurned(page, width: prepared.image.width, height: prepared.image.height) {
            onStep(.orientation)
            try timings.measure(.orientation) {
                guard let found = engine.detectOrientation(cleaned.image, dpi: prepared.dpi),
                      found.clockwiseTurn != 0, found.confidence >= Self.orientationConfidence,
                      let turned = prepared.image.rotated(quarterTurns: found.clockwiseTurn / 90) else { return }
                let upright = CleanedImage(turned)
                var second = try engine.recognize(upright.image, dpi: prepared.dpi)
                second.words = upright.wordsOnSource(second.words)
                if second.meanConfidence >= page.meanConfidence - 5 {
                    page = second
                    rotation = found.clockwiseTurn
                }
            }
        }
        let (words, corrections) = timings.measure(.text) {
            var words = ReadingOrder.arrange(page.words)
            var corrections: [WordCorrection] = []
            if let lexicon {
                (words, corrections) = VietnamesePostCorrection(lexicon: lexicon).correct(words)
                if let model = wordModel {
                    let (inContext, changed) = VietnameseContextCorrection(model: model, lexicon: lexicon)
                        .correct(words, skipping: Set(corrections.map(\.index)))
                    words = inContext
                    corrections = (corrections + changed).sorted { $0.index < $1.index }
                }
            }
            return (prepared.wordsOnScan(words), corrections)
        }
        return (RecognizedPage(text: ReadingOrder.text(of: words), words: words, meanConfidence: page.meanConfidence,
                               corrections: corrections), rotation)
    }

    /// Whether a first reading suggests the page is stored sideways or upside down.
    ///
    /// A landscape image is a hint only when the reading has too few words to judge by: an A3
    /// spread or a landscape table read confidently in horizontal words is upright, and OSD on
    /// it (about a second on an A3 sheet) found nothing to turn on the benchmark's spreads.
    static func looksTurned(_ page: RecognizedPage, width: Int, height: Int) -> Bool {
        if page.meanConfidence < orientationCheckConfidence { return true }
        let long = page.words.filter { $0.text.count >= 3 }
        guard long.count >= 10 else { return width > height }
        let tall = long.filter { $0.box.height > $0.box.width }.count
        return tall * 2 > long.count
    }
}
