import CQPDF
import Foundation

/// A PDF opened read-only through libqpdf, to lift a page's scan image out as its stored bytes.
///
/// poppler (``PopplerDocument``) decodes pixels for OCR; qpdf gives what poppler does not: the image
/// stream exactly as the scanner compressed it and the dictionary describing it, so the searchable
/// PDF can carry the original JPEG instead of a lossless re-encoding several times its size.
///
/// Owns the `qpdf_data` handle, which owns every object handle and string qpdf gives out, and frees
/// it in `deinit`. Not thread-safe: open it on the thread that uses it and drop it there.
final class QPDFDocument {
    private let handle: OpaquePointer
    /// The file, for messages.
    let path: String

    /// Opens the PDF at `path`; damaged and password-protected files throw an `IngestError`.
    ///
    /// qpdf reads objects lazily: opening costs the cross-reference table, not the page images.
    init(path: String) throws {
        guard let handle = qpdf_init() else {
            throw IngestError.unreadableFile(path: path, reason: "libqpdf could not start")
        }
        self.handle = handle
        self.path = path
        // We check every call ourselves; qpdf must not write to the archivist's terminal.
        qpdf_silence_errors(handle)
        qpdf_set_suppress_warnings(handle, QPDF_TRUE)
        if qpdf_read(handle, path, nil) & QPDF_ERRORS != 0 {
            var reason = "libqpdf could not read it"
            var isEncrypted = false
            if let error = qpdf_get_error(handle) {
                isEncrypted = qpdf_get_error_code(handle, error) == qpdf_e_password
                if let text = qpdf_get_error_message_detail(handle, error), text.pointee != 0 {
                    reason = String(cString: text)
                }
            }
            if isEncrypted { throw IngestError.encryptedPDF(path: path) }
            throw IngestError.damagedPDF(path: path, reason: reason)
        }
    }

    deinit {
        var owned: OpaquePointer? = handle
        qpdf_cleanup(&owned)
    }

    /// Number of pages; 0 when the page tree cannot be read.
    var pageCount: Int { max(Int(qpdf_get_num_pages(handle)), 0) }

    /// The scan image of page `index` (0-based) with its bytes untouched, or nil when there is none
    /// that can be carried into another PDF on its own.
    ///
    /// The scan is the image XObject the page's content paints (the largest, if it paints several;
    /// ``PDFSourceImage/imageDrawCount`` says how many). Resources are taken from the page or, when it
    /// has none, inherited from the page tree. Nil for: inline images, images drawn inside form
    /// XObjects, masked images (`/SMask`, `/Mask`, `/ImageMask`), external or encrypted-filter
    /// streams, filters needing other objects (JBIG2 globals), and colour spaces that cannot be
    /// written without references (Separation, DeviceN, indexed on a stream we cannot decode).
    /// Nil also when qpdf met any error on the way: the caller then re-encodes the decoded pixels.
    func scanImage(page index: Int) -> PDFSourceImage? {
        // Object handles only index qpdf's table; the result copies everything it needs.
        defer { qpdf_oh_release_all(handle) }
        _ = qpdf_get_error(handle)
        guard index >= 0, index < pageCount else { return nil }
        let page = qpdf_get_page_n(handle, index)
        guard let resources = inheritedResources(of: page),
              let xobjects = dictionary(resources, "/XObject"),
              let content = pageContent(page),
              let drawn = PDFContentStream.drawnXObjectNames(in: content) else { return nil }

        var images: [(stream: qpdf_oh, pixels: Int)] = []
        var paintedNames: Set<String> = []
        var imageDrawCount = 0
        for name in drawn {
            guard let xobject = value(xobjects, name), qpdf_oh_is_stream(handle, xobject) != 0 else { continue }
            let entries = qpdf_oh_get_dict(handle, xobject)
            let subtype = value(entries, "/Subtype").flatMap(self.name)
            // A form may paint images of its own that poppler counts; do not guess which is the scan.
            if subtype == "/Form" { return nil }
            guard subtype == "/Image" else { continue }
            imageDrawCount += 1
            if paintedNames.insert(name).inserted {
                let width = value(entries, "/Width").flatMap(integer) ?? 0
                let height = value(entries, "/Height").flatMap(integer) ?? 0
                images.append((xobject, width * height))
            }
        }
        guard let largest = images.max(by: { $0.pixels < $1.pixels }),
              var image = sourceImage(largest.stream) else { return nil }
        image.imageDrawCount = imageDrawCount
        if qpdf_has_error(handle) != 0 {
            _ = qpdf_get_error(handle)
            return nil
        }
        return image
    }

