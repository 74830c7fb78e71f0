import Foundation

/// Writes one searchable PDF: each page is the original scan image with an invisible text layer.
///
/// By default the PDF is PDF/A-2b (`PDFProfile`), written directly rather than converted
/// afterwards: the image streams stay exactly as they are (a converter such as Ghostscript would
/// re-encode them), and the writer adds what PDF/A asks for: the XMP identification, an sRGB
/// output intent (Debian's `icc-profiles-free` profile), a trailer `/ID`, and the embedded text
/// font with a ToUnicode map for every code it uses. See docs/pdf.md.
///
/// The PDF is streamed to a temporary file page by page (only one page image is in memory at a
/// time), hashed while it is written, fsync'd and renamed into place. The output is a pure
/// function of its inputs — no dates or random identifiers — so rebuilding a document after a
/// crash gives the very same bytes and checksum.
public final class SearchablePDFWriter: Sendable {
    private let fontProgram: Data
    private let decoder: PageDecoder
    /// The standard the PDFs are written to.
    public let profile: PDFProfile
    /// The sRGB ICC profile of the output intent; empty for plain PDFs.
    private let colourProfile: Data

    /// Where Debian's `icc-profiles-free` puts its sRGB profile (ICC v2, zlib licence).
    public static let defaultColourProfilePath = "/usr/share/color/icc/sRGB.icc"

    /// Loads the glyph-less font Tesseract ships (`pdf.ttf` in its tessdata folder) and, for PDF/A,
    /// the sRGB colour profile.
    public init(tessdataPath: String = TesseractEngine.defaultDataPath, decoder: PageDecoder, profile: PDFProfile = .pdfA2b,
                colourProfilePath: String = SearchablePDFWriter.defaultColourProfilePath) throws {
        let fontPath = (tessdataPath as NSString).appendingPathComponent("pdf.ttf")
        guard let font = FileManager.default.contents(atPath: fontPath) else { throw AssemblyError.fontMissing(path: fontPath) }
        fontProgram = font
        self.decoder = decoder
        self.profile = profile
        if profile.isArchival {
            guard let icc = FileManager.default.contents(atPath: colourProfilePath), icc.count > 128 else {
                throw AssemblyError.colourProfileMissing(path: colourProfilePath)
            }
            colourProfile = icc
        } else {
            colourProfile = Data()
        }
    }

