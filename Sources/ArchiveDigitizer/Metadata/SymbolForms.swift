import Foundation

/// The parts a symbol (ký hiệu) may be made of, as the standards list them, and the repair of a
/// part OCR misread by one letter.
///
/// HD 36-HD/VPTW and NĐ 30/2020 (Phụ lục III) fix the type abbreviations (`QĐ`, `TTr`, `CT` …);
/// issuer abbreviations (`TU`, `UBND`, `SNV` …) are whatever the body uses, so the ones that
/// count are those seen elsewhere in the same archival file. OCR doubles a letter (`QĐĐ`,
/// `ĐĐU`) or misreads one (`TIr` for `TTr`): a part that is not a known form but is one edit away
/// from exactly one known form is read as that form, and the reading's confidence is lowered.
enum SymbolForms {
    /// How much a repaired part lowers the symbol's confidence.
    static let repairFactor = 0.75

    /// The known form `part` is one OCR slip away from, or nil when none or more than one is.
    ///
    /// A doubled letter dropped (`QĐĐ` → `QĐ`) is preferred over any other slip, since it is the
    /// one this model makes most; otherwise exactly one form may differ by one letter.
    static func repaired(_ part: String, among known: [String], onlyDoubledLetters: Bool = false) -> String? {
        guard part.count >= 2, !known.contains(part), part.allSatisfy(\.isLetter) else { return nil }
        let characters = Array(part)
        var undoubled = Set<String>()
        for index in 1..<characters.count where characters[index] == characters[index - 1] {
            var shorter = characters
            shorter.remove(at: index)
            let form = String(shorter)
            if known.contains(form) { undoubled.insert(form) }
        }
        if undoubled.count == 1 { return undoubled.first }
        // Otherwise one letter misread, on parts of three letters or more: two-letter issuer parts
        // (`TU`, `QU`, `HU`) are each one letter from the others. Only substitutions: a letter
        // dropped or added would turn a body's own abbreviation (`STC`) into a type (`TC`).
        guard characters.count >= 3, !onlyDoubledLetters else { return nil }
        let near = Set(known.filter { form in
            form.count == characters.count && zip(characters, form).filter { $0 != $1 }.count == 1
        })
        return near.count == 1 ? near.first : nil
    }

    /// Every type abbreviation of the two standards.
    static var typeAbbreviations: [String] { DocumentType.all.flatMap(\.abbreviations) }

    /// The parts of a symbol between its `-` and `/` separators.
    static func parts(of symbol: String) -> [String] {
        symbol.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
    }
}