    /// The pixel size of the largest image XObject in page `index`'s resources, read from the image
    /// dictionaries alone (`/Width`, `/Height`) so a decompression bomb is measured before poppler
    /// decodes a pixel of it. Nil when the page has no image XObject or qpdf cannot read its tree.
    func largestImageSize(page index: Int) -> (width: Int, height: Int)? {
        defer { qpdf_oh_release_all(handle) }
        _ = qpdf_get_error(handle)
        guard index >= 0, index < pageCount else { return nil }
        let page = qpdf_get_page_n(handle, index)
        guard let resources = inheritedResources(of: page), let xobjects = dictionary(resources, "/XObject") else { return nil }
        var largest: (width: Int, height: Int)? = nil
        for key in keys(of: xobjects) {
            guard let xobject = value(xobjects, key), qpdf_oh_is_stream(handle, xobject) != 0 else { continue }
            let entries = qpdf_oh_get_dict(handle, xobject)
            guard value(entries, "/Subtype").flatMap(name) == "/Image" else { continue }
            let width = value(entries, "/Width").flatMap(integer) ?? 0
            let height = value(entries, "/Height").flatMap(integer) ?? 0
            if width.multipliedReportingOverflow(by: height).partialValue > (largest.map { $0.width * $0.height } ?? -1) {
                largest = (width, height)
            }
        }
        _ = qpdf_get_error(handle)
        return largest
    }

    // MARK: - Image dictionary

    /// The image stream `stream` as a `PDFSourceImage`, or nil when it cannot stand alone.
    private func sourceImage(_ stream: qpdf_oh) -> PDFSourceImage? {
        let entries = qpdf_oh_get_dict(handle, stream)
        // Masks are objects of their own; /F points outside the file.
        for key in ["/SMask", "/Mask", "/F", "/FFilter", "/FDecodeParms"] where value(entries, key) != nil { return nil }
        if let isMask = value(entries, "/ImageMask"), qpdf_oh_get_bool_value(handle, isMask) != 0 { return nil }
        if let maskInData = value(entries, "/SMaskInData"), integer(maskInData) != 0 { return nil }

        guard let width = value(entries, "/Width").flatMap(integer), width > 0,
              let height = value(entries, "/Height").flatMap(integer), height > 0 else { return nil }

        var filters: [String] = []
        if let filter = value(entries, "/Filter") {
            if let single = name(filter) {
                filters = [single]
            } else if qpdf_oh_is_array(handle, filter) != 0 {
                for position in 0..<qpdf_oh_get_array_n_items(handle, filter) {
                    guard let each = name(qpdf_oh_get_array_item(handle, filter, position)) else { return nil }
                    filters.append(each)
                }
            } else {
                return nil
            }
        }
        guard filters.allSatisfy(PDFSourceImage.carriedFilters.contains) else { return nil }
        // JPEG 2000 may leave colour space and depth to its codestream; every other image must state them.
        let isJPEG2000 = filters.contains("/JPXDecode")

        var decodeParameters: String? = nil
        if let parameters = value(entries, "/DecodeParms") {
            // Refuses streams, and with them JBIG2Globals.
            guard let syntax = pdfSyntax(parameters) else { return nil }
            decodeParameters = syntax
        }

        var bitsPerComponent: Int? = nil
        if let bits = value(entries, "/BitsPerComponent") {
            guard let depth = integer(bits), [1, 2, 4, 8, 16].contains(depth) else { return nil }
            bitsPerComponent = depth
        } else if !isJPEG2000 {
            return nil
        }

        var colourSpace: String? = nil
        if let space = value(entries, "/ColorSpace") {
            guard let syntax = colourSpaceSyntax(space, allowsIndexed: true) else { return nil }
            colourSpace = syntax
        } else if !isJPEG2000 {
            return nil
        }

        var decode: String? = nil
        if let array = value(entries, "/Decode") {
            guard qpdf_oh_is_array(handle, array) != 0, let syntax = pdfSyntax(array) else { return nil }
            decode = syntax
        }

        guard let data = streamData(stream, decodeLevel: qpdf_dl_none), !data.isEmpty else { return nil }
        return PDFSourceImage(data: data, width: width, height: height, bitsPerComponent: bitsPerComponent,
                              filters: filters, decodeParameters: decodeParameters, colourSpace: colourSpace,
                              decode: decode, imageDrawCount: 1)
    }

