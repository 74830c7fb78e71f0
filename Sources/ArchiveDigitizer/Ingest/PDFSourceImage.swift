import Foundation

/// The scan image of a PDF page as the scanner stored it: its compressed bytes and the facts that
/// describe them, ready to be written as an image XObject of another PDF.
///
/// Every entry stands alone: nothing refers to another object of the source file. Images that
/// would need one (a soft mask, JBIG2 globals, a colour space built on function streams) are never
/// made into a `PDFSourceImage` (see ``QPDFDocument/scanImage(page:)``), so writing one can not
/// leave a dangling reference in our output.
struct PDFSourceImage: Sendable, Equatable {
    /// The image stream's bytes exactly as stored in the source, still encoded by `filters`.
    var data: Data
    /// Size in pixels, from `/Width` and `/Height`.
    var width: Int
    var height: Int
    /// `/BitsPerComponent`; absent only for JPEG 2000, whose codestream states it.
    var bitsPerComponent: Int?
    /// Filter names in the order they are applied to decode, e.g. `["/DCTDecode"]`; empty for raw samples.
    var filters: [String]
    /// `/DecodeParms` in PDF syntax (a dictionary, or an array parallel to `filters`); nil when absent.
    var decodeParameters: String?
    /// `/ColorSpace` in PDF syntax: `/DeviceRGB`, `[/Indexed /DeviceRGB 255 <…>]`, `[/CalRGB <<…>>]`, …;
    /// absent only for JPEG 2000, whose codestream states it.
    var colourSpace: String?
    /// `/Decode` in PDF syntax, when the source remaps samples (inverted CMYK JPEGs, negative scans).
    var decode: String?
    /// How many times the page's content paints an image: 1 when this is the page's only image.
    /// With more, the page is more than its scan, and the scan alone must not replace it.
    var imageDrawCount: Int

    /// Filters a reader can undo with nothing but the stream and its `/DecodeParms`. `/Crypt` is
    /// left out: it needs the source's encryption dictionary.
    static let carriedFilters: Set<String> = [
        "/DCTDecode", "/JPXDecode", "/CCITTFaxDecode", "/JBIG2Decode", "/FlateDecode", "/LZWDecode",
        "/RunLengthDecode", "/ASCIIHexDecode", "/ASCII85Decode",
    ]

    /// Entries for the image dictionary after `/Width` and `/Height`, in the form `EmbeddedImage` writes.
    var dictionaryEntries: String {
        var entries: [String] = []
        if let colourSpace { entries.append("/ColorSpace \(colourSpace)") }
        if let bitsPerComponent { entries.append("/BitsPerComponent \(bitsPerComponent)") }
        switch filters.count {
        case 0: break
        case 1: entries.append("/Filter \(filters[0])")
        default: entries.append("/Filter [\(filters.joined(separator: " "))]")
        }
        if let decodeParameters { entries.append("/DecodeParms \(decodeParameters)") }
        if let decode { entries.append("/Decode \(decode)") }
        return entries.joined(separator: " ")
    }
}
