import Foundation

/// Reads a page's content stream just far enough to know which XObjects it paints.
///
/// A page's `/Resources` may list images it never paints (resources shared by every page of the
/// file, leftovers of editing), so the scan of a page is the image its content draws with `Do`,
/// not whatever its resource dictionary happens to hold. This is a tokenizer, not an interpreter:
/// it does not follow graphics state, only operands and operators.
enum PDFContentStream {
    /// The names (with their leading `/`, `#xx` escapes resolved) that `Do` paints, in order and with
    /// repeats; nil when the content paints an inline image (`BI … ID … EI`), whose bytes live in the
    /// content itself and cannot be lifted out as one image.
    static func drawnXObjectNames(in content: Data) -> [String]? {
        let bytes = [UInt8](content)
        var names: [String] = []
        var lastName: String? = nil
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isWhitespace(byte) {
                index += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "%"):
                while index < bytes.count, bytes[index] != 10, bytes[index] != 13 { index += 1 }
                lastName = nil
            case UInt8(ascii: "("):
                index = endOfLiteralString(in: bytes, from: index)
                lastName = nil
            case UInt8(ascii: "<"):
                if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "<") {
                    index += 2
                } else {
                    while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
                    index += 1
                }
                lastName = nil
            case UInt8(ascii: "/"):
                let start = index + 1
                index = start
                while index < bytes.count, isRegular(bytes[index]) { index += 1 }
                lastName = "/" + decodedName(bytes[start..<index])
            case _ where isDelimiter(byte):
                index += 1
                lastName = nil
            default:
                let start = index
                while index < bytes.count, isRegular(bytes[index]) { index += 1 }
                let token = bytes[start..<index]
                if token.elementsEqual("Do".utf8), let lastName {
                    names.append(lastName)
                } else if token.elementsEqual("BI".utf8) {
                    return nil
                }
                lastName = nil
            }
        }
        return names
    }

    /// The index just past the `)` closing the literal string that opens at `start`.
    private static func endOfLiteralString(in bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"):
                index += 2
                continue
            case UInt8(ascii: "("):
                depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return index + 1 }
            default:
                break
            }
            index += 1
        }
        return bytes.count
    }

    /// A name's characters with `#xx` escapes resolved, as libqpdf spells dictionary keys.
    private static func decodedName(_ raw: ArraySlice<UInt8>) -> String {
        var bytes: [UInt8] = []
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == UInt8(ascii: "#"), index + 2 < raw.endIndex,
               let value = UInt8(String(decoding: raw[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(raw[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0 || byte == 9 || byte == 10 || byte == 12 || byte == 13 || byte == 32
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        "()<>[]{}/%".utf8.contains(byte)
    }

    private static func isRegular(_ byte: UInt8) -> Bool {
        !isWhitespace(byte) && !isDelimiter(byte)
    }
}