    /// `space` written without references, or nil.
    ///
    /// ICC profiles are streams, so `[/ICCBased …]` becomes the device space with the profile's
    /// number of components: the colours a scanner's sRGB or gray profile describes are what every
    /// reader assumes for the device space anyway.
    private func colourSpaceSyntax(_ space: qpdf_oh, allowsIndexed: Bool) -> String? {
        if let family = name(space) {
            return ["/DeviceGray", "/DeviceRGB", "/DeviceCMYK"].contains(family) ? family : nil
        }
        guard qpdf_oh_is_array(handle, space) != 0, qpdf_oh_get_array_n_items(handle, space) >= 1,
              let family = name(qpdf_oh_get_array_item(handle, space, 0)) else { return nil }
        let count = qpdf_oh_get_array_n_items(handle, space)
        switch family {
        case "/DeviceGray", "/DeviceRGB", "/DeviceCMYK":
            return count == 1 ? family : nil
        case "/ICCBased":
            let profile = qpdf_oh_get_array_item(handle, space, 1)
            guard count == 2, qpdf_oh_is_stream(handle, profile) != 0,
                  let components = value(qpdf_oh_get_dict(handle, profile), "/N").flatMap(integer) else { return nil }
            switch components {
            case 1: return "/DeviceGray"
            case 3: return "/DeviceRGB"
            case 4: return "/DeviceCMYK"
            default: return nil
            }
        case "/CalGray", "/CalRGB", "/Lab":
            return pdfSyntax(space)
        case "/Indexed" where allowsIndexed && count == 4:
            guard let base = colourSpaceSyntax(qpdf_oh_get_array_item(handle, space, 1), allowsIndexed: false),
                  let highest = integer(qpdf_oh_get_array_item(handle, space, 2)), (0...255).contains(highest) else { return nil }
            let lookup = qpdf_oh_get_array_item(handle, space, 3)
            let table: String
            if qpdf_oh_is_string(handle, lookup) != 0, let text = qpdf_oh_unparse_resolved(handle, lookup) {
                table = String(cString: text)
            } else if qpdf_oh_is_stream(handle, lookup) != 0,
                      let bytes = streamData(lookup, decodeLevel: qpdf_dl_generalized) {
                // A palette stream becomes a hex string: the same bytes, with no object behind them.
                table = "<" + bytes.map { String(format: "%02X", $0) }.joined() + ">"
            } else {
                return nil
            }
            return "[/Indexed \(base) \(highest) \(table)]"
        default:
            // Separation and DeviceN carry tint-transform functions, usually streams; Pattern is no image space.
            return nil
        }
    }

    // MARK: - Page tree

    /// The page's `/Resources`, or the nearest ancestor's in the page tree (they inherit as a whole).
    private func inheritedResources(of page: qpdf_oh) -> qpdf_oh? {
        var node = page
        // Bounded: a damaged page tree may loop.
        for _ in 0..<64 {
            if let resources = dictionary(node, "/Resources") { return resources }
            guard let parent = dictionary(node, "/Parent") else { return nil }
            node = parent
        }
        return nil
    }

    /// All the page's content streams, decoded and joined.
    private func pageContent(_ page: qpdf_oh) -> Data? {
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        let status = qpdf_oh_get_page_content_data(handle, page, &buffer, &length)
        defer { free(buffer) }
        guard status & QPDF_ERRORS == 0, let buffer else { return nil }
        return Data(bytes: buffer, count: length)
    }

    // MARK: - Objects

    /// The value of `key` in the dictionary `object`, indirect references followed; nil when absent or null.
    private func value(_ object: qpdf_oh, _ key: String) -> qpdf_oh? {
        guard qpdf_oh_is_dictionary(handle, object) != 0, qpdf_oh_has_key(handle, object, key) != 0 else { return nil }
        let item = qpdf_oh_get_key(handle, object, key)
        return qpdf_oh_is_null(handle, item) != 0 ? nil : item
    }

