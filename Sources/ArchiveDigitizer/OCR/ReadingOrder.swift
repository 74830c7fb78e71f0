import Foundation

/// Puts side-by-side blocks in reading order: the left block, then the right one.
///
/// Why: Vietnamese documents open with two header blocks side by side — the issuer at the left,
/// the national or Party motto and the date line at the right — separated by a narrow gutter, and
/// close with “Nơi nhận” beside the signature. Tesseract's layout analysis often takes one row of
/// both blocks as a single text line (“THÀNH ỦY Hà Nội, ngày…”), which interleaves the two
/// blocks line by line and breaks the issuer, the number and the date for metadata extraction.
///
/// How: a line is *split* when one gap between its words is far wider than its other gaps and at
/// least as wide as the text is tall. A run of consecutive lines that each are split at a shared
/// gutter, or lie wholly on one side of it, is a two-column region (it needs a split line and two
/// lines); a line that crosses the gutter (body text, a centred title) ends it. Inside a region,
/// the left parts come first, then the right parts, each side its own block. Everything else
/// keeps Tesseract's order. Word boxes are not changed, only their order and line/block numbers.
enum ReadingOrder {
    /// Reorders `words` (Tesseract's reading order) and renumbers lines and blocks.
    static func arrange(_ words: [RecognizedWord]) -> [RecognizedWord] {
        let lines = group(words)
        var output: [[RecognizedWord]] = []
        var blockKeys: [String] = []
        var index = 0
        var regionNumber = 0
        while index < lines.count {
            if let region = region(startingAt: index, in: lines) {
                regionNumber += 1
                var left: [[RecognizedWord]] = [], right: [[RecognizedWord]] = []
                for line in lines[index..<region.end] {
                    let leftPart = line.filter { Double($0.box.left + $0.box.right) / 2 < region.gutter }
                    let rightPart = line.filter { Double($0.box.left + $0.box.right) / 2 >= region.gutter }
                    if !leftPart.isEmpty { left.append(leftPart) }
                    if !rightPart.isEmpty { right.append(rightPart) }
                }
                output += left; blockKeys += Array(repeating: "r\(regionNumber)L", count: left.count)
                output += right; blockKeys += Array(repeating: "r\(regionNumber)R", count: right.count)
                index = region.end
            } else {
                output.append(lines[index])
                blockKeys.append("b\(lines[index][0].block)")
                index += 1
            }
        }
        var result: [RecognizedWord] = []
        var block = -1
        for (lineNumber, line) in output.enumerated() {
            if lineNumber == 0 || blockKeys[lineNumber] != blockKeys[lineNumber - 1] { block += 1 }
            for var word in line {
                word.line = lineNumber
                word.block = block
                result.append(word)
            }
        }
        return result
    }

    /// The page text from words: a line per line, a blank line between blocks and paragraphs.
    static func text(of words: [RecognizedWord]) -> String {
        var out = ""
        var previous: RecognizedWord?
        for word in words {
            if let previous {
                if word.block != previous.block || word.paragraph != previous.paragraph {
                    out += "\n\n"
                } else if word.line != previous.line {
                    out += "\n"
                } else {
                    out += " "
                }
            }
            out += word.text
            previous = word
        }
        return out
    }

    /// Lines in Tesseract's order, each sorted left to right.
    static func group(_ words: [RecognizedWord]) -> [[RecognizedWord]] {
        var lines: [[RecognizedWord]] = []
        for word in words {
            if let last = lines.last?.last, last.line == word.line, last.block == word.block {
                lines[lines.count - 1].append(word)
            } else {
                lines.append([word])
            }
        }
        return lines.map { $0.sorted { $0.box.left < $1.box.left } }
    }

    /// The widest gap of a line when it splits the line in two: its left and right edges.
    static func split(of line: [RecognizedWord]) -> (left: Int, right: Int)? {
        guard line.count >= 2 else { return nil }
        let gaps = zip(line, line.dropFirst()).map { (left: $0.box.right, right: $1.box.left) }
        let widths = gaps.map { $0.right - $0.left }
        guard let widest = widths.indices.max(by: { widths[$0] < widths[$1] }) else { return nil }
        let height = TextLayer.median(line.map { Double($0.box.height) })
        let others = widths.enumerated().filter { $0.offset != widest }.map { Double($0.element) }
        let width = Double(widths[widest])
        // Two words with one gap: nothing to compare with, so the gap must be plainly a gutter.
        guard !others.isEmpty || width >= 2 * height else { return nil }
        guard width >= height, width >= 3 * max(TextLayer.median(others), 1) else { return nil }
        return gaps[widest]
    }

    /// The two-column region that starts with line `start`: where it ends (exclusive) and its gutter.
    static func region(startingAt start: Int, in lines: [[RecognizedWord]]) -> (end: Int, gutter: Double)? {
        guard let first = split(of: lines[start]) else { return nil }
        var gutter = first
        var end = start + 1
        var previousBottom = lines[start].map(\.box.bottom).max() ?? 0
        while end < lines.count {
            let line = lines[end]
            let top = line.map(\.box.top).min() ?? 0
            let height = TextLayer.median(line.map { Double($0.box.height) })
            // Lines far below the region (past a blank band) start something else.
            guard Double(top - previousBottom) < 4 * height else { break }
            let left = line.map(\.box.left).min() ?? 0, right = line.map(\.box.right).max() ?? 0
            if let gap = split(of: line), gap.left < gutter.right, gap.right > gutter.left {
                gutter = (max(gutter.left, gap.left), min(gutter.right, gap.right))
            } else if Double(right) <= Double(gutter.left + gutter.right) / 2 || Double(left) >= Double(gutter.left + gutter.right) / 2 {
                // wholly on one side of the gutter's middle (a centred title is not)
            } else {
                break
            }
            previousBottom = max(previousBottom, line.map(\.box.bottom).max() ?? 0)
            end += 1
        }
        guard end - start >= 2 else { return nil }
        return (end, Double(gutter.left + gutter.right) / 2)
    }
}
