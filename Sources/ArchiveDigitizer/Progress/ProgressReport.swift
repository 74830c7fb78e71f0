import Foundation

/// How far the digitization of the backlog has come: the supervisor's report (`digitize progress`).
///
/// Built from the catalogue by `ProgressReport.make(catalogue:archive:store:configuration:now:)`; rendered as
/// a terminal table (`text`), JSON (`json`) or an HTML page (`ProgressHTMLPage`).
public struct ProgressReport: Sendable {
    /// When the report was made; every rate window ends here.
    public var generatedAt: Date
    /// The archive folder.
    public var archive: String
    /// Where the catalogue is: `sqlite`, or the PostgreSQL address with its password as `***` (`StoreLocation.masked`).
    public var store: String
    /// The backlog figures used.
    public var configuration: ProgressConfiguration

    /// Shelf metres (mét giá) digitized by this tool: the extent of every file fully processed.
    public var pipelineMetres = 0.0
    /// The part of `pipelineMetres` estimated from page counts (files with no extent in the inventory).
    public var estimatedMetres = 0.0
    /// How many done files had their extent estimated from pages.
    public var estimatedFiles = 0

    /// Archival files (hồ sơ): all, fully done, failed, still waiting (pending).
    public var files = StateCounts()
    /// Pages: all (missing ones excluded), done, failed, waiting for OCR; plus those whose scan disappeared.
    public var pages = StateCounts()
    public var pagesMissing = 0
    /// Documents (văn bản) written as searchable PDFs.
    public var documents = 0

    /// Throughput over the last day, the last week and all time.
    public var rates: [ProgressRate] = []
    /// When the remaining backlog would be done at the recent rate; nil when nothing was done recently.
    public var estimate: ProgressEstimate?

    /// Progress per fonds (phông), then inventory (mục lục), then box (hộp).
    public var fonds: [ProgressGroup] = []
    /// What needs a person's attention, by category.
    public var attention: [AttentionCategory] = []
    /// Pipeline metres after each completion (or each day, for large archives), oldest first.
    public var timeline: [TimelinePoint] = []
    /// Each worker's share of the pages, by worker name; empty when no page records its worker.
    public var workers: [WorkerProgress] = []

    public init(generatedAt: Date, archive: String, store: String = StoreLocation.embedded.masked,
                configuration: ProgressConfiguration) {
        self.generatedAt = generatedAt
        self.archive = archive
        self.store = store
        self.configuration = configuration
    }

    /// Metres done in all: the baseline plus what this tool digitized.
    public var metresDone: Double { configuration.baselineShelfMetres + pipelineMetres }
    /// Metres still to digitize (never negative).
    public var metresRemaining: Double { max(0, configuration.totalShelfMetres - metresDone) }
    /// Percentage of the backlog done, 0…100.
    public var percentDone: Double { min(100, metresDone / configuration.totalShelfMetres * 100) }

    /// Counts of things by state.
    public struct StateCounts: Sendable, Equatable {
        public var total = 0
        public var done = 0
        public var failed = 0
        public var waiting = 0
    }
}

/// Throughput over one window of time.
public struct ProgressRate: Sendable {
    /// The windows, named as the JSON names them.
    public enum Window: String, Sendable, CaseIterable {
        case lastDay = "last_day"
        case lastWeek = "last_week"
        case allTime = "all_time"

        /// Length in seconds; nil for all time.
        public var seconds: Double? {
            switch self {
            case .lastDay: 86_400
            case .lastWeek: 7 * 86_400
            case .allTime: nil
            }
        }

        /// How the text and HTML reports name it, in `language` (`digitize progress --lang vi`).
        public func title(in language: MessageLanguage) -> String {
            MessageCatalogue.text("progress.window.\(rawValue)", language)
        }
    }

    public var window: Window
    /// Hours the window really covers: it starts no earlier than the first page ever processed, so a
    /// young archive's weekly rate is not diluted by days before digitization began.
    public var hours: Double
    /// Pages OCR'd successfully in the window.
    public var pages: Int
    /// Shelf metres of files completed in the window.
    public var metres: Double

    /// Pages per hour; nil when the window is empty.
    public var pagesPerHour: Double? { hours > 0 ? Double(pages) / hours : nil }
    /// Shelf metres per day; nil when the window is empty.
    public var metresPerDay: Double? { hours > 0 ? metres / hours * 24 : nil }
}

