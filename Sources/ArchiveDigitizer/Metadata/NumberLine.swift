import Foundation

/// The number and symbol (số, ký hiệu) read from a document's number line.
///
/// Party documents write `Số 8229-QĐ/TU` (a hyphen before the type, a slash before the issuer);
/// state documents `Số: 1234/QĐ-UBND` (a slash, then type-issuer). OCR adds spaces around the
/// separators, drops the colon or reads it as `;`, reads `Đ` as `D` or `Ð` and `0` as `O`: all
/// of that is tolerated and repaired where the intended text is unambiguous.
struct NumberLine: Sendable, Equatable {
    var number: String
    var symbol: String
    /// How cleanly the line fitted the pattern: 1 for `Số 12-QĐ/TU` as printed, less for repairs.
    var quality: Double
    /// How many space-separated tokens of the line the prefix, number and symbol took.
    var consumedTokens: Int

    /// The document-type abbreviation the symbol starts with (`QĐ` in `QĐ/TU` and `QĐ-UBND`);
    /// nil when the symbol starts with the issuer, as a state công văn's `UBND-NC` does.
    var typeAbbreviation: String? {
        let first = String(symbol.prefix { $0 != "-" && $0 != "/" })
        return DocumentType.forAbbreviation(first) == nil ? nil : first
    }

    /// Parses a line starting with `Số`; nil when the line is something else.
    static func parse(_ line: String) -> NumberLine? {
        // A dash or stray mark OCR read before the line (the rule above it) is skipped.
        let all = VietnameseText.normalized(line).split(separator: " ").map(String.init)
        let skipped = all.prefix { !VietnameseText.hasLetterOrDigit($0) }.count
        let tokens = Array(all.dropFirst(skipped))
        guard var first = tokens.first else { return nil }
        var quality = 1.0
        // A mark of the rule glued to the word (".Số:"), or the S read as a mark ("§ố:").
        if let letter = first.firstIndex(where: { $0.isLetter || $0.isNumber }), letter != first.startIndex {
            first = String(first[letter...])
            quality *= 0.9
        }
        // "ố:" with its S lost, only with its colon ("ố vàng" is a word of running text).
        if first == "ố:" || first == "Ố:" {
            first = "Số:"
            quality *= 0.7
        }
        // "Số", "Số:", "S6:", and "Số:1234/QĐ-UBND" run together.
        let folded = Array(VietnameseText.folded(first))
        guard folded.count >= 2, folded[0] == "S", "O0Q6".contains(folded[1]) else { return nil }
        let afterPrefix = String(first.dropFirst(2)).trimmingCharacters(in: CharacterSet(charactersIn: ":;.,"))
        if !(first == "Số" || first == "Số:") { quality *= 0.9 }
        var pieces: [String] = []
        if !afterPrefix.isEmpty {
            guard afterPrefix.first?.isNumber == true else { return nil }   // "Sở", "Sau": not a number line
            pieces.append(afterPrefix)
        }
        // Glue the tokens of "8229 - QĐ/TU" back together, and stop before what follows the
        // symbol (the date line, when Tesseract read both columns as one line).
        var consumed = 1
        while consumed < tokens.count {
            let token = tokens[consumed]
            let joined = pieces.joined()
            let glues = pieces.isEmpty || joined.allSatisfy(\.isNumber) || joined.hasSuffix("-") || joined.hasSuffix("/")
                || token.hasPrefix("-") || token.hasPrefix("/")
            guard glues else { break }
            pieces.append(token)
            consumed += 1
        }
        let rest = Array(pieces.joined())
        // The number: digits, with O and l/I read for 0 and 1 inside it.
        var index = 0
        var number = ""
        var repaired = false
        while index < rest.count {
            let character = rest[index]
            if character.isASCII, character.isNumber {
                number.append(character)
            } else if "Oo".contains(character), !number.isEmpty {
                number.append("0"); repaired = true
            } else if "lI|".contains(character), !number.isEmpty {
                number.append("1"); repaired = true
            } else {
                break
            }
            index += 1
        }
        guard !number.isEmpty, number.count <= 6 else { return nil }
        if repaired { quality *= 0.85 }
        if index < rest.count, "-/".contains(rest[index]) {
            index += 1
        } else {
            quality *= 0.8
        }
        let symbolText = String(rest[index...]).trimmingCharacters(in: CharacterSet(charactersIn: ".,;:-/_'\"`"))
        guard symbolText.filter(\.isLetter).count >= 2, symbolText.count <= 30 else { return nil }
        let (symbol, symbolQuality) = canonicalSymbol(symbolText)
        return NumberLine(number: number, symbol: symbol, quality: quality * symbolQuality, consumedTokens: skipped + consumed)
    }

    /// Repairs the known abbreviations in a symbol (`QD/TU` → `QĐ/TU`, `TIr-UBND` → `TTr-UBND`);
    /// the quality drops when a part had to be repaired and when no part is a known document type or issuer.
    /// `issuers`: issuer abbreviations seen elsewhere (the same archival file), besides the common ones.
    /// `onlyDoubledLetters`: repair a part only by undoing a doubled letter (for forms seen in the file).
    static func canonicalSymbol(_ symbol: String, issuers: [String] = [], onlyDoubledLetters: Bool = false) -> (String, Double) {
        var quality = 1.0
        var knownParts = 0
        let result = SymbolForms.mappingParts(of: symbol) { part, index in
            // The first part is a type abbreviation (or a state công văn's issuer); later ones issuers.
            let known = index == 0 ? SymbolForms.typeAbbreviations + issuers : DocumentType.issuerAbbreviations + issuers
            if let canonical = DocumentType.canonicalAbbreviation(part) {
                if canonical != part { quality *= 0.9 }
                knownParts += 1
                return canonical
            } else if let repaired = SymbolForms.repaired(part, among: known, onlyDoubledLetters: onlyDoubledLetters) {
                quality *= SymbolForms.repairFactor
                knownParts += 1
                return repaired
            }
            return part
        }
        return (result, knownParts > 0 ? quality : quality * 0.85)
    }
}
