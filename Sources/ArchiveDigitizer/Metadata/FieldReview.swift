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
    /// From `scripts/calibrate-review.py POOL 0.125` on the tuning part and five fresh parts drawn
    /// later and looked at (6,720 fields, 182 wrong, as a real run of 78c21e2 recorded them): 12.3%
    /// of the fields marked, holding 139 of the 182 wrong ones (76.4%), before `FieldPlausibility`
    /// adds its own. The budget 0.125 rather than 0.15: calibrated on five of the six parts and
    /// tried on the sixth, 0.15 marked up to 16.9% of a part's fields and 0.125 at most 14.4%, for
    /// the same share of errors (72.5% on average). The tuning part alone (17 wrong fields) had
    /// given thresholds that held 46–64% of the errors on fresh parts. 0: only marked when not
    /// found (if required).
    static let thresholds: [String: Double] = [
        "authority": 0.475, "excerpt": 0.965, "issuer": 0.935, "issuer_upper": 0.895, "place": 0.955,
        "signer": 0.945, "signer_position": 0.885, "symbol": 0.855,
    ]
    /// Fields every document has: empty means not found, and is marked.
    static let required: Set<String> = ["system", "doc_type", "number", "symbol", "date", "place", "issuer", "excerpt",
                                        "signer", "signer_position"]

    /// Every field, in the order catalogue exports list them.
    static let order = ["system", "doc_type", "number", "symbol", "date", "place", "issuer_upper", "issuer",
                        "excerpt", "signer", "signer_position", "authority", "security", "urgency"]

    /// The fields of `metadata` to review, in export order: under their threshold, required and
    /// not found, or found with a text its field cannot hold (`FieldPlausibility`); and an
    /// authority not found when the position line holds a body's name, where its lost line went.
    static func fields(of metadata: DocumentMetadata) -> [String] {
        order.filter { key in
            guard let confidence = metadata.confidence[key] else {
                return required.contains(key) || (key == "authority" && FieldPlausibility.namesABody(metadata.signerPosition))
            }
            return confidence < thresholds[key, default: 0] || !FieldPlausibility.isPlausible(key, value(of: key, in: metadata))
        }
    }

    /// The text of the field `key` (JSON name); "" for a key with no text field.
    static func value(of key: String, in metadata: DocumentMetadata) -> String {
        FileCorrections.keyPaths[key].map { metadata[keyPath: $0] } ?? ""
    }
}
