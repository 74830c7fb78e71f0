import Foundation

/// Why a document's PDF could not be written.
public enum AssemblyError: Error, CustomStringConvertible {
    case imageNotEncodable(path: String, frame: Int)
    case fontMissing(path: String)
    case writeFailed(DurableFileError)
    case colourProfileMissing(path: String)

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
        }
    }
}
