import Foundation

/// Writes one searchable PDF: each page is the original scan image with an invisible text layer.
///
/// The PDF is streamed to a temporary file page by page (only one page image is in memory at a
/// time), hashed while it is written, fsync'd and renamed into place. The output is a pure
/// function of its inputs — no dates or random identifiers — so rebuilding a document after a
/// crash gives the very same bytes and checksum.
public final class SearchablePDFWriter: Sendable {
    private let fontProgram: Data
    private let decoder: PageDecoder

    /// Loads the glyph-less font Tesseract ships (`pdf.ttf` in its tessdata folder).
    public init(tessdataPath: String = TesseractEngine.defaultDataPath, decoder: PageDecoder) throws {
        let fontPath = (tessdataPath as NSString).appendingPathComponent("pdf.ttf")
        guard let font = FileManager.default.contents(atPath: fontPath) else { throw AssemblyError.fontMissing(path: fontPath) }
        fontProgram = font
        self.decoder = decoder
    }

    /// Writes `pages` as one PDF at `url`.
    public func write(_ pages: [PDFPage], info: PDFDocumentInfo, to url: URL) throws -> WrittenPDF {
        let file: DurableFile
        do { file = try DurableFile(destination: url) } catch let error as DurableFileError { throw AssemblyError.writeFailed(error) }
        var output = PDFOutput(file: file)
        var encodings: [String] = []
        do {
            // Fixed object numbers: 1 catalogue, 2 page tree, 3 info, 4–9 font; then three per page;
            // the XMP metadata stream last.
            let pageObject = { (index: Int) in 10 + 3 * index }
            let metadataObject = pageObject(pages.count)
            try output.header()
            try output.object(1, "<< /Type /Catalog /Pages 2 0 R /Metadata \(metadataObject) 0 R >>")
            let kids = pages.indices.map { "\(pageObject($0)) 0 R" }.joined(separator: " ")
            try output.object(2, "<< /Type /Pages /Kids [\(kids)] /Count \(pages.count) >>")
            try output.object(3, info.dictionary)
            try writeFont(into: &output)
            for (index, page) in pages.enumerated() {
                let number = pageObject(index)
                let image = try EmbeddedImage.make(for: page.location, isSingleFrame: page.isSingleFrame,
                                                   compression: page.compression) { try decoder.decode(page.location) }
                encodings.append(image.encoding)
                // The page size follows the image actually embedded; words were read on an image of `page.width`.
                // A page stored sideways or upside down is drawn turned (the image bytes stay as they are),
                // and its page box and words are those of the upright page.
                let scale = 72.0 / Double(max(page.dpi, 1))
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
                              data: Data(info.xmpPacket.utf8), compress: false)
            try output.trailer(objectCount: metadataObject + 1)
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
        let toUnicode = """
            /CIDInit /ProcSet findresource begin
            12 dict begin
            begincmap
            /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
            /CMapName /Adobe-Identity-UCS def
            /CMapType 2 def
            1 begincodespacerange
            <0000> <FFFF>
            endcodespacerange
            1 beginbfrange
            <0000> <FFFF> <0000>
            endbfrange
            endcmap
            CMapName currentdict /CMap defineresource pop
            end
            end

            """
        try output.stream(7, dictionary: "", data: Data(toUnicode.utf8), compress: false)
        try output.object(8, """
            << /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] \
            /ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 /FontFile2 9 0 R >>
            """)
        try output.stream(9, dictionary: "/Length1 \(fontProgram.count)", data: fontProgram, compress: false)
    }
}
