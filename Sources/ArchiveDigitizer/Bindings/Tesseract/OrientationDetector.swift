import CTesseract
import Foundation

/// Tesseract's orientation and script detection (OSD), on its own `TessBaseAPI` loaded with
/// `osd.traineddata` (shipped in Debian's tesseract-ocr package).
///
/// Why a second instance: OSD needs the legacy `osd` model, while the reading engine is LSTM
/// `vie`. It costs about as much as reading a page (≈1 s at 200 dpi here), so the pipeline asks
/// it only when a page looks wrong way round (see `PageReader`). Like `TesseractEngine`, it
/// belongs to one worker thread.
final class OrientationDetector {
    private let handle: OpaquePointer

    /// nil when the OSD model cannot be loaded (then pages are read as they are stored).
    init?(dataPath: String) {
        guard let handle = TessBaseAPICreate() else { return nil }
        guard TessBaseAPIInit3(handle, dataPath, "osd") == 0 else {
            TessBaseAPIDelete(handle)
            return nil
        }
        TessBaseAPISetPageSegMode(handle, PSM_OSD_ONLY)
        self.handle = handle
    }

    deinit {
        TessBaseAPIEnd(handle)
        TessBaseAPIDelete(handle)
    }

    /// How the text on `image` is turned: `clockwiseTurn` is the clockwise rotation (0, 90, 180,
    /// 270) that makes the page upright, `confidence` OSD's own score (above ~2 is usable).
    /// nil when OSD found too little text to decide.
    func detect(_ image: PageImage, dpi: Int) -> (clockwiseTurn: Int, confidence: Double)? {
        TessBaseAPISetImage2(handle, image.pix)
        TessBaseAPISetSourceResolution(handle, Int32(dpi))
        defer { TessBaseAPIClear(handle) }
        var degrees: Int32 = 0
        var confidence: Float = 0
        var scriptConfidence: Float = 0
        // The script name would point into the model's character set (not to be freed); not needed.
        guard TessBaseAPIDetectOrientationScript(handle, &degrees, &confidence, nil, &scriptConfidence) != 0 else { return nil }
        // OSD reports how far the text is turned clockwise; turning back is the complement.
        let turn = (360 - Int(degrees) % 360) % 360
        return (turn, Double(confidence))
    }
}
