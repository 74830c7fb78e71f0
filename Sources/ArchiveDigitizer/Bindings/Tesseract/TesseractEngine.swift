import CLeptonica
import CLineImages
import CTesseract
import Foundation

/// One Tesseract instance (`TessBaseAPI`), created once per worker thread and reused for every page.
///
/// Loading a language model takes a noticeable fraction of a page's OCR time, so engines are
/// never created per page. An engine is not thread-safe: the worker that made it is the only one
/// that calls it. Variables are set at `Init` time only (Tesseract's `SetVariable` touches
/// process-wide parameters that other engines share).
public final class TesseractEngine {
    private let handle: OpaquePointer
    /// The languages loaded, e.g. `vie` or `vie+eng`.
    public let language: String
    /// Longest OCR time allowed for one page before it is abandoned.
    public let pageTimeoutSeconds: Int
    private let dataPath: String
    /// The zlib level of the PNG Tesseract makes of each text line while recognising: 0, stored;
    /// -1, Leptonica's default (kept for the test that shows the two read alike).
    private let lineImageLevel: Int32
    /// Loaded on first use: most batches never need it (see `PageReader`).
    private var orientationDetector: OrientationDetector??

    /// Loads `language` from `dataPath` (nil: Tesseract's built-in default, Debian's tessdata).
    /// `storesLineImages` false leaves Tesseract's line images deflated as Leptonica does by default.
    public init(language: String, dataPath: String? = nil, variables: [String: String] = [:], pageTimeoutSeconds: Int = 300,
                storesLineImages: Bool = true) throws {
        guard let handle = TessBaseAPICreate() else { throw OCRError.recognitionFailed(reason: "Tesseract could not start") }
        // `self.handle` is set only once Init has succeeded: a throw after every stored property is
        // set would run `deinit`, which would end and delete the handle a second time.
        self.language = language
        self.pageTimeoutSeconds = pageTimeoutSeconds
        self.lineImageLevel = storesLineImages ? 0 : -1
        self.dataPath = dataPath ?? Self.defaultDataPath
        // lstm_choice_mode 2: the LSTM keeps its other candidates per character, which the choice
        // iterator hands out (`RecognizedWord.alternatives`). Each of Tesseract's
        // `lstm_choice_iterations` (default 5) decodes the whole line again to find one more
        // candidate per character; one is enough for the context correction (the letter it needs is
        // mostly the first runner-up): on the metadata evaluation set's tuning part the run took 13%
        // less CPU with the same metadata, and the OCR set had fewer wrong corrections (docs/performance.md).
        var variables = variables
        if variables["lstm_choice_mode"] == nil { variables["lstm_choice_mode"] = "2" }
        if variables["lstm_choice_iterations"] == nil { variables["lstm_choice_iterations"] = "1" }
        // Every row proportional: Tesseract's fixed-pitch test (`tune_row_pitch`, about 2% of a
        // run) only decides how the legacy engine cuts words, and the LSTM reads the row's words
        // merged. Measured on the mixed benchmark corpus and on a fresh metadata part set wholly in
        // a fixed-pitch face: error rates equal or lower, metadata identical (docs/performance.md).
        if variables["textord_all_prop"] == nil { variables["textord_all_prop"] = "1" }
        let names = variables.keys.sorted()
        let status = withCStrings(names) { namePointers in
            withCStrings(names.map { variables[$0] ?? "" }) { valuePointers in
                TessBaseAPIInit4(handle, dataPath, language, OEM_LSTM_ONLY, nil, 0,
                                 namePointers, valuePointers, names.count, 0)
            }
        }
        guard status == 0 else {
            TessBaseAPIDelete(handle)
            throw OCRError.modelUnusable(language: language, dataPath: dataPath ?? Self.defaultDataPath)
        }
        self.handle = handle
        TessBaseAPISetPageSegMode(handle, PSM_AUTO)
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// Whether Tesseract's line images take the fast path in this executable: false where it does
    /// not export `pixWriteMemPng` (recognition is the same either way, only slower).
    public static var lineImagesTakeFastPath: Bool { digitize_line_images_active() != 0 }

    /// Where Debian's tesseract-ocr packages put the models.
    public static var defaultDataPath: String {
        if let prefix = ProcessInfo.processInfo.environment["TESSDATA_PREFIX"], !prefix.isEmpty { return prefix }
        return "/usr/share/tesseract-ocr/5/tessdata"
    }

    /// The clockwise turn that shows `image` upright, from Tesseract's OSD; nil when OSD is not
    /// installed or found too little text.
    func detectOrientation(_ image: PageImage, dpi: Int) -> (clockwiseTurn: Int, confidence: Double)? {
        if orientationDetector == nil { orientationDetector = .some(OrientationDetector(dataPath: dataPath)) }
        return orientationDetector??.detect(image, dpi: dpi)
    }

    /// Reads the text of `image`, scanned at `dpi`.
    public func recognize(_ image: PageImage, dpi: Int) throws -> RecognizedPage {
        TessBaseAPISetImage2(handle, image.pix)
        TessBaseAPISetSourceResolution(handle, Int32(dpi))
        defer { TessBaseAPIClear(handle) }
        let monitor = TessMonitorCreate()
        defer { TessMonitorDelete(monitor) }
        TessMonitorSetDeadlineMSecs(monitor, Int32(pageTimeoutSeconds * 1000))
        let started = Date()
        // Tesseract writes every text line it reads as a PNG in memory and decodes it straight
        // back (`ImageData`); stored rather than deflated, that lossless round trip costs about 5%
        // of a run's CPU less (docs/performance.md). Only this thread, only while recognising.
        digitize_line_images_begin(lineImageLevel)
        let status = TessBaseAPIRecognize(handle, monitor)
        digitize_line_images_end()
        guard status == 0 else {
            if Date().timeIntervalSince(started) >= Double(pageTimeoutSeconds) { throw OCRError.timedOut(seconds: pageTimeoutSeconds) }
            throw OCRError.recognitionFailed(reason: "recognition returned an error")
        }
        if Date().timeIntervalSince(started) >= Double(pageTimeoutSeconds) { throw OCRError.timedOut(seconds: pageTimeoutSeconds) }
        var text = ""
        if let raw = TessBaseAPIGetUTF8Text(handle) {
            text = String(cString: raw)
            TessDeleteText(raw)
        }
        let words = collectWords()
        let mean = words.isEmpty ? 0 : words.map(\.confidence).reduce(0, +) / Double(words.count)
        return RecognizedPage(text: Self.tidy(text), words: words, meanConfidence: mean)
    }

    /// Every word with its box and confidence, walked character by character so each word also
    /// gets the LSTM's other candidates for each of its characters (Tesseract's choice iterator).
    private func collectWords() -> [RecognizedWord] {
        guard let iterator = TessBaseAPIGetIterator(handle) else { return [] }
        defer { TessResultIteratorDelete(iterator) }
        let pageIterator = TessResultIteratorGetPageIteratorConst(iterator)
        var words: [RecognizedWord] = []
        var line = -1, block = -1, paragraph = -1
        var current: RecognizedWord?
        var baseline: LineBaseline?
        repeat {
            if TessPageIteratorIsAtBeginningOf(pageIterator, RIL_BLOCK) != 0 { block += 1 }
            if TessPageIteratorIsAtBeginningOf(pageIterator, RIL_PARA) != 0 { paragraph += 1 }
            if TessPageIteratorIsAtBeginningOf(pageIterator, RIL_TEXTLINE) != 0 {
                line += 1
                var x1: Int32 = 0, y1: Int32 = 0, x2: Int32 = 0, y2: Int32 = 0
                baseline = TessPageIteratorBaseline(pageIterator, RIL_TEXTLINE, &x1, &y1, &x2, &y2) != 0
                    ? LineBaseline(x1: Int(x1), y1: Int(y1), x2: Int(x2), y2: Int(y2)) : nil
            }
            if TessPageIteratorIsAtBeginningOf(pageIterator, RIL_WORD) != 0 {
                if let done = current { words.append(done) }
                current = word(at: iterator, pageIterator: pageIterator, line: line, block: block, paragraph: paragraph)
                current?.baseline = baseline
            }
            if current != nil { current?.alternatives.append(symbolAlternatives(at: iterator)) }
        } while TessResultIteratorNext(iterator, RIL_SYMBOL) != 0
        if let done = current { words.append(done) }
        // A word whose characters and alternatives do not line up keeps no alternatives.
        return words.map { word in
            var word = word
            if word.alternatives.count != word.text.count { word.alternatives = [] }
            return word
        }
    }

    /// The word the iterator stands in, or nil for an empty one.
    private func word(at iterator: OpaquePointer, pageIterator: OpaquePointer?, line: Int, block: Int, paragraph: Int) -> RecognizedWord? {
        guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_WORD) else { return nil }
        let text = String(cString: raw).precomposedStringWithCanonicalMapping
        TessDeleteText(raw)
        var left: Int32 = 0, top: Int32 = 0, right: Int32 = 0, bottom: Int32 = 0
        guard !text.trimmingCharacters(in: .whitespaces).isEmpty,
              TessPageIteratorBoundingBox(pageIterator, RIL_WORD, &left, &top, &right, &bottom) != 0 else { return nil }
        let confidence = Double(TessResultIteratorConfidence(iterator, RIL_WORD))
        var word = RecognizedWord(text: text,
                                  box: PixelBox(left: Int(left), top: Int(top), right: Int(right), bottom: Int(bottom)),
                                  confidence: confidence, line: max(line, 0), block: max(block, 0))
        word.paragraph = max(paragraph, 0)
        return word
    }

