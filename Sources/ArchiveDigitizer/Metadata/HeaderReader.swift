import Foundation

/// Reads the header of a document's first page from its word boxes.
///
/// The layout both standards prescribe: a left column with the issuing body (and its superior
/// body above it), `*` for Party documents, the number `Số …`, and for a công văn the `V/v`
/// excerpt; a right column with the motto and the date line; then, centred, the type line and
/// the excerpt. The columns are told apart by x position, not by Tesseract's blocks, because
/// Tesseract often reads both columns as one line.
struct HeaderReader: Sendable {
    var splitter: SyllableSplitter

    init(splitter: SyllableSplitter = SyllableSplitter()) {
        self.splitter = splitter
    }

    static let partyMotto = VietnameseText.skeleton("ĐẢNG CỘNG SẢN VIỆT NAM")
    static let stateMottos = [VietnameseText.skeleton("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                              VietnameseText.skeleton("Độc lập - Tự do - Hạnh phúc")]

    func read(_ layout: PageLayout) -> HeaderReading {
        var reading = HeaderReading()
        let segments = refined(layout.segments.filter { layout.verticalPosition($0.box.top) < 0.5 }, in: layout)
        var used = Set<Int>()
        func top(_ share: Double) -> Int { Int(share * Double(layout.height)) }

        // Motto: which system the document belongs to.
        var isParty = false, isState = false
        var mottoConfidence = 0.0
        for (index, segment) in segments.enumerated() where segment.box.top < top(0.25) {
            let skeleton = VietnameseText.skeleton(segment.text)
            let party = VietnameseText.similarity(skeleton, Self.partyMotto)
            let state = Self.stateMottos.map { VietnameseText.similarity(skeleton, $0) }.max() ?? 0
            if max(party, state) >= 0.75 {
                used.insert(index)
                if party > state { isParty = true } else { isState = true }
                mottoConfidence = max(mottoConfidence, max(party, state) * segment.confidence)
            }
        }
        reading.hasMotto = isParty || isState

        // Number line: `Số …` in the left column (or centred, never in the right one).
        let numberCandidates = segments.indices.filter { segments[$0].box.top < top(0.4) && segments[$0].zone != .right && !used.contains($0) }
        var numberIndex: Int?
        var numberLine: NumberLine?
        for preferred in [LayoutZone.left, .centre] {
            for index in numberCandidates where segments[index].zone == preferred {
                if let parsed = NumberLine.parse(segments[index].text) {
                    numberIndex = index
                    numberLine = parsed
                    break
                }
            }
            if numberIndex != nil { break }
        }
        if let numberIndex, let numberLine {
            used.insert(numberIndex)
            let confidence = segments[numberIndex].confidence * numberLine.quality
            reading.number = FieldReading(numberLine.number, confidence: confidence)
            reading.symbol = FieldReading(numberLine.symbol, confidence: confidence)
            reading.symbolType = numberLine.typeAbbreviation ?? ""
            reading.hasNumberLine = true
        }
        let numberBaseline = numberIndex.map { segments[$0].baseline }

        // Type line: centred capitals under the number that read as a document type.
        var typeIndex: Int?
        for (index, segment) in segments.enumerated() where !used.contains(index) && segment.zone == .centre {
            guard segment.box.top < top(0.45), segment.baseline > (numberBaseline ?? 0), segment.words.count <= 4,
                  VietnameseText.upperCaseShare(segment.text) >= 0.6,
                  let match = DocumentType.matchingTypeLine(segment.text) else { continue }
            typeIndex = index
            used.insert(index)
            reading.docType = FieldReading(match.type.name, confidence: match.similarity * segment.confidence)
            reading.hasTypeLine = true
            break
        }
        let typeTop = typeIndex.map { segments[$0].box.top } ?? top(0.35)

        // Date line: right column above the type line; centred only if it does not start at the margin.
        dateSearch: for zone in [LayoutZone.right, .centre] {
            for (index, segment) in segments.enumerated() where !used.contains(index) && segment.zone == zone {
                guard segment.box.top < min(typeTop, top(0.35)) else { continue }
                if zone == .centre, layout.columnPosition(Double(segment.box.left)) < 0.2 { continue }
                // A date line broken over two lines ("Hà Nội, ngày 18 tháng 02" / "năm 2025")
                // is read with the line right under it.
                var parsed = DateLine.parse(segment.text, splitter: splitter)
                var continuation: Int?
                if parsed == nil, let next = dateContinuation(of: index, in: segments, layout: layout, used: used),
                   let joined = DateLine.parse(segment.text + " " + segments[next].text, splitter: splitter) {
                    parsed = joined
                    continuation = next
                }
                guard let parsed else { continue }
                used.insert(index)
                if let continuation { used.insert(continuation) }
                let confidence = segment.confidence * parsed.quality
                reading.date = FieldReading(parsed.date, confidence: confidence)
                reading.place = FieldReading(parsed.place, confidence: confidence * (parsed.place.isEmpty ? 0 : 1))
                reading.hasDateLine = true
                break dateSearch
            }
        }

        // Security and urgency marks: a line of their own above the type line. A stamped mark is
        // often read as pieces side by side ("TUYỆT" | "MIẬT", "TỔI" | "MẬT", "THƯỢNG RK" | "HẨN"):
        // pieces on one baseline are read together first, then one by one.
        let markCandidates = segments.indices.filter { !used.contains($0) && segments[$0].box.top < typeTop }
        for group in Self.sideBySide(markCandidates, in: segments, layout: layout) {
            for piece in group.count > 1 ? [group] + group.map({ [$0] }) : [group] {
                let text = piece.map { segments[$0].text }.joined(separator: " ")
                guard let mark = MarkReader.mark(in: text) else { continue }
                let confidence = piece.map { segments[$0].confidence }.reduce(0, +) / Double(piece.count)
                let field = FieldReading(mark.text, confidence: mark.quality * confidence)
                switch mark.kind {
                case .security where field.confidence > reading.security.confidence: reading.security = field
                case .urgency where field.confidence > reading.urgency.confidence: reading.urgency = field
                default: continue
                }
                used.formUnion(piece)
                break
            }
        }

        // Issuer: the left column's lines above the number (or above the type line).
        let issuerBottom = numberIndex.map { segments[$0].box.top + 1 } ?? min(typeTop, top(0.2))
        var issuerLines: [(text: String, confidence: Double)] = []
        for (index, segment) in segments.enumerated() where !used.contains(index) && segment.zone == .left {
            guard segment.baseline < issuerBottom, segment.box.top < top(0.25) else { continue }
            let words = segment.words.filter { VietnameseText.hasLetterOrDigit($0.text) }
            guard !words.isEmpty else { continue }
            let text = cleanedHeaderLine(words)
            guard text.count >= 2, VietnameseText.upperCaseShare(text) >= 0.6 else { continue }
            used.insert(index)
            issuerLines.append((text, segment.confidence))
        }
        reading.hasIssuerLines = !issuerLines.isEmpty

        // Excerpt: centred lines under the type line, or the left column's `V/v` lines of a công văn.
        if let typeIndex {
            reading.excerpt = excerptUnderTypeLine(segments, typeIndex: typeIndex, layout: layout, used: &used)
        } else if let numberIndex {
            reading.excerpt = subjectLine(segments, numberIndex: numberIndex, layout: layout, used: &used)
            reading.hasSubjectLine = !reading.excerpt.isEmpty
        }

        // System: the motto decides; without one, the number's shape (Party `12-QĐ/TU`, state
        // `12/QĐ-UBND`), then the issuer's lines (`ĐẢNG BỘ …`, `… ỦY`).
        if isParty || isState {
            reading.system = FieldReading(isParty ? "party" : "state", confidence: mottoConfidence)
        } else if let numberLine {
            let party = numberLine.symbol.contains("/") && !numberLine.symbol.contains("-")
            reading.system = FieldReading(party ? "party" : "state", confidence: 0.6 * numberLine.quality)
        } else if !issuerLines.isEmpty {
            let party = Self.isPartyHeader(issuerLines.map(\.text))
            reading.system = FieldReading(party ? "party" : "state", confidence: 0.5 * (issuerLines.first?.confidence ?? 0))
        }
        assignIssuer(issuerLines, isParty: reading.system.isEmpty ? Self.isPartyHeader(issuerLines.map(\.text)) : reading.system.value == "party",
                     to: &reading)

        reading.hasPageNumberAtTop = segments.contains { segment in
            let skeleton = VietnameseText.skeleton(segment.text)
            return segment.box.top < top(0.12) && segment.zone == .centre && segment.words.count <= 2
                && (1...3).contains(skeleton.count) && skeleton.allSatisfy(\.isNumber)
        }
        return reading
    }

    // MARK: - Date line

    /// The segment that continues a date line cut short: the next one below it (within about two
    /// lines' pitch) that overlaps it across the page and starts with a date keyword or a number.
    func dateContinuation(of index: Int, in segments: [LayoutSegment], layout: PageLayout, used: Set<Int>) -> Int? {
        let segment = segments[index]
        let tokens = segment.text.split(separator: " ").map(String.init)
        guard tokens.contains(where: { DateLine.isKeyword($0, "NGAY") || DateLine.isKeyword($0, "THANG") }) else { return nil }
        return segments.indices.first { other in
            guard other != index, !used.contains(other) else { return false }
            let candidate = segments[other]
            let pitch = layout.millimetres(candidate.baseline - segment.baseline)
            guard pitch > 2, pitch < 14, candidate.box.left < segment.box.right, candidate.box.right > segment.box.left,
                  let first = candidate.text.split(separator: " ").first else { return false }
            return DateLine.isKeyword(String(first), "NAM") || DateLine.isKeyword(String(first), "THANG") || first.first?.isNumber == true
        }
    }

    // MARK: - Marks

    /// `indices` of `segments` gathered into runs that sit side by side on one baseline (within
    /// 2.5 mm, in one zone, less than 15 mm apart), each run left to right; the runs top to bottom.
    static func sideBySide(_ indices: [Int], in segments: [LayoutSegment], layout: PageLayout) -> [[Int]] {
        var runs: [[Int]] = []
        for index in indices.sorted(by: { segments[$0].baseline < segments[$1].baseline }) {
            let segment = segments[index]
            if let run = runs.last, let last = run.last, segments[last].zone == segment.zone,
               layout.millimetres(abs(segment.baseline - segments[last].baseline)) <= 2.5,
               run.allSatisfy({ layout.millimetres(max(segments[$0].box.left - segment.box.right, segment.box.left - segments[$0].box.right)) < 15 }) {
                runs[runs.count - 1].append(index)
            } else {
                runs.append([index])
            }
        }
        return runs.map { $0.sorted { segments[$0].box.left < segments[$1].box.left } }
    }

    // MARK: - Issuer

    /// Splits the left column's lines into the superior body (issuer_upper) and the issuer.
    ///
    /// Party (HD 36): with two or more lines the first is the superior body (`ĐẢNG BỘ THÀNH PHỐ
    /// HÀ NỘI` over `THÀNH ỦY`); a single line is the issuer (`BAN CHẤP HÀNH TRUNG ƯƠNG`).
    /// State (NĐ 30): the first line is the superior body (`UBND THÀNH PHỐ HÀ NỘI` over `SỞ NỘI
    /// VỤ`) unless the second line continues it, as a place name continues a body without a
    /// superior (`ỦY BAN NHÂN DÂN` / `THÀNH PHỐ HÀ NỘI` is one issuer, no issuer_upper).
    /// Lines after the issuer's first line are the issuer's name wrapped (`CỤC VĂN THƯ VÀ LƯU TRỮ` / `NHÀ NƯỚC`).
    /// A state body and its place on two lines over a third that names another body are the superior
    /// body over the issuer (`UBND` / `TỈNH BẮC NINH` over `SỞ NỘI VỤ`).
    private func assignIssuer(_ lines: [(text: String, confidence: Double)], isParty: Bool, to reading: inout HeaderReading) {
        guard let first = lines.first else { return }
        let systemFactor = reading.system.isEmpty ? 0.85 : 1
        // Lines joined into one field, at their mean confidence.
        func field(_ part: ArraySlice<(text: String, confidence: Double)>) -> FieldReading {
            FieldReading(part.map(\.text).joined(separator: " "), confidence: part.map(\.confidence).reduce(0, +) / Double(part.count) * systemFactor)
        }
        var upperCount = 1
        if lines.count == 1 || (!isParty && Self.continues(first.text, with: lines[1].text)) {
            guard !isParty, lines.count >= 3, !Self.continues(lines[1].text, with: lines[2].text), Self.startsBody(lines[2].text) else {
                reading.issuer = field(lines[...])
                return
            }
            upperCount = 2
        }
        reading.issuerUpper = field(lines.prefix(upperCount))
        reading.issuer = field(lines.dropFirst(upperCount))
    }

    /// Whether header lines name Party bodies: `ĐẢNG BỘ …`, `ĐẢNG ỦY …`, `THÀNH ỦY`, `BAN CHẤP HÀNH TRUNG ƯƠNG`.
    static func isPartyHeader(_ lines: [String]) -> Bool {
        lines.contains { line in
            let folded = VietnameseText.folded(line)
            return folded.hasPrefix("DANG ") || folded.hasSuffix(" UY") || folded == "BAN CHAP HANH TRUNG UONG"
        }
    }

    /// Words that start a place name (a unit of administration) or continue a phrase.
    private static let continuationWords = ["TỈNH", "THÀNH PHỐ", "QUẬN", "HUYỆN", "THỊ XÃ", "XÃ", "PHƯỜNG", "THỊ TRẤN",
                                            "ĐẶC KHU", "VÀ", "CỦA", "TRUNG ƯƠNG"].map(VietnameseText.folded)
    /// Bodies named without their place on the first line.
    private static let bodiesWithoutPlace = ["ỦY BAN NHÂN DÂN", "HỘI ĐỒNG NHÂN DÂN", "UBND", "HĐND"].map(VietnameseText.skeleton)

    /// Words that open the name of a state body under a superior one (NĐ 30's issuers).
    private static let bodyStartWords = ["SỞ", "BAN", "PHÒNG", "CỤC", "CHI CỤC", "TỔNG CỤC", "VỤ", "VĂN PHÒNG", "TRUNG TÂM",
                                         "THANH TRA", "BỘ", "ỦY BAN", "HỘI ĐỒNG"].map(VietnameseText.folded)

    /// Whether a header line opens the name of a body (`SỞ NỘI VỤ`, `VĂN PHÒNG`), not a place.
    static func startsBody(_ line: String) -> Bool {
        opens(line, withOneOf: bodyStartWords)
    }

    static func continues(_ first: String, with second: String) -> Bool {
        bodiesWithoutPlace.contains(VietnameseText.skeleton(first)) || opens(second, withOneOf: continuationWords)
    }

    /// Whether `line`, folded, is one of the folded `words` or starts with one and a space.
    private static func opens(_ line: String, withOneOf words: [String]) -> Bool {
        let folded = VietnameseText.folded(line)
        return words.contains { folded == $0 || folded.hasPrefix($0 + " ") }
    }

    /// A header line with merged words split, stray punctuation dropped, the diacritics of known
    /// phrases restored and capitals throughout.
    private func cleanedHeaderLine(_ words: [RecognizedWord]) -> String {
        let pieces = words.flatMap { word -> [String] in
            let trimmed = VietnameseText.trimmingPunctuation(VietnameseText.normalized(word.text))
            return splitter.splitWord(trimmed).split(separator: " ").map(String.init)
        }.filter { !$0.isEmpty }
        let line = pieces.joined(separator: " ")
        return VietnameseText.upperCaseShare(line) >= 0.6 ? HeaderVocabulary.restoredIssuerLine(line.uppercased()) : line
    }
}
