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
    static let thresholds: [String: Double] = [
        "number": 0.5, "symbol": 0.5, "date": 0.5, "doc_type": 0.5, "issuer": 0.5, "issuer_upper": 0.5,
        "system": 0.5, "place": 0.5, "signer": 0.5, "excerpt": 0.5, "signer_position": 0.5,
        "authority": 0.5, "security": 0.5, "urgency": 0.5,
    ]
    /// Fields every document has: empty means not found, and is marked.
    static let required: Set<String> = ["system", "doc_type", "number", "symbol", "date", "place", "issuer", "excerpt",
                                        "signer", "signer_position"]

    /// Every field, in the order catalogue exports list them.
    static let order = ["system", "doc_type", "number", "symbol", "date", "place", "issuer_upper", "issuer",
                        "excerpt", "signer", "signer_position", "authority", "security", "urgency"]

    /// The fields of `metadata` to review, in export order.
    static func fields(of metadata: DocumentMetadata) -> [String] {
        order.filter { key in
            guard let confidence = metadata.confidence[key] else { return required.contains(key) }
            return confidence < thresholds[key, default: 0]
        }
    }
}
