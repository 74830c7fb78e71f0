import XCTest
@testable import ArchiveDigitizer

/// Runs the real pipeline (the built `digitize`, Tesseract `vie`) over the labelled evaluation set
/// and measures how often document boundaries and metadata come out right.
///
/// The set (Tests/Fixtures/EvalSet, from scripts/make-evalset.py) holds 30 documents in 9
/// archival files, 54 pages at 200 dpi: about a minute of OCR on two cores.
final class MetadataAccuracyTests: XCTestCase {
    func testEvaluationSetMeetsAccuracyTargets() throws {
        let labels = try MetadataEvaluation.Labels.load()
        let work = try TestSupport.temporaryFolder("evalset")
        defer { try? FileManager.default.removeItem(at: work) }
        let archive = work.appendingPathComponent("Archive")
        let run = try TestSupport.run(["run", MetadataEvaluation.evalSet.path, "--archive", archive.path, "--quiet"])
        XCTAssertEqual(run.status, 0, "stdout:\n\(run.output)\nstderr:\n\(run.errors)")

        let report = MetadataEvaluation.score(try MetadataEvaluation.recordedDocuments(in: archive), labels: labels)
        print(report.summary)
        print("Mismatches:\n" + report.mismatches.map { "  " + $0 }.joined(separator: "\n"))

        XCTAssertEqual(report.documents, 30)
        for field in ["number/symbol", "date", "doc_type", "issuer"] {
            XCTAssertGreaterThanOrEqual(report.accuracy(field), 0.95, "\(field) exact-match accuracy")
        }
        for field in ["signer", "excerpt"] {
            XCTAssertGreaterThanOrEqual(report.accuracy(field), 0.90, "\(field) accuracy (case and spaces ignored)")
        }
        XCTAssertGreaterThanOrEqual(report.f1, 0.95, "document boundary F1")
    }

    /// Re-scores an archive already made from the evaluation set, extracting again in-process from
    /// the page words in its catalogue (no OCR): set METADATA_EVAL_ARCHIVE to the archive folder
    /// (and METADATA_EVAL_LABELS to SampleScans/ground-truth.json for an archive made from SampleScans).
    /// A tool for tuning the extractor; skipped in ordinary runs.
    func testReextractionFromExistingArchive() throws {
        guard let path = ProcessInfo.processInfo.environment["METADATA_EVAL_ARCHIVE"] else {
            throw XCTSkip("set METADATA_EVAL_ARCHIVE to an archive made from Tests/Fixtures/EvalSet")
        }
        let labels = try ProcessInfo.processInfo.environment["METADATA_EVAL_LABELS"].flatMap { $0.isEmpty ? nil : $0 }.map { try MetadataEvaluation.Labels.load(URL(fileURLWithPath: $0)) }
            ?? MetadataEvaluation.Labels.load()
        let report = MetadataEvaluation.score(try MetadataEvaluation.reextractedDocuments(in: URL(fileURLWithPath: path)), labels: labels)
        print(report.summary)
        print("Mismatches:\n" + report.mismatches.map { "  " + $0 }.joined(separator: "\n"))
        XCTAssertGreaterThan(report.documents, 0)
    }
}
