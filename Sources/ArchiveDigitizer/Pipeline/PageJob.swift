import Foundation

/// One page waiting for OCR, as the catalogue hands it to a worker.
public struct PageJob: Sendable, Codable {
    public var pageID: Int
    public var fileID: Int
    public var location: PageLocation
    /// Human-readable name for messages, e.g. `HN-TU.01.037.0001/3.tif frame 2`.
    public var label: String
}

/// Technical facts of a page (TT02's “thông tin kỹ thuật”), measured while decoding.
public struct PageFacts: Sendable, Equatable, Codable {
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
public struct PageFailure: Error, Sendable, Equatable, Codable {
    public var kind: String
    public var message: String
    /// Attempts this failure used up that count towards quarantine: a worker that died on the page or
    /// was ended past a step's deadline (see `PageWorkerPool`); 0 for an ordinary bad page.
    public var abortedAttempts: Int = 0

    public init(kind: String, message: String, abortedAttempts: Int = 0) {
        self.kind = kind
        self.message = message
        self.abortedAttempts = abortedAttempts
    }
}

/// The steps of reading a page, each with its own deadline when pages are read by worker processes.
public enum PageStep: String, Sendable, Codable, CaseIterable {
    case decoding
    case cleanUp = "clean-up"
    case orientation = "orientation detection"
    case recognition

    /// The step as a message names it: "decoding took longer than 120 s".
    public var name: String { rawValue }
}
