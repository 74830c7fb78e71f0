import Foundation

/// The place and date of issue read from a date line (`Hà Nội, ngày 18 tháng 02 năm 2025`).
struct DateLine: Sendable, Equatable {
    /// The place as printed (`Hà Nội`), merged words split.
    var place: String
    /// ISO 8601 calendar date, `YYYY-MM-DD`.
    var date: String
    /// 1 when `ngày`, `tháng` and `năm` were all read; less when the date rests on the numbers alone.
    var quality: Double

    /// Years a document in these archives can carry (the Party's founding is 1930).
    static let plausibleYears = 1900...2100

    /// Parses a date line; nil when it holds no valid calendar date.
    ///
    /// The three numbers after the place are day, month and year; `ngày18` run together,
    /// `2O25` with a letter O, diacritics lost (`ngay 18 thang 02 nam 2025`) are all accepted.
    /// An impossible date (31 February, month 13, year 0025) gives nil: never a guessed date.
    static func parse(_ line: String, splitter: SyllableSplitter = SyllableSplitter()) -> DateLine? {
        let tokens = VietnameseText.normalized(line).split(separator: " ").map(String.init)
        // An exact "ngày" first; a misread one only just before the day's number, because a
        // place such as "Quảng Ngãi" is also one slip away from it.
        let firstNumber = tokens.firstIndex { $0.contains(where: \.isNumber) }
        let keywordIndex = tokens.firstIndex { VietnameseText.skeleton($0).filter(\.isLetter) == "NGAY" }
            ?? firstNumber.flatMap { number in
                if isKeyword(tokens[number], "NGAY") { return number }        // "ngàv18"
                return number > 0 && isKeyword(tokens[number - 1], "NGAY") ? number - 1 : nil
            }
        var placeTokens: [String]
        var dateTokens: [String]
        if let keywordIndex {
            placeTokens = Array(tokens[..<keywordIndex])
            dateTokens = Array(tokens[keywordIndex...])
        } else if let comma = tokens.firstIndex(where: { $0.hasSuffix(",") }) {
            placeTokens = Array(tokens[...comma])
            dateTokens = Array(tokens[(comma + 1)...])
        } else {
            return nil
        }
        // A star or dash from the left column read on the same line is not part of the place.
        while let first = placeTokens.first, !first.contains(where: \.isLetter) { placeTokens.removeFirst() }
        let place = VietnameseText.trimmingPunctuation(splitter.splitWords(in: placeTokens.joined(separator: " ")))

        let numbers = dateTokens.flatMap(digitRuns)
        guard numbers.count >= 3, let day = Int(numbers[0]), let month = Int(numbers[1]), let year = Int(numbers[2]),
              numbers[2].count == 4, plausibleYears.contains(year), (1...12).contains(month),
              day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        var quality = 1.0
        let keywords = ["NGAY", "THANG", "NAM"].filter { keyword in dateTokens.contains { isKeyword($0, keyword) } }
        if keywords.count < 3 { quality = keywords.count == 2 ? 0.85 : 0.7 }
        let exact = ["NGAY", "THANG", "NAM"].filter { keyword in dateTokens.contains { VietnameseText.skeleton($0).filter(\.isLetter) == keyword } }
        quality *= pow(0.95, Double(keywords.count - exact.count))
        if numbers.count > 3 { quality *= 0.8 }
        if place.isEmpty { quality *= 0.9 }
        return DateLine(place: place, date: String(format: "%04d-%02d-%02d", year, month, day), quality: quality)
    }

    /// Whether a token reads as a date keyword (`ngày`, `tháng`, `năm`), allowing one OCR slip
    /// and digits run into it (`ngày18`).
    static func isKeyword(_ token: String, _ keyword: String) -> Bool {
        let letters = VietnameseText.skeleton(token).filter(\.isLetter)
        guard !letters.isEmpty else { return false }
        if letters == keyword { return true }
        return keyword.count >= 4 && letters.count >= keyword.count - 1 && letters.count <= keyword.count + 1
            && VietnameseText.editDistance(Array(letters), Array(keyword)) <= 1
    }

    /// The runs of digits in a token; O/o inside a run of digits is read as 0.
    private static func digitRuns(_ token: String) -> [String] {
        var runs: [String] = []
        var current = ""
        let characters = Array(token)
        for (index, character) in characters.enumerated() {
            let nextIsDigit = index + 1 < characters.count && characters[index + 1].isNumber
            if character.isASCII, character.isNumber {
                current.append(character)
            } else if "Oo".contains(character), !current.isEmpty || nextIsDigit {
                current.append("0")
            } else if !current.isEmpty {
                runs.append(current)
                current = ""
            }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
