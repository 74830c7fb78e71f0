import Foundation
import Synchronization

/// One `digitize run`: scans in, searchable PDFs and catalogue rows out, resumable at any point.
///
/// Threads, all plain `Thread`s so CPU-bound C calls never block the Swift concurrency pool:
/// - a feeder puts pending pages on a bounded queue (memory stays flat however large the batch);
/// - N OCR workers, each owning one Tesseract engine for the whole run, decode and read pages;
/// - one assembler writes each finished file's PDFs;
/// - the calling thread is the only catalogue writer: one transaction per page or file.
/// Work is recorded only after it is durable, so a kill at any instant loses at most the pages in flight.
///
/// With a PostgreSQL store (`store`) the run is one of many workers on one backlog (issue #8): the
/// feeder becomes a claimer that takes pages under a lease (`PageLeases`), a heartbeat thread renews
/// the leases, and a file's documents are built by the worker that records its last page.
public final class BatchRun {
    public let scanFolder: URL
    public let archive: URL
    public let inventory: Inventory
    public let configuration: RunConfiguration
    public let arguments: [String]
    public let cancellation: CancellationFlag
    public weak var observer: ProgressObserver?
    /// Put pages that failed in earlier runs back in the queue.
    public var retriesFailedPages = false
    /// Where the catalogue lives; a PostgreSQL store is shared with other workers.
    public var store = StoreLocation.embedded
    /// Whether this run reads the scan folder into the catalogue first; `digitize worker` only helps
    /// with a backlog that a `digitize run` has put in the store.
    public var ingests = true
    /// How long a shared-store claim lasts without renewal (renewed every third of it while alive).
    public var lease: Duration = .seconds(300)
    /// This process's name in the catalogue and in `progress`.
    public var workerName = PageLeases.defaultWorkerName()
    /// The `digitize` program, started again as page worker processes (`PageWorkerService`) when
    /// `configuration.isolatesPages`; nil reads pages on the run's own threads.
    public var workerExecutable: String?
    /// The scale simulation's stand-in for Tesseract (issue #19); nil, as always in `digitize`: real OCR.
    @_spi(ScaleSimulation) public var simulatedReader: SimulatedPageReader?

    public init(scanFolder: URL, archive: URL, inventory: Inventory = Inventory(), configuration: RunConfiguration,
                arguments: [String] = [], cancellation: CancellationFlag = CancellationFlag(), observer: ProgressObserver? = nil) {
        self.scanFolder = scanFolder
        self.archive = archive.standardizedFileURL
        self.inventory = inventory
        self.configuration = configuration
        self.arguments = arguments
        self.cancellation = cancellation
        self.observer = observer
    }

    /// What the pipeline threads tell the catalogue writer.
    enum Message {
        case page(PageOutcome)
        case assembled(AssemblyOutcome)
        case workerFailed(String)
        /// A worker's Tesseract engine could not be made: the run stops and throws this (exit 3).
        case engineFailed(OCRError)
        case workersFinished
        /// Shared store: no page could be claimed; files whose pages are all in may wait for a builder.
        case readyFilesMayWait
    }

    /// The shared store's address, when the backlog is shared.
    private var sharedStore: PostgreSQLAddress? {
        if case let .postgreSQL(address) = store { return address }
        return nil
    }

