import Foundation

/// Which extracted fields a person should check: those whose confidence is under the field's
/// threshold, and required fields left empty.
///
/// The thresholds are calibrated on the tuning part of the evaluation set
/// (Tests/Fixtures/EvalSet/tuning, scripts/calibrate-review.py) so that the fields marked hold at
/// least 80% of the wrong ones while at most 15% of all fields are marked; the held-out part
/// checks that this holds on documents the calibration never saw (docs/metadata.md).
enum FieldReview {
    /// Confidence under which a found field is marked for review, by JSON field name.
    /// From scripts/calibrate-review.py on the tuning part (1,120 fields, 33 wrong): 12.5% of the
    /// fields marked, holding 31 of the 33 wrong ones. 0: only marked when not found (if required).
    static let thresholds: [String: Double] = [
        "excerpt": 0.975, "issuer_upper": 0.925, "place": 0.925, "security": 0.925, "signer_position": 0.755,
    ]
    /// Fields every document has: empty means not found, and is marked.
    static let required: Set<String> = ["system", "doc_type", "number", "symbol", "date", "place", "issuer", "excerpt",
                                        "signer", "signer_position"]

    /// Every field, in the order catalogue exports list them.
    static let order = ["system", "doc_type", "number", "symbol", "date", "place", "issuer_upper", "issuer",
                        "excerpt", "signer", "signer_position", "authority", "security", "urgency"]

    /// The fields of `metadata` to review, in export order: under their threshold, required and
    /// not found, or found with a text its field cannot hold (`FieldPlausibility`).
    static func fields(of metadata: DocumentMetadata) -> [String] {
        order.filter { key in
            guard let confidence = metadata.confidence[key] else { return required.contains(key) }
            return confidence < thresholds[key, default: 0] || !FieldPlausibility.isPlausible(key, value(of: key, in: metadata))
        }
    }

    /// The text of the field `key` (JSON name); "" for a key with no text field.
    static func value(of key: String, in metadata: DocumentMetadata) -> String {
        FileCorrections.keyPaths[key].map { metadata[keyPath: $0] } ?? ""
    }
}
