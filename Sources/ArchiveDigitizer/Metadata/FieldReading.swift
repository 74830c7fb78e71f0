import Foundation

/// One metadata value as read, with how much to trust it (0…1).
///
/// Confidence combines Tesseract's word confidences with how exactly the text matched what the
/// field should look like; an archivist reviews the values below a threshold.
struct FieldReading: Sendable, Equatable {
    var value: String = ""
    var confidence: Double = 0

    init(_ value: String = "", confidence: Double = 0) {
        self.value = value
        self.confidence = value.isEmpty ? 0 : min(max(confidence, 0), 1)
    }

    var isEmpty: Bool { value.isEmpty }
}
