import Foundation

/// What a signature block says: who signed, in what position, on whose authority.
struct SignatureReading: Sendable {
    /// Authority lines (`T/M BAN THƯỜNG VỤ`, `TM. ỦY BAN NHÂN DÂN` + `KT. CHỦ TỊCH`), joined by newlines.
    var authority = FieldReading()
    var signerPosition = FieldReading()
    var signer = FieldReading()

    var isEmpty: Bool { authority.isEmpty && signerPosition.isEmpty && signer.isEmpty }
}