    /// The value of `key` when it is a dictionary.
    private func dictionary(_ object: qpdf_oh, _ key: String) -> qpdf_oh? {
        guard let item = value(object, key), qpdf_oh_is_dictionary(handle, item) != 0 else { return nil }
        return item
    }

    /// A name object's name with its leading `/` (`"/DCTDecode"`), or nil for anything else.
    private func name(_ object: qpdf_oh) -> String? {
        guard qpdf_oh_is_name(handle, object) != 0, let text = qpdf_oh_get_name(handle, object) else { return nil }
        return String(cString: text)
    }

    /// An integer object's value, or nil for anything else.
    private func integer(_ object: qpdf_oh) -> Int? {
        var result: Int64 = 0
        guard qpdf_oh_get_value_as_longlong(handle, object, &result) != 0 else { return nil }
        return Int(exactly: result)
    }

    /// A stream's data at `decodeLevel` (`qpdf_dl_none`: the stored bytes); nil when qpdf cannot
    /// read it, or cannot decode it as far as asked.
    private func streamData(_ stream: qpdf_oh, decodeLevel: qpdf_stream_decode_level_e) -> Data? {
        var isDecoded: QPDF_BOOL = QPDF_FALSE
        var buffer: UnsafeMutablePointer<UInt8>? = nil
        var length = 0
        let status = qpdf_oh_get_stream_data(handle, stream, decodeLevel, &isDecoded, &buffer, &length)
        defer { free(buffer) }
        guard status & QPDF_ERRORS == 0, let buffer else { return nil }
        if decodeLevel != qpdf_dl_none && isDecoded == QPDF_FALSE { return nil }
        return Data(bytes: buffer, count: length)
    }

    /// `object` in PDF syntax with every indirect reference replaced by the object it names, so the
    /// text can be pasted into another file; nil if it holds a stream (which cannot be inlined) or
    /// nests deeper than any image dictionary has reason to.
    private func pdfSyntax(_ object: qpdf_oh, depth: Int = 0) -> String? {
        guard depth < 16, qpdf_oh_is_stream(handle, object) == 0 else { return nil }
        if qpdf_oh_is_array(handle, object) != 0 {
            var items: [String] = []
            for position in 0..<qpdf_oh_get_array_n_items(handle, object) {
                guard let item = pdfSyntax(qpdf_oh_get_array_item(handle, object, position), depth: depth + 1) else { return nil }
                items.append(item)
            }
            return "[" + items.joined(separator: " ") + "]"
        }
        if qpdf_oh_is_dictionary(handle, object) != 0 {
            var entries: [String] = []
            for key in keys(of: object) {
                let item = qpdf_oh_get_key(handle, object, key)
                if qpdf_oh_is_null(handle, item) != 0 { continue }  // a null entry is an absent one
                guard let itemSyntax = pdfSyntax(item, depth: depth + 1) else { return nil }
                let keyObject = qpdf_oh_new_name(handle, key)
                defer { qpdf_oh_release(handle, keyObject) }
                guard let keySyntax = qpdf_oh_unparse(handle, keyObject) else { return nil }
                entries.append(String(cString: keySyntax) + " " + itemSyntax)
            }
            return "<<" + entries.joined(separator: " ") + ">>"
        }
        if qpdf_oh_is_null(handle, object) != 0 { return "null" }
        let isScalar = qpdf_oh_is_bool(handle, object) != 0 || qpdf_oh_is_number(handle, object) != 0
            || qpdf_oh_is_name(handle, object) != 0 || qpdf_oh_is_string(handle, object) != 0
        guard isScalar, let text = qpdf_oh_unparse_resolved(handle, object) else { return nil }
        return String(cString: text)
    }

    /// The keys of a dictionary, copied out first: qpdf iterates one dictionary at a time.
    private func keys(of dictionary: qpdf_oh) -> [String] {
        var keys: [String] = []
        qpdf_oh_begin_dict_key_iter(handle, dictionary)
        while qpdf_oh_dict_more_keys(handle) != 0 {
            guard let key = qpdf_oh_dict_next_key(handle) else { break }
            keys.append(String(cString: key))
        }
        return keys
    }
}
