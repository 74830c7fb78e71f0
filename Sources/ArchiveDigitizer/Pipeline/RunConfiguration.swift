import Foundation

/// Settings of a run, from `config/digitize.json` (or `--config FILE`), then command-line flags.
public struct RunConfiguration: Sendable, Codable, Equatable, ConfigurationSection {
    public static let sectionName = "run"

    /// Tesseract languages, e.g. `vie` or `vie+eng`.
    public var language: String = "vie"
    /// Parallel OCR workers; 0 means one per core.
    public var jobs: Int = 0
    /// Largest page accepted, in megapixels (decompression-bomb guard).
    public var maxMegapixels: Int = 150
    /// Resolution assumed for images that record none.
    public var defaultDPI: Int = 300
    /// Seconds after which OCR of one page is abandoned.
    public var pageTimeoutSeconds: Int = 300
    /// Tesseract variables set at engine start. `tessedit_do_invert=0` skips the inverted-text pass
    /// (white-on-black text does not occur in these records).
    public var tesseractVariables: [String: String] = ["tessedit_do_invert": "0", "debug_file": "/dev/null"]
    /// Where Tesseract's models are; empty means Debian's default.
    public var tessdataPath: String = ""
    /// Hard limits, in seconds, on the steps before recognition (whose limit is `pageTimeoutSeconds`):
    /// past one, the worker process reading the page is ended and the page fails (`PageWorkerPool`).
    public var decodeTimeoutSeconds: Int = 120
    public var cleanUpTimeoutSeconds: Int = 120
    public var orientationTimeoutSeconds: Int = 120
    /// Whether pages are decoded and read in worker processes, so a crash in a C library costs one
    /// page and not the batch. Off only to measure what isolation costs.
    public var isolatesPages: Bool = true
    /// The standard the searchable PDFs are written to (`pdfa-2b`, `pdfa-2u` or `plain`).
    public var pdfProfile: PDFProfile = .pdfA2b

    public init() {}

    enum CodingKeys: String, CodingKey {
        case language, jobs
        case maxMegapixels = "max_megapixels"
        case defaultDPI = "default_dpi"
        case pageTimeoutSeconds = "page_timeout_seconds"
        case tesseractVariables = "tesseract_variables"
        case tessdataPath = "tessdata_path"
        case decodeTimeoutSeconds = "decode_timeout_seconds"
        case cleanUpTimeoutSeconds = "clean_up_timeout_seconds"
        case orientationTimeoutSeconds = "orientation_timeout_seconds"
        case isolatesPages = "isolate_pages"
        case pdfProfile = "pdf_profile"
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = RunConfiguration()
        language = try container.decodeIfPresent(String.self, forKey: .language) ?? defaults.language
        jobs = try container.decodeIfPresent(Int.self, forKey: .jobs) ?? defaults.jobs
        maxMegapixels = try container.decodeIfPresent(Int.self, forKey: .maxMegapixels) ?? defaults.maxMegapixels
        defaultDPI = try container.decodeIfPresent(Int.self, forKey: .defaultDPI) ?? defaults.defaultDPI
        pageTimeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .pageTimeoutSeconds) ?? defaults.pageTimeoutSeconds
        tesseractVariables = try container.decodeIfPresent([String: String].self, forKey: .tesseractVariables) ?? defaults.tesseractVariables
        tessdataPath = try container.decodeIfPresent(String.self, forKey: .tessdataPath) ?? defaults.tessdataPath
        decodeTimeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .decodeTimeoutSeconds) ?? defaults.decodeTimeoutSeconds
        cleanUpTimeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .cleanUpTimeoutSeconds) ?? defaults.cleanUpTimeoutSeconds
        orientationTimeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .orientationTimeoutSeconds) ?? defaults.orientationTimeoutSeconds
        isolatesPages = try container.decodeIfPresent(Bool.self, forKey: .isolatesPages) ?? defaults.isolatesPages
        pdfProfile = try container.decodeIfPresent(PDFProfile.self, forKey: .pdfProfile) ?? defaults.pdfProfile
    }

    /// The hard limit on `step` of one page, in seconds. Recognition has Tesseract's own deadline
    /// (`pageTimeoutSeconds`); the process limit leaves it half a minute to fire first.
    public func deadline(for step: PageStep) -> Int {
        switch step {
        case .decoding: decodeTimeoutSeconds
        case .cleanUp: cleanUpTimeoutSeconds
        case .orientation: orientationTimeoutSeconds
        case .recognition: pageTimeoutSeconds + 30
        }
    }

    /// Number of workers actually started.
    public var effectiveJobs: Int { jobs > 0 ? jobs : max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