/// When the remaining backlog would be done.
public struct ProgressEstimate: Sendable {
    /// The window whose rate is used: all time counted in the days on which work was done (`workDays`),
    /// else the last week, else all time.
    public var basis: ProgressRate.Window
    public var metresPerDay: Double
    public var days: Double
    /// The expected completion day; nil when it is more than `ProgressEstimate.horizonDays` away.
    public var date: Date?
    /// The number of days (UTC) on which pages or files were finished, when the rate is the metres
    /// done divided by them (issue #15): a young archive worked on two days out of thirty is not
    /// judged by the twenty-eight idle ones, and idle weekends do not slow the estimate.
    public var workDays: Int? = nil

    /// Estimates beyond a century are not dated: at such a rate the date means nothing.
    public static let horizonDays = 36_525.0
}

/// Progress of one fonds, inventory or box.
public struct ProgressGroup: Sendable {
    /// The group's name: fonds code, inventory number or box number ("" when unknown).
    public var name: String
    public var files = ProgressReport.StateCounts()
    public var pagesDone = 0
    public var pagesTotal = 0
    /// Metres of this group's done files.
    public var metresDone = 0.0
    /// The fonds's total extent from `fonds_totals` (fonds level only).
    public var totalMetres: Double?
    /// The groups one level down (inventories of a fonds, boxes of an inventory).
    public var children: [ProgressGroup] = []
}

/// One kind of problem needing attention, with how many there are and the first ones.
public struct AttentionCategory: Sendable {
    /// The categories, named as the JSON names them.
    public enum Kind: String, Sendable, CaseIterable {
        case failedPage = "failed_page"
        /// Pages whose tries killed their worker or ran past a deadline twice (issue #16).
        case quarantinedPage = "quarantined_page"
        case failedFile = "failed_file"
        case missingScan = "missing_scan"
        case lowConfidence = "low_confidence"
        case lowResolution = "low_resolution"
        case poorImage = "poor_image"
        case blankPage = "blank_page"
        case metadataReview = "metadata_review"

        /// A heading for people.
        public var title: String { title(in: .english) }

        /// The heading in `language`.
        public func title(in language: MessageLanguage) -> String {
            MessageCatalogue.text("progress.attention.\(rawValue)", language)
        }
    }

    public var kind: Kind
    /// How many there are in all.
    public var count: Int
    /// The first ones (at most the report's item limit).
    public var items: [AttentionItem]
}

/// One thing needing attention: where, and why.
public struct AttentionItem: Sendable, Equatable {
    /// The page label (`<FileCode>/<scan>[ page N]`), file code or document code.
    public var location: String
    /// The page's number within its file, for pages.
    public var pageNumber: Int?
    /// Why it needs attention, for people.
    public var reason: String
}

/// One point of the metres-over-time chart.
public struct TimelinePoint: Sendable, Equatable {
    public var date: Date
    /// Metres digitized by this tool up to and including `date` (the baseline not included).
    public var cumulativeMetres: Double
}

/// One worker's share of the backlog (issue #8): the pages it recorded, the pages it holds now, and how fast it went.
///
/// A worker is named as the run recorded it in `pages.worker` (`host:pid`). Finished pages are those it
/// recorded done or failed; its completions are their `done_at` times.
public struct WorkerProgress: Sendable, Equatable {
    public var worker: String
    public var pagesDone = 0
    public var pagesFailed = 0
    /// Pending pages it holds under a lease that has not run out; nil on SQLite, which has no leases
    /// (one `digitize run` at a time holds the whole archive).
    public var pagesHeld: Int?
    /// Its first and last completion (done or failed); nil when it finished no page yet.
    public var firstCompletion: Date?
    public var lastCompletion: Date?

    public init(worker: String) { self.worker = worker }

    /// Pages it finished, done or failed: both took its OCR time.
    public var pagesFinished: Int { pagesDone + pagesFailed }

    /// Hours between its first and last completion.
    public var hours: Double {
        guard let firstCompletion, let lastCompletion else { return 0 }
        return max(0, lastCompletion.timeIntervalSince(firstCompletion) / 3600)
    }

    /// Pages finished per hour between its first and last completion; nil until two completions are apart in time.
    public var pagesPerHour: Double? { hours > 0 ? Double(pagesFinished) / hours : nil }
}

extension ProgressEstimate {
    /// What the rate is, said so in `language`: "3 day(s) on which work was done" or the window's title.
    public func basisDescription(in language: MessageLanguage) -> String {
        workDays.map { MessageCatalogue.text("progress.workDays", language, [String($0)]) } ?? basis.title(in: language)
    }
}
