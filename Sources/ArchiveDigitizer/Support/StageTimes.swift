import Foundation

/// The steps of a page's and a file's way through the pipeline, as the timings report them.
public enum PipelineStage: Int, CaseIterable, Sendable {
    /// Reading the scan file into pixels (TIFF/PNG/JPEG through Leptonica, PDF through poppler).
    case decode
    /// Technical facts and quality measures: skew, ink, paper and ink levels, blank-page test.
    case facts
    /// Leptonica clean-up for OCR: gray copy, background normalisation, deskew.
    case cleanUp
    /// Tesseract's recognition of the page (the floor's own work).
    case ocr
    /// Orientation detection (OSD) and the second recognition of a turned page.
    case orientation
    /// Reading order and Vietnamese post-correction of the recognised words.
    case text
    /// Document boundaries and header metadata of a finished file.
    case metadata
    /// Writing the searchable PDFs.
    case pdf
    /// Catalogue and ledger transactions on the single writer thread.
    case catalogue

    /// The name printed in the run summary and read by `scripts/bench.sh`.
    public var name: String {
        switch self {
        case .decode: "decode"
        case .facts: "facts"
        case .cleanUp: "clean-up"
        case .ocr: "OCR"
        case .orientation: "orientation"
        case .text: "text"
        case .metadata: "metadata"
        case .pdf: "PDF"
        case .catalogue: "catalogue"
        }
    }

    /// Stages that run on the OCR workers (their busy share is the run's parallel efficiency).
    public var isOnOCRWorker: Bool { rawValue <= PipelineStage.text.rawValue }
}

/// CPU and wall seconds spent per stage, measured where the work runs and summed up the way
/// the results travel (page outcome → run summary), so a run can say where its time went.
///
/// CPU time is the calling thread's own (`CLOCK_THREAD_CPUTIME_ID`, user + system): on a loaded
/// machine it stays close to the work done while wall time does not. Two clock reads per stage,
/// well under a microsecond each, against stages of milliseconds to seconds.
public struct StageTimes: Sendable, Equatable, Codable {
    public private(set) var cpuSeconds = [Double](repeating: 0, count: PipelineStage.allCases.count)
    public private(set) var wallSeconds = [Double](repeating: 0, count: PipelineStage.allCases.count)

    public init() {}

    /// Runs `body` on this thread and adds its CPU and wall time to `stage`.
    public mutating func measure<T>(_ stage: PipelineStage, _ body: () throws -> T) rethrows -> T {
        let cpuStart = Self.threadCPUSeconds(), wallStart = Self.monotonicSeconds()
        defer {
            cpuSeconds[stage.rawValue] += Self.threadCPUSeconds() - cpuStart
            wallSeconds[stage.rawValue] += Self.monotonicSeconds() - wallStart
        }
        return try body()
    }

    /// Adds every stage of `other`.
    public mutating func add(_ other: StageTimes) {
        for index in cpuSeconds.indices {
            cpuSeconds[index] += other.cpuSeconds[index]
            wallSeconds[index] += other.wallSeconds[index]
        }
    }

    public func cpu(_ stage: PipelineStage) -> Double { cpuSeconds[stage.rawValue] }
    public func wall(_ stage: PipelineStage) -> Double { wallSeconds[stage.rawValue] }

    /// Wall seconds of the stages that run on OCR workers.
    public var workerWallSeconds: Double {
        PipelineStage.allCases.filter(\.isOnOCRWorker).reduce(0) { $0 + wall($1) }
    }

    /// CPU seconds (user + system) this thread has used so far.
    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func monotonicSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }
}
