import Foundation
@testable import ArchiveDigitizer

/// Scores document splitting and metadata extraction against labelled documents
/// (Tests/Fixtures/EvalSet/<part>/labels.json, written by scripts/make-evalset.py).
///
/// The set has two parts drawn with different seeds: `tuning`, on which rules and thresholds may be
/// tuned, and `heldout`, on which nothing is tuned and which `make test` holds to the targets.
enum MetadataEvaluation {
    static let evalSetRoot = TestSupport.packageRoot.appendingPathComponent("Tests/Fixtures/EvalSet")
    static let tuningPart = evalSetRoot.appendingPathComponent("tuning")
    static let heldOutPart = evalSetRoot.appendingPathComponent("heldout")

    /// What `make test` holds the held-out part to (exact match; signer and excerpt ignore case
    /// and spaces): issue 14's targets, number, symbol, date, type, issuer 97%, signer 95%, excerpt
    /// 92%, boundary F1 0.98. Reached on 2026-12-03 night (docs/metadata.md): number 98.8%, symbol
    /// 97.5%, date 97.5%, type 100%, issuer 98.8%, signer 98.8%, excerpt 93.8% (90.0% that
    /// evening, when the excerpt was held at 88%), F1 1.000.
    static let heldOutTargets: [(field: String, minimum: Double)] = [
        ("number", 0.97), ("symbol", 0.97), ("date", 0.97), ("doc_type", 0.97), ("issuer", 0.97),
        ("signer", 0.95), ("excerpt", 0.92),
    ]
    static let heldOutBoundaryF1 = 0.98
    /// The review list on the held-out part, held to the issue's 80% of wrong fields marked at
    /// most 15% of fields (reached 83.3% at 12.6% on 2026-12-03 evening, 81.0% at 12.6% that night).
    static let heldOutMaximumMarked = 0.15
    static let heldOutMinimumErrorsMarked = 0.80

    struct Labels: Decodable {
        struct Document: Decodable {
            var first_page: Int
            var last_page: Int
            var system: String
            var doc_type: String
            var number: String
            var symbol: String
            var date: String
            var place: String
            var issuer_upper: String?
            var issuer: String
            var excerpt: String
            var signer: String
            var signer_position: String
            var authority: String
            var security: String?
            var urgency: String?
        }
        struct Page: Decodable { var page: Int }
        struct File: Decodable { var file_code: String; var pages: [Page]; var documents: [Document] }
        var files: [File]

        /// The evaluation set's labels, or another file in the same form (SampleScans/ground-truth.json).
        static func load(_ url: URL = heldOutPart.appendingPathComponent("labels.json")) throws -> Labels {
            try JSONDecoder().decode(Labels.self, from: Data(contentsOf: url))
        }
    }

    /// A document as the pipeline cut and described it.
    struct Predicted {
        var firstPage: Int
        var lastPage: Int
        var metadata: DocumentMetadata
    }

    /// How to compare one field: exact (after collapsing spaces) or ignoring case and spaces.
    enum Comparison { case exact, loose }

    static var fields: [(name: String, comparison: Comparison, expected: (Labels.Document) -> String, actual: (DocumentMetadata) -> String)] { [
        ("number", .exact, { $0.number }, { $0.number }),
        ("symbol", .exact, { $0.symbol }, { $0.symbol }),
        ("date", .exact, { $0.date }, { $0.date }),
        ("doc_type", .exact, { $0.doc_type }, { $0.docType }),
        ("issuer", .exact, { $0.issuer }, { $0.issuer }),
        ("issuer_upper", .exact, { $0.issuer_upper ?? "" }, { $0.issuerUpper }),
        ("system", .exact, { $0.system }, { $0.system }),
        ("place", .exact, { $0.place }, { $0.place }),
        ("signer", .loose, { $0.signer }, { $0.signer }),
        ("excerpt", .loose, { $0.excerpt }, { $0.excerpt }),
        ("signer_position", .exact, { $0.signer_position }, { $0.signerPosition }),
        ("authority", .exact, { $0.authority }, { $0.authority }),
        ("security", .exact, { $0.security ?? "" }, { $0.security }),
        ("urgency", .exact, { $0.urgency ?? "" }, { $0.urgency }),
    ] }

    struct Report {
        var documents = 0
        var correct: [String: Int] = [:]
        var mismatches: [String] = []
        var truePositives = 0, falsePositives = 0, falseNegatives = 0
        /// Per field of every labelled document: its confidence (-1 when not found), whether it was
        /// right and whether the extractor marked it for review (the calibration's input).
        var readings: [(field: String, confidence: Double, isRight: Bool, isMarked: Bool)] = []

        /// Share of wrong fields that are marked for review, and share of all fields marked.
        var reviewCoverage: (errorsMarked: Double, fieldsMarked: Double) {
            let errors = readings.filter { !$0.isRight }
            let marked = readings.filter(\.isMarked)
            return (errors.isEmpty ? 1 : Double(errors.filter(\.isMarked).count) / Double(errors.count),
                    readings.isEmpty ? 0 : Double(marked.count) / Double(readings.count))
        }

        func accuracy(_ field: String) -> Double {
            documents == 0 ? 0 : Double(correct[field, default: 0]) / Double(documents)
        }
        /// Boundaries are document starts after a file's first page (the first page always starts one).
        var precision: Double { truePositives + falsePositives == 0 ? 1 : Double(truePositives) / Double(truePositives + falsePositives) }
        var recall: Double { truePositives + falseNegatives == 0 ? 1 : Double(truePositives) / Double(truePositives + falseNegatives) }
        var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }

