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

    /// The abbreviation a body's name makes of its words' first letters, `VÀ` left out, as bodies
    /// name themselves in symbols (`SGDĐT` for SỞ GIÁO DỤC VÀ ĐÀO TẠO, `BTGTU` for BAN TUYÊN GIÁO
    /// THÀNH ỦY, `VTLTNN` for VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC); "" for a name of fewer than three
    /// words, or one with a word that is no Vietnamese syllable (the name itself misread).
    static func initials(of issuer: String) -> String {
        let words = issuer.split(whereSeparator: { !$0.isLetter }).filter { $0 != "VÀ" }
        guard words.count >= 3,
              words.allSatisfy({ VietnameseWordModel.key(String($0), lexicon: VietnameseLexicon.shared) != nil }) else { return "" }
        return String(words.compactMap { word in word.first.map { $0 == "Đ" ? "Đ" : VietnameseText.foldedCharacters(String($0))[0] } })
    }

    /// `symbol` with a part that is one OCR slip from the issuer's own initials (`SGDDT`, `VILTNN`,
    /// `VTTLTNN`) read as them; nil when no part is. The initials are taken with and without the
    /// name's first word (CỤC VĂN THƯ VÀ LƯU TRỮ NHÀ NƯỚC signs `VTLTNN`). A part that is itself a
    /// standard type or issuer abbreviation stays: the symbol is then more likely right than the issuer line.
    static func repaired(_ symbol: String, byInitialsOf issuer: String) -> String? {
        let initials = initials(of: issuer)
        guard initials.count >= 3 else { return nil }
        let forms = initials.count >= 4 ? [initials, String(initials.dropFirst())] : [initials]
        let standard = Set(typeAbbreviations + DocumentType.issuerAbbreviations)
        var changed = false
        let result = mappingParts(of: symbol) { part, _ in
            guard !standard.contains(part), let form = repaired(part, among: forms) else { return part }
            changed = true
            return form
        }
        return changed ? result : nil
    }

    /// `symbol` with its first part read as the abbreviation of the type its type line names, when
    /// that part is no known form and one letter from it (`KI/TU` under KẾT LUẬN is `KL/TU`, `CI/TU`
    /// under CHỈ THỊ `CT/TU`); nil otherwise. The standards make the two agree, and
    /// the type line, in large capitals, is read far more surely than the symbol. Two-letter parts
    /// are repaired here, unlike in `repaired(_:among:)`: the type line names the one form allowed.
    static func repaired(_ symbol: String, toTypeNamed typeName: String) -> String? {
        guard let type = DocumentType.all.first(where: { $0.name == typeName }),
              let first = parts(of: symbol).first, first.count >= 2, first.allSatisfy(\.isLetter),
              !typeAbbreviations.contains(first), !DocumentType.issuerAbbreviations.contains(first),
              DocumentType.canonicalAbbreviation(first) == nil else { return nil }
        let near = type.abbreviations.filter { form in
            form.count == first.count && zip(first, form).filter { $0 != $1 }.count == 1
        }
        guard near.count == 1, let form = near.first else { return nil }
        return mappingParts(of: symbol) { part, index in index == 0 ? form : part }
    }

    /// `symbol` with each part between its `-` and `/` separators replaced by `transform(part,
    /// index)` (the index counts parts from 0), the separators kept where they were.
    static func mappingParts(of symbol: String, _ transform: (String, Int) -> String) -> String {
        var result = "", part = "", index = 0
        func flush() {
            guard !part.isEmpty else { return }
            result += transform(part, index)
            index += 1
            part = ""
        }
        for character in symbol {
            if character == "-" || character == "/" {
                flush()
                result.append(character)
            } else {
                part.append(character)
            }
        }
        flush()
        return result
    }

    /// Every type abbreviation of the two standards.
    static var typeAbbreviations: [String] { DocumentType.all.flatMap(\.abbreviations) }

    /// The parts of a symbol between its `-` and `/` separators.
    static func parts(of symbol: String) -> [String] {
        symbol.split(whereSeparator: { $0 == "-" || $0 == "/" }).map(String.init)
    }
}
