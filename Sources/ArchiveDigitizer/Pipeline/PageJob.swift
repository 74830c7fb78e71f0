import Foundation

/// One page waiting for OCR, as the catalogue hands it to a worker.
public struct PageJob: Sendable {
    public var pageID: Int
    public var fileID: Int
    public var location: PageLocation
    /// Human-readable name for messages, e.g. `HN-TU.01.037.0001/3.tif frame 2`.
    public var label: String
}

/// Technical facts of a page (TT02's “thông tin kỹ thuật”), measured while decoding.
public struct PageFacts: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var dpi: Int
    public var isResolutionRecorded: Bool
    public var colour: String
    public var compression: String
    public var skewDegrees: Double?
    public var inkCoverage: Double
    /// No writing on the sheet: not OCR'd, kept in the PDF, flagged.
    public var isBlank: Bool
    public var hadTextLayer: Bool
    /// Clockwise turn (0, 90, 180, 270) that shows the stored image upright (OSD); the PDF page
    /// is drawn turned and the words are stored in the upright page's pixels.
    public var rotation: Int = 0
    /// Gray levels (0 black … 255 white) of paper and ink; see `PageQuality`.
    public var paperLevel: Int?
    public var inkLevel: Int?
    /// What an archivist should look at: `below-200-dpi`, `low-confidence`, `too-dark`,
    /// `too-light`, `heavy-skew` (blank pages: `isBlank`).
    public var qualityFlags: [String] = []
}

/// What a worker made of one page: its text and facts, or the reason it failed.
public struct PageOutcome: Sendable {
    public var job: PageJob
    public var result: Result<(RecognizedPage, PageFacts), PageFailure>
    /// Seconds spent per stage, for the benchmark.
    public var decodeSeconds: Double
    public var ocrSeconds: Double
    /// CPU and wall seconds of each stage this page went through, on its worker's thread.
    public var stages = StageTimes()
}

/// A page that could not be processed; `kind` is stable for counting, `message` is for people.
public struct PageFailure: Error, Sendable, Equatable {
    public var kind: String
    public var message: String
}
