import CLeptonica
import CPoppler
import Foundation

/// An open PDF through poppler-glib; owns the `PopplerDocument` and unreferences it when dropped.
///
/// Scanners write image-only PDFs: one full-page image per page. We take that image at its own
/// resolution rather than rendering at a guessed dpi, so nothing is resampled.
final class PopplerDocument {
    private let document: OpaquePointer
    let path: String

    /// Opens the PDF at `path`; encrypted and damaged PDFs throw a clear `IngestError`.
    init(path: String) throws {
        self.path = path
        var error: UnsafeMutablePointer<GError>? = nil
        guard let uri = g_filename_to_uri(path, nil, &error) else {
            let reason = error.map { String(cString: $0.pointee.message) } ?? "invalid path"
            if error != nil { g_error_free(error) }
            throw IngestError.unreadableFile(path: path, reason: reason)
        }
        defer { g_free(uri) }
        guard let document = poppler_document_new_from_file(uri, nil, &error) else {
            var reason = "poppler could not open it"
            var isEncrypted = false
            if let error {
                reason = String(cString: error.pointee.message)
                isEncrypted = error.pointee.domain == poppler_error_quark() && error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
                g_error_free(error)
            }
            if isEncrypted { throw IngestError.encryptedPDF(path: path) }
            throw IngestError.damagedPDF(path: path, reason: reason)
        }
        self.document = document
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(document)) }

    /// Number of pages.
    var pageCount: Int { Int(poppler_document_get_n_pages(document)) }

    /// The scanned image of page `index` (0-based) and its resolution.
    ///
    /// One image covering the page is taken as it is; anything else is rendered at 300 dpi.
    /// A page with text but no image is born-digital and refused.
    /// The resolution pages that are not one scan image are rendered at.
    static let renderingDPI = 300

    /// The pixel size page `index` would have rendered at `dpi`, from its size in points alone.
    func renderedSize(page index: Int, dpi: Int) -> (width: Int, height: Int) {
        guard let page = poppler_document_get_page(document, Int32(index)) else { return (0, 0) }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var pageWidth = 0.0, pageHeight = 0.0
        poppler_page_get_size(page, &pageWidth, &pageHeight)
        let scale = Double(dpi) / 72
        // Clamped: a damaged page may claim any size, and only the check below may refuse it.
        return (Int(min(pageWidth * scale, 1e9).rounded()), Int(min(pageHeight * scale, 1e9).rounded()))
    }

    /// `checkRendering` is called before a page is rendered (not for a page that is one scan image,
    /// which the caller measures from its image dictionary), so an oversized page is refused unrendered.
    ///
    /// Memory bound (issue #16): with `extractsImage` false the scan image is not decoded at its own
    /// size (the caller found it larger than `renderedPixels`); the page is rendered instead, at the
    /// resolution that gives at most `renderedPixels` pixels (never above 300 dpi). poppler reduces
    /// the image while it draws, so the full-size image is never in memory.
    func scannedImage(page index: Int, extractsImage: Bool = true, renderedPixels: Int = .max,
                      checkRendering: () throws -> Void = {}) throws -> (image: PageImage, dpi: Int, hadTextLayer: Bool) {
        guard let page = poppler_document_get_page(document, Int32(index)) else {
            throw IngestError.damagedPDF(path: path, reason: "page \(index + 1) cannot be read")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(page)) }
        var pageWidth = 0.0, pageHeight = 0.0
        poppler_page_get_size(page, &pageWidth, &pageHeight)
        guard pageWidth > 1, pageHeight > 1 else {
            throw IngestError.damagedPDF(path: path, reason: "page \(index + 1) has no size")
        }
        var hasText = false
        if let text = poppler_page_get_text(page) {
            hasText = !String(cString: text).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            g_free(text)
        }
        // Find the largest image on the page.
        var best: (id: Int32, area: PopplerRectangle)? = nil
        var bestSize = 0.0
        var imageCount = 0
        let mappings = poppler_page_get_image_mapping(page)
        var node = mappings
        while let current = node {
            if let raw = current.pointee.data {
                let mapping = raw.assumingMemoryBound(to: PopplerImageMapping.self).pointee
                imageCount += 1
                let size = (mapping.area.x2 - mapping.area.x1) * (mapping.area.y2 - mapping.area.y1)
                if best == nil || size > bestSize {
                    best = (mapping.image_id, mapping.area)
                    bestSize = size
                }
            }
            node = current.pointee.next
        }
        poppler_page_free_image_mapping(mappings)
        if imageCount == 0 && hasText { throw IngestError.bornDigitalPDF(path: path, page: index + 1) }

        if let best, imageCount == 1, extractsImage {
            let areaWidth = abs(best.area.x2 - best.area.x1)
            let areaHeight = abs(best.area.y2 - best.area.y1)
            let coversPage = areaWidth * areaHeight >= 0.85 * pageWidth * pageHeight
            if coversPage, let surface = poppler_page_get_image(page, best.id) {
                defer { cairo_surface_destroy(surface) }
                let width = Int(cairo_image_surface_get_width(surface))
                let dpi = Int((Double(width) / (areaWidth / 72.0)).rounded())
                let image = try Self.pageImage(from: surface)
                image.setResolution(Self.snapped(dpi))
                return (image, Self.snapped(dpi), hasText)
            }
        }
        // Several images, a vector page or an image too large to decode whole: render the page.
        try checkRendering()
        let bounded = Int((72 * (Double(renderedPixels) / (pageWidth * pageHeight)).squareRoot()).rounded(.down))
        let dpi = max(36, min(Self.renderingDPI, bounded))
        let width = Int32((pageWidth * Double(dpi) / 72).rounded())
        let height = Int32((pageHeight * Double(dpi) / 72).rounded())
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height) else {
            throw IngestError.damagedPDF(path: path, reason: "page \(index + 1) could not be rendered")
        }
        defer { cairo_surface_destroy(surface) }
        let context = cairo_create(surface)
        cairo_set_source_rgb(context, 1, 1, 1)
        cairo_paint(context)
        cairo_scale(context, Double(dpi) / 72, Double(dpi) / 72)
        poppler_page_render(page, context)
        cairo_destroy(context)
        let image = try Self.pageImage(from: surface)
        image.setResolution(dpi)
        return (image, dpi, hasText)
    }

    /// Common scanner resolutions absorb rounding in the PDF's page size (e.g. 299.6 → 300).
    static func snapped(_ dpi: Int) -> Int {
        for common in [75, 100, 150, 200, 240, 300, 400, 600, 1200] where abs(common - dpi) <= max(2, common / 100) {
            return common
        }
        return max(dpi, 1)
    }

    /// Copies a cairo image surface into a Leptonica image of the depth its pixels need: bilevel
    /// (1 bpp) when every pixel is black or white, as a Group 4 scan is; gray (8 bpp) when every
    /// pixel is gray; colour (32 bpp) otherwise. One look at the pixels decides, then one copy
    /// writes the target depth directly, so a bilevel or gray page never has a 32-bit copy (a
    /// 300 dpi A4 page: 1 or 9 MB instead of 35 MB) and the page facts name its real colour mode.
    private static func pageImage(from surface: OpaquePointer) throws -> PageImage {
        cairo_surface_flush(surface)
        let width = Int(cairo_image_surface_get_width(surface))
        let height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let format = cairo_image_surface_get_format(surface)
        guard width > 0, height > 0, let data = cairo_image_surface_get_data(surface),
              format == CAIRO_FORMAT_RGB24 || format == CAIRO_FORMAT_ARGB32 else {
            throw IngestError.damagedPDF(path: "", reason: "an embedded image has an unsupported pixel format")
        }
        func row(_ y: Int) -> UnsafePointer<UInt32> {
            UnsafeRawPointer(data + y * stride).assumingMemoryBound(to: UInt32.self)
        }
        var isGray = true, isBilevel = true
        scan: for y in 0..<height {
            let source = row(y)
            for x in 0..<width {
                let argb = source[x]
                let red = (argb >> 16) & 0xFF, green = (argb >> 8) & 0xFF, blue = argb & 0xFF
                if red != green || green != blue { isGray = false; isBilevel = false; break scan }
                if isBilevel && red != 0 && red != 0xFF { isBilevel = false }
            }
        }
        let depth: Int32 = isBilevel ? 1 : (isGray ? 8 : 32)
        guard let pix = pixCreate(Int32(width), Int32(height), depth) else {
            throw IngestError.damagedPDF(path: "", reason: "the page is too large to hold in memory")
        }
        let image = PageImage(owning: pix)
        let wordsPerLine = Int(pixGetWpl(pix))
        guard let target = pixGetData(pix) else { return image }
        for y in 0..<height {
            let source = row(y)
            let line = target + y * wordsPerLine
            switch depth {
            case 1:  // Leptonica: 1 is black, the leftmost pixel in the word's high bit; pixCreate clears to white
                for x in 0..<width where source[x] & 0xFF == 0 {
                    line[x >> 5] |= 0x8000_0000 >> UInt32(x & 31)
                }
            case 8:  // Leptonica keeps bytes in native 32-bit words, the leftmost in the high byte
                for x in 0..<width {
                    line[x >> 2] |= (source[x] & 0xFF) << UInt32(24 - 8 * (x & 3))
                }
            default:
                for x in 0..<width {
                    let argb = source[x]
                    line[x] = (((argb >> 16) & 0xFF) << 24) | (((argb >> 8) & 0xFF) << 16) | ((argb & 0xFF) << 8) | 0xFF
                }
            }
        }
        return image
    }
}
