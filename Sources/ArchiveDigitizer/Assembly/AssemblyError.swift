import Foundation

/// Why a document's PDF could not be written.
public enum AssemblyError: Error, CustomStringConvertible {
    case imageNotEncodable(path: String, frame: Int)
    case fontMissing(path: String)
    case writeFailed(DurableFileError)
    case colourProfileMissing(path: String)
    /// A file's PDFs could not be rebuilt after a correction (the correction itself is recorded).
    case rebuildFailed(fileCode: String, reason: String)

    public var description: String {
        switch self {
        case let .imageNotEncodable(path, frame):
            "The image of \(path) (frame \(frame + 1)) could not be embedded in the PDF."
        case let .fontMissing(path):
            "Tesseract's text-layer font \(path) is missing; reinstall tesseract-ocr."
        case let .writeFailed(error):
            error.description
        case let .colourProfileMissing(path):
            "The sRGB colour profile \(path) that PDF/A files embed is missing; install Debian's icc-profiles-free (make deps), or write plain PDFs with --pdf-profile plain."
        case let .rebuildFailed(fileCode, reason):
            "The PDFs of \(fileCode) could not be rebuilt (\(reason)); the correction is recorded and will be applied by the next rebuild or run."
        }
    }
}