    /// The LSTM's candidates for the character the iterator stands on, the chosen one left out.
    private func symbolAlternatives(at iterator: OpaquePointer) -> [String] {
        guard let raw = TessResultIteratorGetUTF8Text(iterator, RIL_SYMBOL) else { return [] }
        let chosen = String(cString: raw).precomposedStringWithCanonicalMapping
        TessDeleteText(raw)
        guard let choices = TessResultIteratorGetChoiceIterator(iterator) else { return [] }
        defer { TessChoiceIteratorDelete(choices) }
        var result: [String] = []
        repeat {
            guard let text = TessChoiceIteratorGetUTF8Text(choices) else { continue }
            let candidate = String(cString: text).precomposedStringWithCanonicalMapping
            if candidate != chosen, !candidate.isEmpty, !result.contains(candidate) { result.append(candidate) }
        } while TessChoiceIteratorNext(choices) != 0
        return result
    }

    /// NFC, no trailing spaces, at most one blank line in a row.
    static func tidy(_ text: String) -> String {
        let lines = text.precomposedStringWithCanonicalMapping
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces) }
        var result: [String] = []
        for line in lines where !(line.isEmpty && (result.last?.isEmpty ?? true)) { result.append(line) }
        while result.last?.isEmpty == true { result.removeLast() }
        return result.joined(separator: "\n")
    }
}

/// Calls `body` with a C array of C strings valid for the call's duration.
private func withCStrings<Result>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Result) -> Result {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { pointers.forEach { free($0) } }
    if pointers.isEmpty { return body(nil) }
    return pointers.withUnsafeMutableBufferPointer { body($0.baseAddress) }
}
