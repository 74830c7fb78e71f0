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
        pdfProfile = try container.decodeIfPresent(PDFProfile.self, forKey: .pdfProfile) ?? defaults.pdfProfile
    }

    /// Number of workers actually started.
    public var effectiveJobs: Int { jobs > 0 ? jobs : max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
