import Foundation

/// Reads a document's metadata from its OCR'd pages: the first page's header, the last page's
/// signature block.
///
/// Works on word boxes, not on the page text: the header's left and right columns are told
/// apart by position. Every value comes with a confidence (`DocumentMetadata.confidence`) made
/// of the OCR confidences of its words and how exactly it matched the expected form; a value
/// that cannot be found is left empty. Pure and thread-safe: one extractor may serve all workers.
public struct MetadataExtractor: Sendable {
    public init() {}

    /// Extracts the metadata of one document from its pages, in page order.
    public func extract(from pages: [AssembledPage]) -> DocumentMetadata {
        var metadata = DocumentMetadata()
        guard let first = pages.first else { return metadata }
        let splitter = SyllableSplitter(extraKnown: Self.syllables(in: pages))
        let header = HeaderReader(splitter: splitter).read(PageLayout(page: first.pdf))
        let signature = signatureBlock(of: pages, splitter: splitter)

        var symbol = header.symbol
        if let repaired = SymbolForms.repaired(symbol.value, byInitialsOf: header.issuer.value) {
            symbol = FieldReading(repaired, confidence: symbol.confidence * SymbolForms.repairFactor)
        }
        if let repaired = SymbolForms.repaired(symbol.value, toTypeNamed: header.docType.value) {
            symbol = FieldReading(repaired, confidence: symbol.confidence * SymbolForms.repairFactor)
        }
        var fields: [String: FieldReading] = [
            "issuer_upper": header.issuerUpper, "issuer": header.issuer, "number": header.number,
            "symbol": symbol, "date": header.date, "place": header.place, "excerpt": header.excerpt,
            "security": header.security, "urgency": header.urgency,
            "signer": signature.signer, "signer_position": signature.signerPosition, "authority": signature.authority,
        ]
        fields["doc_type"] = documentType(header)
        fields["system"] = system(header, signature)

        metadata.system = fields["system"]?.value ?? ""
        metadata.issuerUpper = header.issuerUpper.value
        metadata.issuer = header.issuer.value
        metadata.docType = fields["doc_type"]?.value ?? ""
        metadata.number = header.number.value
        metadata.symbol = symbol.value
        metadata.date = header.date.value
        metadata.place = header.place.value
        metadata.excerpt = header.excerpt.value
        metadata.signer = signature.signer.value
        metadata.signerPosition = signature.signerPosition.value
        metadata.authority = SignatureReader.standardisingPrefixes(of: signature.authority.value, isParty: metadata.system == "party")
        metadata.security = header.security.value
        metadata.urgency = header.urgency.value
        for (key, field) in fields where !field.isEmpty {
            let plausibility = FieldPlausibility.isPlausible(key, FieldReview.value(of: key, in: metadata)) ? 1 : FieldPlausibility.factor
            metadata.confidence[key] = (field.confidence * plausibility * 100).rounded() / 100
        }
        metadata.review = FieldReview.fields(of: metadata).joined(separator: ", ")
        return metadata
    }

    /// Extracts every document of one archival file (pages of each, in order), then reads each
    /// symbol against the issuer abbreviations the file's other documents use: one body's file
    /// holds its own symbols over and over, so `BTCTU` read once as `BTCTTU` is put right.
    /// Only a doubled letter is undone here: bodies of one file differ by a letter (`SNV`, `BNV`).
    public func extract(documents: [[AssembledPage]]) -> [DocumentMetadata] {
        var results = documents.map { extract(from: $0) }
        for index in results.indices where !results[index].symbol.isEmpty {
            let others = results.indices.filter { $0 != index }.flatMap { SymbolForms.parts(of: results[$0].symbol).dropFirst() }
            let issuers = Array(Set(others)).sorted()
            guard !issuers.isEmpty else { continue }
            let (symbol, quality) = NumberLine.canonicalSymbol(results[index].symbol, issuers: issuers, onlyDoubledLetters: true)
            guard symbol != results[index].symbol else { continue }
            results[index].symbol = symbol
            if let confidence = results[index].confidence["symbol"] {
                results[index].confidence["symbol"] = (confidence * min(quality, SymbolForms.repairFactor) * 100).rounded() / 100
            }
            results[index].review = FieldReview.fields(of: results[index]).joined(separator: ", ")
        }
        return results
    }

    /// The type line's type; without one, a công văn when `V/v` or the symbol says so, else the
    /// type the symbol's abbreviation names. Disagreement between line and symbol lowers the confidence.
    private func documentType(_ header: HeaderReading) -> FieldReading {
        let fromSymbol = header.symbolType.isEmpty ? nil : DocumentType.forAbbreviation(header.symbolType)
        if !header.docType.isEmpty {
            var reading = header.docType
            if let fromSymbol, fromSymbol.name != reading.value { reading.confidence *= 0.7 }
            return reading
        }
        let letter = DocumentType.officialLetter
        if header.hasSubjectLine {
            return FieldReading(letter.name, confidence: max(header.excerpt.confidence, header.symbol.confidence) * (fromSymbol.map { $0 == letter ? 1 : 0.7 } ?? 1))
        }
        if let fromSymbol {
            return FieldReading(fromSymbol.name, confidence: header.symbol.confidence * (fromSymbol == letter ? 1 : 0.6))
        }
        // A state symbol that starts with the issuer (`UBND-NC`) is a công văn's.
        if header.hasNumberLine, header.symbol.value.contains("-") {
            return FieldReading(letter.name, confidence: header.symbol.confidence * 0.6)
        }
        return FieldReading()
    }

    /// The header's system; without motto or number, the signature's prefixes (`T/M` Party, `TM.` state).
    private func system(_ header: HeaderReading, _ signature: SignatureReading) -> FieldReading {
        if !header.system.isEmpty { return header.system }
        guard !signature.authority.isEmpty else { return FieldReading() }
        let isParty = signature.authority.value.contains("/")
        return FieldReading(isParty ? "party" : "state", confidence: 0.6 * signature.authority.confidence)
    }

    /// The signature block of the last page; failing that, of an earlier page (a document that
    /// ends with an appendix), where only a complete block (title lines and name) is accepted.
    private func signatureBlock(of pages: [AssembledPage], splitter: SyllableSplitter) -> SignatureReading {
        let reader = SignatureReader(splitter: splitter)
        for (offset, page) in pages.reversed().enumerated() {
            let reading = reader.read(PageLayout(page: page.pdf))
            if offset == 0, !reading.isEmpty { return reading }
            if !reading.signer.isEmpty, !reading.authority.isEmpty || !reading.signerPosition.isEmpty { return reading }
        }
        return SignatureReading()
    }

    /// Single syllables seen on the document's pages: they guide the splitting of merged words.
    static func syllables(in pages: [AssembledPage]) -> Set<String> {
        var result = Set<String>()
        for page in pages {
            for word in page.pdf.words where word.confidence >= 80 {
                let letters = VietnameseText.trimmingPunctuation(word.text)
                guard (2...7).contains(letters.count), letters.allSatisfy(\.isLetter), VietnameseText.toneMarkCount(letters) <= 1,
                      SyllableSplitter.isSyllable(Array(letters)) else { continue }
                result.insert(letters.uppercased())
            }
        }
        return result
    }
}
