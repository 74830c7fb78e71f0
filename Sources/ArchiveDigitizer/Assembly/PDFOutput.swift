import Foundation

/// The low-level PDF syntax: numbered objects, streams, the cross-reference table and trailer.
///
/// Objects may be written in any order; their byte offsets are remembered for the xref table.
/// Everything written is also fed to a SHA-256 so the checksum costs no second read.
struct PDFOutput: ~Copyable {
    private let file: DurableFile
    private var offsets: [Int: Int] = [:]
    private var hasher = Hasher256()

    init(file: DurableFile) { self.file = file }

    private mutating func emit(_ data: Data) throws {
        try file.append(data)
        hasher.update(data)
    }

    private mutating func emit(_ text: String) throws { try emit(Data(text.utf8)) }

    mutating func header() throws {
        try emit(Data("%PDF-1.5\n%".utf8) + Data([0xE2, 0xE3, 0xCF, 0xD3, 0x0A]))
    }

    mutating func object(_ number: Int, _ body: String) throws {
        offsets[number] = file.count
        try emit("\(number) 0 obj\n\(body)\nendobj\n")
    }

    /// Writes a stream object; `compress` deflates it (zlib, through `Deflate`).
    mutating func stream(_ number: Int, dictionary: String, data: Data, compress: Bool) throws {
        var payload = data
        var filter = ""
        if compress, let deflated = Self.deflate(data) {
            payload = deflated
            filter = " /Filter /FlateDecode"
        }
        offsets[number] = file.count
        try emit("\(number) 0 obj\n<< \(dictionary) /Length \(payload.count)\(filter) >>\nstream\n")
        try emit(payload)
        try emit("\nendstream\nendobj\n")
    }

    /// Writes the xref table and trailer for objects 1..<objectCount.
    mutating func trailer(objectCount: Int) throws {
        let start = file.count
        var table = "xref\n0 \(objectCount)\n0000000000 65535 f \n"
        for number in 1..<objectCount {
            table += String(format: "%010d 00000 n \n", offsets[number] ?? 0)
        }
        table += "trailer\n<< /Size \(objectCount) /Root 1 0 R /Info 3 0 R >>\nstartxref\n\(start)\n%%EOF\n"
        try emit(table)
    }

    /// The lower-case hex SHA-256 of everything written.
    consuming func finishDigest() -> String { hasher.finalizeHex() }

    static func deflate(_ data: Data) -> Data? { Deflate.compress(data) }
}

extension PDFDocumentInfo {
    /// The Info dictionary, strings as UTF-16BE so Vietnamese survives every reader.
    var dictionary: String {
        var entries = ["/Producer \(Self.text("digitize — ArchiveDigitizer"))", "/Creator \(Self.text("digitize"))"]
        if !title.isEmpty { entries.append("/Title \(Self.text(title))") }
        if !subject.isEmpty { entries.append("/Subject \(Self.text(subject))") }
        if !author.isEmpty { entries.append("/Author \(Self.text(author))") }
        if !keywords.isEmpty { entries.append("/Keywords \(Self.text(keywords))") }
        return "<< " + entries.joined(separator: " ") + " >>"
    }

    /// A PDF text string: UTF-16BE with byte-order mark, hex-encoded (no escaping pitfalls).
    static func text(_ value: String) -> String {
        "<FEFF" + value.utf16.map { String(format: "%04X", $0) }.joined() + ">"
    }
}

extension PDFDocumentInfo {
    /// The same description as the Info dictionary, as an XMP packet (Dublin Core and Adobe PDF
    /// schemas): what archival systems and PDF/A validators read. Text is escaped; no creation
    /// date is written, so a document rebuilt after a crash is byte-identical.
    var xmpPacket: String {
        let e = MarkupText.escape
        var fields: [String] = []
        if !title.isEmpty {
            fields.append("<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">\(e(title))</rdf:li></rdf:Alt></dc:title>")
        }
        if !author.isEmpty { fields.append("<dc:creator><rdf:Seq><rdf:li>\(e(author))</rdf:li></rdf:Seq></dc:creator>") }
        if !subject.isEmpty {
            fields.append("<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">\(e(subject))</rdf:li></rdf:Alt></dc:description>")
        }
        if !date.isEmpty { fields.append("<dc:date><rdf:Seq><rdf:li>\(e(date))</rdf:li></rdf:Seq></dc:date>") }
        if !identifier.isEmpty { fields.append("<dc:identifier>\(e(identifier))</dc:identifier>") }
        fields.append("<dc:language><rdf:Bag><rdf:li>\(e(language))</rdf:li></rdf:Bag></dc:language>")
        fields.append("<dc:format>application/pdf</dc:format>")
        if !keywords.isEmpty { fields.append("<pdf:Keywords>\(e(keywords))</pdf:Keywords>") }
        fields.append("<pdf:Producer>digitize — ArchiveDigitizer</pdf:Producer>")
        return """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/">
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            \(fields.joined(separator: "\n"))
            </rdf:Description>
            </rdf:RDF>
            </x:xmpmeta>
            <?xpacket end="r"?>
            """
    }
}
