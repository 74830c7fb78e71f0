import Foundation

/// Reads the signature block at the right of a document's last page.
///
/// The block is a stack of capitals (authority lines starting with T/M, K/T, T/L — Party — or
/// TM., KT., TL., TUQ. — state — then the signer's position), a blank space for the hand
/// signature and seal, and the signer's name in title case. The name is the last name-like
/// line of the block: seal and signature strokes read as low-confidence junk are ignored.
struct SignatureReader: Sendable {
    var splitter: SyllableSplitter

    init(splitter: SyllableSplitter = SyllableSplitter()) {
        self.splitter = splitter
    }

    /// Prefixes of authority lines, as their letters fold (`T/M`, `TM.`, `K/T`, …).
    static let authorityPrefixes = Set(prefixForms.keys).union(prefixForms.values.map(\.party))

    func read(_ layout: PageLayout) -> SignatureReading {
        var reading = SignatureReading()
        // The signature column: right of the text column's middle, not starting at the margin.
        let candidates = layout.segments.filter { segment in
            segment.zone == .right
                || (layout.columnPosition(segment.centreX) > 0.55 && layout.columnPosition(Double(segment.box.left)) > 0.3)
        }
        guard !candidates.isEmpty else { return reading }
        let millimetre = layout.pixelsPerMillimetre
        func sameColumn(_ a: LayoutSegment, _ b: LayoutSegment) -> Bool { abs(a.centreX - b.centreX) < 40 * millimetre }

        // Anchor on the last authority line; without one, on the last name below capitals.
        let authorityIndices = candidates.indices.filter { Self.isAuthorityLine(candidates[$0].text) }
        var blockStart: Int?
        if let last = authorityIndices.last {
            var first = last
            while let previous = authorityIndices.last(where: { $0 < first }), previous == first - 1 { first = previous }
            blockStart = first
        }
        let nameIndex = candidates.indices.last { index in
            guard name(in: candidates[index]) != nil else { return false }
            guard let start = blockStart else { return true }
            return index > start && sameColumn(candidates[index], candidates[start])
                && layout.millimetres(candidates[index].baseline - candidates[start].baseline) < 90
        }
        if blockStart == nil, let nameIndex {
            // The capitals above the name, up to 60 mm above it (the signature space is about 30 mm).
            var first: Int?
            var index = nameIndex - 1
            while index >= 0 {
                let segment = candidates[index]
                let isCapitals = VietnameseText.upperCaseShare(segment.text) >= 0.75 && segment.text.filter(\.isLetter).count >= 3
                let gap = layout.millimetres(candidates[first ?? nameIndex].baseline - segment.baseline)
                if isCapitals, sameColumn(segment, candidates[nameIndex]), gap < (first == nil ? 60 : 12) {
                    first = index
                } else if first != nil {
                    break
                }
                index -= 1
            }
            blockStart = first
        }

        // The block: authority lines, then position lines, down to the signature space.
        var authority: [LayoutSegment] = []
        var position: [LayoutSegment] = []
        var lastBlockIndex: Int?
        if let blockStart {
            var previous: LayoutSegment?
            for index in blockStart..<(nameIndex ?? candidates.count) {
                let segment = candidates[index]
                if let previous, layout.millimetres(segment.baseline - previous.baseline) > 12 { break }
                guard sameColumn(segment, candidates[blockStart]) else { continue }
                let isCapitals = VietnameseText.upperCaseShare(segment.text) >= 0.75
                if Self.isAuthorityLine(segment.text), position.isEmpty {
                    authority.append(segment)
                } else if isCapitals, segment.text.filter(\.isLetter).count >= 3 {
                    position.append(segment)
                } else {
                    continue      // signature strokes or seal read as text
                }
                previous = segment
                lastBlockIndex = index
            }
        }
        if !authority.isEmpty {
            reading.authority = FieldReading(authority.map { cleaned($0.text) }.joined(separator: "\n"),
                                             confidence: mean(authority.map(\.confidence)))
        }
        if !position.isEmpty {
            reading.signerPosition = FieldReading(position.map { cleaned($0.text) }.joined(separator: " "),
                                                  confidence: mean(position.map(\.confidence)))
        }
        if let nameIndex, let name = name(in: candidates[nameIndex]) {
            let structure = authority.isEmpty && position.isEmpty ? 0.7 : 1.0
            reading.signer = FieldReading(name.text, confidence: name.confidence * structure)
        } else if let lastBlockIndex {
            // A name printed in capitals: the last capitals line below the signature space
            // (15-60 mm under the position line), with less confidence.
            for index in (lastBlockIndex + 1)..<candidates.count {
                let segment = candidates[index]
                let gap = layout.millimetres(segment.baseline - candidates[lastBlockIndex].baseline)
                guard gap <= 60 else { break }
                guard gap >= 15, sameColumn(segment, candidates[lastBlockIndex]), let name = capitalName(in: segment) else { continue }
                reading.signer = FieldReading(name.text, confidence: name.confidence * 0.8)
            }
        }
        return reading
    }