    /// Writes `pages` as one PDF at `url`.
    public func write(_ pages: [PDFPage], info: PDFDocumentInfo, to url: URL) throws -> WrittenPDF {
        let file: DurableFile
        do { file = try DurableFile(destination: url) } catch let error as DurableFileError { throw AssemblyError.writeFailed(error) }
        var output = PDFOutput(file: file)
        var encodings: [String] = []
        do {
            // Fixed object numbers: 1 catalogue, 2 page tree, 3 info, 4–9 font; then three per page;
            // the XMP metadata stream, then (PDF/A) the output intent's colour profile.
            let pageObject = { (index: Int) in 10 + 3 * index }
            let metadataObject = pageObject(pages.count)
            let colourProfileObject = metadataObject + 1
            try output.header()
            let outputIntents = profile.isArchival ? """
                 /OutputIntents [<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1) \
                /Info (sRGB IEC61966-2.1) /DestOutputProfile \(colourProfileObject) 0 R >>]
                """ : ""
            try output.object(1, "<< /Type /Catalog /Pages 2 0 R /Metadata \(metadataObject) 0 R\(outputIntents) >>")
            let kids = pages.indices.map { "\(pageObject($0)) 0 R" }.joined(separator: " ")
            try output.object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
            try output.object(3, info.dictionary)
            try writeFont(into: &output)
            for (index, page) in pages.enumerated() {
                let number = pageObject(index)
                let image = try EmbeddedImage.make(for: page.location, isSingleFrame: page.isSingleFrame,
                                                   compression: page.compression, readSize: (page.width, page.height),
                                                   allowsLZW: !profile.isArchival) {
                    try decoder.decode(page.location)
                }
                encodings.append(image.encoding)
                // The page size follows the image actually embedded; words were read on an image of `page.width`.
                // A page stored sideways or upside down is drawn turned (the image bytes stay as they are),
                // and its page box and words are those of the upright page.
                let scale = 72.0 / Double(max(page.dpi, 1)) / image.pixelsPerReadPixel
                let imageWidth = Double(image.width) * scale, imageHeight = Double(image.height) * scale
                let isSideways = page.rotation == 90 || page.rotation == 270
                let widthPoints = isSideways ? imageHeight : imageWidth
                let heightPoints = isSideways ? imageWidth : imageHeight
                let wordScale = page.width > 0 ? scale * Double(image.width) / Double(page.width) : scale
                let text = TextLayer.operators(for: page.words, heightPoints: heightPoints, scale: wordScale)
                let placement = TextLayer.imageMatrix(width: imageWidth, height: imageHeight, clockwiseTurn: page.rotation)
                let content = "q \(placement) cm /Scan Do Q\n" + text
                try output.object(number, """
                    << /Type /Page /Parent 2 0 R /MediaBox [0 0 \(TextLayer.format(widthPoints)) \(TextLayer.format(heightPoints))] \
                    /Resources << /XObject << /Scan \(number + 2) 0 R >> /Font << \(TextLayer.fontName) 4 0 R >> >> \
                    /Contents \(number + 1) 0 R >>
                    """)
                try output.stream(number + 1, dictionary: "", data: Data(content.utf8), compress: true)
                try output.stream(number + 2,
                                  dictionary: "/Type /XObject /Subtype /Image /Width \(image.width) /Height \(image.height) \(image.dictionaryEntries)",
                                  data: image.data, compress: false)
            }
            // Uncompressed, as PDF/A asks, so tools that scan files for XMP packets find it.
            try output.stream(metadataObject, dictionary: "/Type /Metadata /Subtype /XML",
                              data: Data(info.xmpPacket(profile: profile).utf8), compress: false)
            if profile.isArchival {
                try output.stream(colourProfileObject, dictionary: "/N 3", data: colourProfile, compress: true)
            }
            try output.trailer(objectCount: profile.isArchival ? colourProfileObject + 1 : metadataObject + 1)
            try file.commit()
        } catch let error as DurableFileError {
            file.abandon()
            throw AssemblyError.writeFailed(error)
        } catch {
            file.abandon()
            throw error
        }
        return WrittenPDF(url: url, size: file.count, sha256: output.finishDigest(), imageEncodings: encodings)
    }

    /// The font's ToUnicode CMap: every two-byte code is the UTF-16 code unit it stands for. A
    /// `bfrange` may only vary its last byte, so the map is one range per high byte (in blocks of at
    /// most 100, as the CMap format allows); the surrogate halves D800–DFFF are left out, as they
    /// are not characters (the text layer writes none: Vietnamese is all in the BMP).
    static let toUnicodeMap: String = {
        let highBytes = (0x00...0xFF).filter { !(0xD8...0xDF).contains($0) }
        var ranges = ""
        for start in stride(from: 0, to: highBytes.count, by: 100) {
            let block = highBytes[start..<min(start + 100, highBytes.count)]
            ranges += "\(block.count) beginbfrange\n"
            for high in block { ranges += String(format: "<%02X00> <%02XFF> <%02X00>\n", high, high, high) }
            ranges += "endbfrange\n"
        }
        return """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange
            \(ranges)endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end

            """
    }()

    private func writeFont(into output: inout PDFOutput) throws {
        try output.object(4, """
            << /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H \
            /DescendantFonts [5 0 R] /ToUnicode 7 0 R >>
            """)
        try output.object(5, """
            << /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont \
            /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> \
            /FontDescriptor 8 0 R /DW 500 /CIDToGIDMap 6 0 R >>
            """)
        // Every CID maps to glyph 1, the font's one blank glyph.
        var map = Data(count: 65536 * 2)
        for index in stride(from: 1, to: map.count, by: 2) { map[index] = 1 }
        try output.stream(6, dictionary: "", data: map, compress: true)
        try output.stream(7, dictionary: "", data: Data(Self.toUnicodeMap.utf8), compress: true)
        try output.object(8, """
            << /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] \
            /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 /FontFile2 9 0 R >>
            """)
        try output.stream(9, dictionary: "/Length1 \(fontProgram.count)", data: fontProgram, compress: false)
    }
}
