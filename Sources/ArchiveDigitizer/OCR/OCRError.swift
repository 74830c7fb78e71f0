import Foundation

/// Why OCR could not run or could not finish a page.
public enum OCRError: Error, CustomStringConvertible {
    case modelMissing(language: String, dataPath: String)
    /// The model file is there but Tesseract refused it (damaged, or made for another Tesseract version).
    case modelUnusable(language: String, dataPath: String)
    /// A page worker process could not make its engine; `message` is its reason.
    case workerEngine(message: String)
    case recognitionFailed(reason: String)
    case timedOut(seconds: Int)

    public var description: String {
        switch self {
        case let .modelMissing(language, dataPath):
            "Tesseract could not load the language “\(language)” from \(dataPath); install it (apt-get install tesseract-ocr-vie) or fix run.language in the configuration."
        case let .modelUnusable(language, dataPath):
            "Tesseract refused the language model “\(language)” in \(dataPath) (the file is damaged or made for another Tesseract version); reinstall it (apt-get install --reinstall tesseract-ocr-vie) or fix run.language in the configuration."
        case let .workerEngine(message):
            message
        case let .recognitionFailed(reason):
            "Tesseract could not read the page: \(reason)."
        case let .timedOut(seconds):
            "OCR gave up after \(seconds) s on this page (likely not text, or a damaged image); the rest of the batch went on."
        }
    }
}