    /// Runs the batch to the end (or until cancelled) and returns what happened.
    public func run() throws -> RunSummary {
        let started = Date()
        var summary = RunSummary()
        summary.archivePath = archive.path
        try FileManager.default.createDirectory(at: archive, withIntermediateDirectories: true)
        // A shared store coordinates its workers itself; the folder lock is for one machine's catalogue.
        let shared = sharedStore
        let lock = shared == nil ? try ArchiveLock(archive: archive) : nil
        defer { withExtendedLifetime(lock) {} }
        try Self.checkLanguages(configuration)
        let decoder = PageDecoder(maximumPixels: configuration.maxMegapixels * 1_000_000, defaultDPI: configuration.defaultDPI)
        let tessdata = configuration.tessdataPath.isEmpty ? TesseractEngine.defaultDataPath : configuration.tessdataPath
        let writer = try SearchablePDFWriter(tessdataPath: tessdata, decoder: decoder, profile: configuration.pdfProfile)
        let catalogue = try Catalogue(store: store, archive: archive)
        catalogue.worker = workerName
        if shared != nil { catalogue.lease = lease }
        // Other workers of a shared store may be writing their PDFs right now; each builder clears its own file's.
        let removed = shared == nil ? DurableFile.removeLeftovers(in: ArchiveLayout.documentsFolder(in: archive)) : 0
        let runID = try catalogue.beginRun(scanFolder: ingests ? scanFolder.path : "worker \(workerName)", arguments: arguments)
        if removed > 0 {
            try catalogue.log("cleanup", subject: "documents", detail: "\(removed) half-written file(s) from an interrupted run removed")
        }
        try SharedIngest(catalogue: catalogue).whileHeld(waitOnly: !ingests) {
            guard ingests else { return }
            if retriesFailedPages {
                let count = try catalogue.retryFailedPages()
                if count > 0 { observer?.note("\(count) page(s) that failed before will be tried again") }
            }
            var ingestTimes = StageTimes()
            try ingestTimes.measure(.catalogue) { try ingest(into: catalogue, decoder: decoder, summary: &summary) }
            summary.stages.add(ingestTimes)
        }
        let jobs = shared == nil ? try catalogue.pendingPages() : []
        summary.pagesTotal = try catalogue.connection.integer("SELECT count(*) FROM pages WHERE state != 'missing'") ?? 0
        summary.pagesAlreadyDone = summary.pagesTotal
            - (shared == nil ? jobs.count : try catalogue.connection.integer("SELECT count(*) FROM pages WHERE state = 'pending'") ?? 0)
        var remainingByFile: [Int: Int] = [:]
        for job in jobs { remainingByFile[job.fileID, default: 0] += 1 }

        let pageQueue = BlockingQueue<PageJob>(capacity: configuration.effectiveJobs * 2)
        let messages = BlockingQueue<Message>(capacity: configuration.effectiveJobs * 4)
        let assemblyQueue = BlockingQueue<AssemblyJob>(capacity: Int.max)
        let cancellation = self.cancellation
        let configuration = self.configuration
        let workerExecutable = configuration.isolatesPages ? self.workerExecutable : nil
        let simulatedReader = self.simulatedReader

        // Feeder: the pending pages, or on a shared store, pages claimed a few at a time as workers free up.
        let heartbeatStop = CancellationFlag()
        defer { heartbeatStop.cancel() }
        if let shared {
            let (worker, lease, batch) = (workerName, lease, configuration.effectiveJobs)
            startThread(named: "claimer") {
                Self.claimPages(from: shared, worker: worker, lease: lease, batch: batch, into: pageQueue,
                                messages: messages, cancellation: cancellation)
            }
            startThread(named: "heartbeat") {
                Self.renewLeases(on: shared, worker: worker, lease: lease, until: heartbeatStop)
            }
        } else {
            startThread(named: "feeder") {
                for job in jobs {
                    if cancellation.isCancelled || !pageQueue.push(job) { break }
                }
                pageQueue.close()
            }
        }
        // OCR workers.
        let workerCount = shared != nil ? configuration.effectiveJobs : max(1, min(configuration.effectiveJobs, max(jobs.count, 1)))
        summary.workers = workerCount
        let running = Mutex(workerCount)
        for index in 0..<workerCount {
            startThread(named: "ocr-\(index + 1)") {
                if let workerExecutable, simulatedReader == nil {
                    Self.workIsolated(pageQueue: pageQueue, messages: messages, executable: workerExecutable,
                                      configuration: configuration, tessdata: tessdata, cancellation: cancellation)
                } else {
                    Self.work(pageQueue: pageQueue, messages: messages, decoder: decoder, configuration: configuration,
                              tessdata: tessdata, simulatedReader: simulatedReader, cancellation: cancellation)
                }
                let isLast = running.withLock { count -> Bool in count -= 1; return count == 0 }
                if isLast { messages.push(.workersFinished) }
            }
        }
        // Assembler.
        let splitter = DocumentSplitter()
        let archive = self.archive
        startThread(named: "assembler") {
            while let job = assemblyQueue.pop() {
                // Shared store: this worker holds the file, so half-written PDFs in its folder are a dead builder's.
                if shared != nil {
                    let folder = archive.appendingPathComponent(DocumentNaming.relativePath(fileCode: job.fileCode, ordinal: 1))
                    _ = DurableFile.removeLeftovers(in: folder.deletingLastPathComponent())
                }
                messages.push(.assembled(Self.assemble(job, writer: writer, splitter: splitter, archive: archive)))
            }
        }

        // The single catalogue writer: this thread.
        let recorder = RunRecorder(catalogue: catalogue, summary: summary, isShared: shared != nil, archive: archive,
                                   pageQueue: pageQueue, assemblyQueue: assemblyQueue, cancellation: cancellation,
                                   observer: observer, remainingByFile: remainingByFile)
        let leases = PageLeases(on: catalogue.connection, worker: workerName, lease: lease)
        recorder.record(messages, leases: leases)
        summary = recorder.summary
        let failedStop = recorder.hasStoppedOnFatal
        assemblyQueue.close()
        if shared != nil {
            // Pages claimed but not read (a stop, an error) go back to the others at once.
            heartbeatStop.cancel()
            do { try leases.releaseAll() } catch { summary.warnings.append("Could not give back this worker's unfinished claims (they return when the lease runs out): \(error)") }
        }
        summary.wasInterrupted = cancellation.isCancelled && !failedStop
        summary.wallSeconds = Date().timeIntervalSince(started)
        let outcome = summary.fatalError != nil ? "stopped: \(summary.fatalError ?? "")"
            : summary.wasInterrupted ? "interrupted" : (summary.pagesFailed > 0 ? "finished with failures" : "finished")
        try? catalogue.finishRun(runID, outcome: outcome, pagesDone: summary.pagesDone, pagesFailed: summary.pagesFailed)
        summary.filesSeen = try catalogue.connection.query("SELECT count(*) FROM files").first?.first?.int ?? 0
        if let engineError = recorder.engineError { throw engineError }
        return summary
    }

    /// Starts a named plain thread (not the Swift concurrency pool: its work blocks in C calls).
    func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = 8 << 20  // Tesseract and Leptonica recurse deeply on some pages
        thread.start()
    }
}