    /// A name in capitals (`NGUYỄN VĂN PHONG`): two to six syllables, none of them a known title.
    func capitalName(in segment: LayoutSegment) -> (text: String, confidence: Double)? {
        let words = segment.words.filter { $0.confidence >= 40 }
        let parts = words.map { VietnameseText.trimmingPunctuation(VietnameseText.normalized($0.text)) }.filter { !$0.isEmpty }
        guard (2...6).contains(parts.count),
              parts.allSatisfy({ $0.allSatisfy { $0.isLetter && $0.isUppercase } && SyllableSplitter.isSyllable(Array($0)) }) else { return nil }
        let line = parts.joined(separator: " ")
        guard !Self.isAuthorityLine(line), HeaderVocabulary.restoredSignatureLine(line) == line,
              !HeaderVocabulary.signaturePhrases.contains(line) else { return nil }
        return (line, mean(words.map(\.confidence)) / 100)
    }

    /// Each authority prefix by its letters, as HD 36 (Party) and NĐ 30 (state) write it.
    static let prefixForms: [String: (party: String, state: String)] = [
        "TM": ("T/M", "TM."), "KT": ("K/T", "KT."), "TL": ("T/L", "TL."), "TUQ": ("T/UQ", "TUQ."),
    ]

    /// `authority` with each line's prefix in its standard form where OCR lost its mark: a bare
    /// `TM`, `KT`, `TL` or `TUQ` is `T/M`, `K/T`, `T/L`, `T/UQ` in a Party document (HD 36) and
    /// `TM.`, `KT.`, `TL.`, `TUQ.` in a state one (NĐ 30). Prefixes read with their mark stay as read.
    /// Marks OCR put before an authority line's prefix (`-T/M`, `__T/M`, `- TM.`: a dash or underscore
    /// from a rule or the stamp; no such line starts with anything but its prefix) are dropped.
    static func standardisingPrefixes(of authority: String, isParty: Bool) -> String {
        authority.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard isAuthorityLine(String(line)) else { return String(line) }
            var words = Array(line.split(separator: " ").map(String.init).drop { !$0.contains(where: \.isLetter) })
            guard let first = words.first else { return String(line) }
            words[0] = String(first.drop { !$0.isLetter })
            if let form = prefixForms[words[0]] { words[0] = isParty ? form.party : form.state }
            return words.joined(separator: " ")
        }.joined(separator: "\n")
    }

    /// A line starting with an authority prefix (`T/M`, `KT.`, …), after any marks read before it.
    static func isAuthorityLine(_ text: String) -> Bool {
        guard let first = VietnameseText.normalized(text).split(separator: " ").first(where: { $0.contains(where: \.isLetter) }) else { return false }
        var prefix = VietnameseText.folded(String(first)).filter { $0.isLetter || $0 == "/" }
        // "TM.ỦY" run together: keep the prefix part only.
        if !authorityPrefixes.contains(prefix), let dot = first.firstIndex(of: ".") {
            prefix = VietnameseText.folded(String(first[..<dot])).filter { $0.isLetter || $0 == "/" }
        }
        return authorityPrefixes.contains(prefix)
    }

    /// The segment read as a person's name: two to six title-case words (`Nguyễn Văn Phong`).
    func name(in segment: LayoutSegment) -> (text: String, confidence: Double)? {
        // Signature strokes next to the name read as short, unsure junk: leave such words out.
        let words = segment.words.filter { $0.confidence >= 40 || $0.text.filter(\.isLetter).count >= 2 }
        let parts = words.flatMap { word in
            splitter.splitWord(VietnameseText.trimmingPunctuation(VietnameseText.normalized(word.text))).split(separator: " ").map(String.init)
        }.filter { !$0.isEmpty }
        guard (2...6).contains(parts.count), parts.allSatisfy(VietnameseText.isTitleCaseWord),
              !Self.notNames.contains(VietnameseText.folded(parts[0])) else { return nil }
        return (parts.joined(separator: " "), mean(words.map(\.confidence)) / 100)
    }

    /// Title-case words that open lines of a signature area but are no one's name.
    private static let notNames: Set<String> = ["NOI", "KINH", "DIEU", "CHUONG", "MUC"]

    private func cleaned(_ text: String) -> String {
        let words = VietnameseText.normalized(text).split(separator: " ").map { splitter.splitWord(String($0)) }
        let line = words.joined(separator: " ")
        return HeaderVocabulary.restoredSignatureLine(VietnameseText.upperCaseShare(line) >= 0.75 ? line.uppercased() : line)
    }

    private func mean(_ values: [Double]) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }
}