        var summary: String {
            var lines = ["Metadata evaluation on \(documents) labelled documents:"]
            for field in MetadataEvaluation.fields {
                lines.append(String(format: "  %-16@ %5.1f%%  (%d/%d)", field.name as NSString, 100 * accuracy(field.name),
                                    correct[field.name, default: 0], documents))
            }
            lines.append(String(format: "  boundaries: precision %.3f, recall %.3f, F1 %.3f (TP %d, FP %d, FN %d)",
                                precision, recall, f1, truePositives, falsePositives, falseNegatives))
            let coverage = reviewCoverage
            lines.append(String(format: "  review: %.1f%% of wrong fields marked, %.1f%% of all fields marked (%d fields, %d wrong)",
                                100 * coverage.errorsMarked, 100 * coverage.fieldsMarked, readings.count, readings.filter { !$0.isRight }.count))
            return lines.joined(separator: "\n")
        }
    }

    static func normalised(_ text: String, _ comparison: Comparison) -> String {
        let collapsed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ").precomposedStringWithCanonicalMapping
        switch comparison {
        case .exact: return collapsed
        case .loose: return collapsed.lowercased().filter { !$0.isWhitespace }
        }
    }

    /// Scores predicted documents per file code against the labels.
    static func score(_ predicted: [String: [Predicted]], labels: Labels) -> Report {
        var report = Report()
        for file in labels.files {
            let documents = predicted[file.file_code] ?? []
            let truthStarts = Set(file.documents.map(\.first_page).filter { $0 != 1 })
            let predictedStarts = Set(documents.map(\.firstPage).filter { $0 != 1 })
            report.truePositives += truthStarts.intersection(predictedStarts).count
            report.falsePositives += predictedStarts.subtracting(truthStarts).count
            report.falseNegatives += truthStarts.subtracting(predictedStarts).count
            for truth in file.documents {
                report.documents += 1
                let match = documents.first { $0.firstPage == truth.first_page && $0.lastPage == truth.last_page }
                for field in fields {
                    let expected = normalised(field.expected(truth), field.comparison)
                    let actual = match.map { normalised(field.actual($0.metadata), field.comparison) }
                    let metadataKey = field.name
                    let found = match.map { !field.actual($0.metadata).isEmpty } ?? false
                    let marked = match.map { FieldReview.fields(of: $0.metadata).contains(metadataKey) } ?? true
                    report.readings.append((metadataKey, found ? (match?.metadata.confidence[metadataKey] ?? -1) : -1, actual == expected, marked))
                    if actual == expected {
                        report.correct[field.name, default: 0] += 1
                    } else {
                        report.mismatches.append("\(file.file_code) p\(truth.first_page)-\(truth.last_page) \(field.name): expected «\(field.expected(truth))», got «\(match.map { field.actual($0.metadata) } ?? "(no document with these pages)")»\(marked ? " (marked for review)" : "")")
                    }
                }
            }
        }
        return report
    }

    /// The documents the pipeline recorded in an archive's catalogue, per file code.
    static func recordedDocuments(in archive: URL) throws -> [String: [Predicted]] {
        let db = try TestSupport.catalogue(archive)
        var result: [String: [Predicted]] = [:]
        for row in try db.query("SELECT f.code, d.first_page, d.last_page, d.metadata FROM documents d JOIN files f ON f.id = d.file_id ORDER BY f.code, d.ordinal") {
            guard let code = row[0].string, let first = row[1].int, let last = row[2].int else { continue }
            let metadata = row[3].string.flatMap { try? JSONDecoder().decode(DocumentMetadata.self, from: Data($0.utf8)) } ?? DocumentMetadata()
            result[code, default: []].append(Predicted(firstPage: first, lastPage: last, metadata: metadata))
        }
        return result
    }

    /// Splits and extracts again, in this process, from the page words an archive's catalogue keeps.
    static func reextractedDocuments(in archive: URL) throws -> [String: [Predicted]] {
        let db = try TestSupport.catalogue(archive)
        var pagesByFile: [String: [AssembledPage]] = [:]
        let decoder = JSONDecoder()
        for row in try db.query("""
            SELECT f.code, p.page_number, p.dpi, p.width, p.height, p.words, p.text FROM pages p JOIN files f ON f.id = p.file_id
            WHERE p.state = 'done' ORDER BY f.code, p.page_number
            """) {
            guard let code = row[0].string, let number = row[1].int else { continue }
            let words = row[5].string.flatMap { try? decoder.decode([RecognizedWord].self, from: Data($0.utf8)) } ?? []
            let pdf = PDFPage(location: PageLocation(path: "", format: .png, frame: 0), isSingleFrame: true, compression: "",
                              dpi: row[2].int ?? 300, width: row[3].int ?? 0, height: row[4].int ?? 0, words: words)
            pagesByFile[code, default: []].append(AssembledPage(pageNumber: number, pdf: pdf, text: row[6].string ?? ""))
        }
        var result: [String: [Predicted]] = [:]
        for (code, pages) in pagesByFile {
            let spans = DocumentSplitter().split(pages)
            let metadata = MetadataExtractor().extract(documents: spans.map { span in
                pages.filter { $0.pageNumber >= span.firstPage && $0.pageNumber <= span.lastPage }
            })
            result[code] = zip(spans, metadata).map { Predicted(firstPage: $0.firstPage, lastPage: $0.lastPage, metadata: $1) }
        }
        return result
    }
}
