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

    /// The catalogue's file inside an archive folder.
    public static func cataloguePath(in archive: URL) -> String {
        archive.appendingPathComponent("catalogue.sqlite").path
    }

    /// What the pipeline threads tell the catalogue writer.
    enum Message {
        case page(PageOutcome)
        case assembled(AssemblyOutcome)
        case workerFailed(String)
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
        let writer = try SearchablePDFWriter(tessdataPath: tessdata, decoder: decoder)
        let catalogue = try Catalogue(store: store, archive: archive)
        catalogue.worker = workerName
        if shared != nil { catalogue.lease = lease }
        // Other workers of a shared store may be writing their PDFs right now; each builder clears its own file's.
        let removed = shared == nil ? DurableFile.removeLeftovers(in: archive.appendingPathComponent("documents")) : 0
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
                Self.work(pageQueue: pageQueue, messages: messages, decoder: decoder, configuration: configuration,
                          tessdata: tessdata, cancellation: cancellation)
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
        var pendingAssemblies = 0
        var workersDone = false
        var failedStop = false
        func submitAssembly(_ fileID: Int) throws {
            guard !cancellation.isCancelled, let job = try catalogue.assemblyInput(fileID: fileID) else { return }
            if job.pages.isEmpty {
                try catalogue.recordAssemblyFailure(fileID: fileID, fileCode: job.fileCode, message: "no page of this file could be read")
                summary.failures.append("\(job.fileCode): no page of this file could be read; no PDF written.")
                return
            }
            pendingAssemblies += 1
            assemblyQueue.push(job)
        }
        func stopOnFatal(_ message: String) {
            summary.fatalError = message
            failedStop = true
            cancellation.cancel()
            pageQueue.close()
        }
        do {
            if shared == nil {
                for fileID in try catalogue.filesReadyToAssemble() { try submitAssembly(fileID) }
            }
        } catch {
            stopOnFatal("\(error)")
        }
        let leases = PageLeases(on: catalogue.connection, worker: workerName, lease: lease)
        var done = summary.pagesAlreadyDone
        while !(workersDone && pendingAssemblies == 0), let message = messages.pop() {
            switch message {
            case let .page(outcome):
                summary.decodeSeconds += outcome.decodeSeconds
                summary.ocrSeconds += outcome.ocrSeconds
                summary.stages.add(outcome.stages)
                if failedStop { continue }
                do {
                    let recordStart = Date()
                    let recording = try summary.stages.measure(.catalogue) { try catalogue.record(outcome) }
                    summary.catalogueSeconds += Date().timeIntervalSince(recordStart)
                    guard recording != .takenOver else {
                        summary.warnings.append("\(outcome.job.label): another worker took this page over after this worker's lease ran out; its result is the one recorded")
                        continue
                    }
                    done += 1
                    var failureText: String? = nil
                    if case let .failure(failure) = outcome.result {
                        summary.pagesFailed += 1
                        failureText = failure.message
                        summary.failures.append("\(outcome.job.label): \(failure.message)")
                    } else {
                        summary.pagesDone += 1
                    }
                    observer?.pageFinished(done: done, total: summary.pagesTotal, label: outcome.job.label, failure: failureText)
                    if shared != nil {
                        if recording == .recorded(buildsFile: true) { try submitAssembly(outcome.job.fileID) }
                    } else {
                        remainingByFile[outcome.job.fileID, default: 1] -= 1
                        if remainingByFile[outcome.job.fileID] == 0 { try submitAssembly(outcome.job.fileID) }
                    }
                } catch {
                    stopOnFatal("\(error)")
                }
            case let .assembled(outcome):
                pendingAssemblies -= 1
                summary.assemblySeconds += outcome.seconds
                summary.stages.add(outcome.stages)
                if failedStop { continue }
                do {
                    switch outcome.result {
                    case let .success(documents):
                        let recordStart = Date()
                        let superseded = try summary.stages.measure(.catalogue) {
                            try catalogue.recordDocuments(fileID: outcome.fileID, fileCode: outcome.fileCode, documents: documents)
                        }
                        summary.catalogueSeconds += Date().timeIntervalSince(recordStart)
                        // Only after the catalogue no longer refers to them.
                        for path in superseded { try? FileManager.default.removeItem(at: archive.appendingPathComponent(path)) }
                        summary.documentsWritten += documents.count
                        summary.filesCompleted += 1
                        observer?.note("\(outcome.fileCode): \(documents.count) document(s) written")
                    case let .failure(failure):
                        try catalogue.recordAssemblyFailure(fileID: outcome.fileID, fileCode: outcome.fileCode, message: failure.message)
                        summary.failures.append("\(outcome.fileCode): \(failure.message)")
                        if failure.isFatal { stopOnFatal(failure.message) }
                    }
                } catch let error as LeaseLostError {
                    summary.warnings.append(error.description)
                } catch {
                    stopOnFatal("\(error)")
                }
            case let .workerFailed(message):
                stopOnFatal(message)
            case .workersFinished:
                workersDone = true
            case .readyFilesMayWait:
                do {
                    while !cancellation.isCancelled, let fileID = try leases.claimReadyFile() { try submitAssembly(fileID) }
                } catch {
                    stopOnFatal("\(error)")
                }
            }
        }
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
        return summary
    }

    // MARK: Ingest

    private func ingest(into catalogue: Catalogue, decoder: PageDecoder, summary: inout RunSummary) throws {
        let listing = try ScanFolder(root: scanFolder, aliasFolder: archive.appendingPathComponent("links")).list()
        summary.ignoredFiles = listing.ignored
        summary.warnings += listing.problems + inventory.problems
        for scanned in listing.files {
            if cancellation.isCancelled { return }
            guard Inventory.isSafeFileCode(scanned.code) else {
                summary.warnings.append("Folder “\(scanned.relativeFolder)” cannot be a file code (it starts with a dot or holds control characters); skipped.")
                continue
            }
            let fileID = try catalogue.fileID(for: scanned, inventory: inventory.entries[scanned.code])
            var names = Set<String>()
            for source in scanned.sources {
                let name = (source.relativePath as NSString).lastPathComponent
                names.insert(name)
                let known = try catalogue.knownSource(fileID: fileID, name: name)
                if let known, known.size == source.size, known.modified == source.modified {
                    try catalogue.registerSource(fileID: fileID, fileCode: scanned.code, source: source, sha256: known.sha256,
                                                 format: ScanFormat(rawValue: known.format), frameCount: known.frameCount, error: nil)
                    continue
                }
                var sha = ""
                var format: ScanFormat? = nil
                var frames = 1
                var problem: IngestError? = nil
                do {
                    sha = try SHA256Digest.hex(ofFileAt: source.path)
                    let sniffed = try ScanFormat.sniff(fileAt: source.path)
                    format = sniffed
                    frames = try decoder.pageCount(path: source.path, format: sniffed)
                } catch let error as IngestError {
                    problem = error
                    summary.failures.append("\(scanned.code)/\(name): \(error.description)")
                    summary.pagesFailed += 1
                } catch {
                    problem = .unreadableFile(path: source.path, reason: "\(error)")
                    summary.failures.append("\(scanned.code)/\(name): \(error)")
                    summary.pagesFailed += 1
                }
                if sha.isEmpty { sha = "unreadable:\(source.size):\(source.modified)" }
                try catalogue.registerSource(fileID: fileID, fileCode: scanned.code, source: source, sha256: sha,
                                             format: format, frameCount: frames, error: problem)
            }
            try catalogue.markMissingSources(fileID: fileID, fileCode: scanned.code, present: names)
            try catalogue.renumberPages(fileID: fileID)
        }
    }

    /// Fails early, with the package to install, when a language model is missing.
    static func checkLanguages(_ configuration: RunConfiguration) throws {
        let path = configuration.tessdataPath.isEmpty ? TesseractEngine.defaultDataPath : configuration.tessdataPath
        for language in configuration.language.split(separator: "+") {
            let model = (path as NSString).appendingPathComponent("\(language).traineddata")
            if !FileManager.default.fileExists(atPath: model) {
                throw OCRError.modelMissing(language: String(language), dataPath: path)
            }
        }
    }

    // MARK: Stages

    private func startThread(named name: String, _ body: @escaping @Sendable () -> Void) {
        let thread = Thread(block: body)
        thread.name = name
        thread.stackSize = 8 << 20  // Tesseract and Leptonica recurse deeply on some pages
        thread.start()
    }

    private static func work(pageQueue: BlockingQueue<PageJob>, messages: BlockingQueue<Message>, decoder: PageDecoder,
                             configuration: RunConfiguration, tessdata: String, cancellation: CancellationFlag) {
        let engine: TesseractEngine
        do {
            engine = try TesseractEngine(language: configuration.language, dataPath: tessdata,
                                         variables: configuration.tesseractVariables,
                                         pageTimeoutSeconds: configuration.pageTimeoutSeconds)
        } catch {
            messages.push(.workerFailed("\(error)"))
            return
        }
        while !cancellation.isCancelled, let job = pageQueue.pop() {
            messages.push(.page(process(job, engine: engine, decoder: decoder)))
        }
    }

    static func process(_ job: PageJob, engine: TesseractEngine, decoder: PageDecoder) -> PageOutcome {
        let start = Date()
        var stages = StageTimes()
        let decoded: DecodedPage
        do {
            decoded = try stages.measure(.decode) { try decoder.decode(job.location).inGrayForReading() }
        } catch let error as IngestError {
            return PageOutcome(job: job, result: .failure(PageFailure(kind: error.kind, message: error.description)),
                               decodeSeconds: Date().timeIntervalSince(start), ocrSeconds: 0, stages: stages)
        } catch {
            return PageOutcome(job: job, result: .failure(PageFailure(kind: "damaged", message: "\(error)")),
                               decodeSeconds: Date().timeIntervalSince(start), ocrSeconds: 0, stages: stages)
        }
        let (measured, quality, isBlank) = stages.measure(.facts) {
            let measured = decoded.image.measure()
            let quality = PageQuality(decoded.image)
            return (measured, quality, OCRPreparation.isBlank(decoded.image, dpi: decoded.dpi, quality: quality))
        }
        var facts = PageFacts(width: decoded.image.width, height: decoded.image.height, dpi: decoded.dpi,
                              isResolutionRecorded: decoded.isResolutionRecorded, colour: decoded.colourMode,
                              compression: decoded.compression, skewDegrees: measured.skew,
                              inkCoverage: measured.ink, isBlank: isBlank, hadTextLayer: decoded.hadTextLayer,
                              paperLevel: quality.paperLevel, inkLevel: quality.inkLevel)
        if isBlank {
            facts.qualityFlags = quality.flags(dpi: decoded.dpi, meanConfidence: 0, skewDegrees: nil, isBlank: true)
            return PageOutcome(job: job, result: .success((RecognizedPage(text: "", words: [], meanConfidence: 0), facts)),
                               decodeSeconds: Date().timeIntervalSince(start), ocrSeconds: 0, stages: stages)
        }
        let decodeSeconds = Date().timeIntervalSince(start)
        let ocrStart = Date()
        do {
            let (page, rotation) = try PageReader(engine: engine).read(decoded, quality: quality, timings: &stages)
            facts.rotation = rotation
            facts.qualityFlags = quality.flags(dpi: decoded.dpi, meanConfidence: page.meanConfidence,
                                               skewDegrees: measured.skew, isBlank: false)
            return PageOutcome(job: job, result: .success((page, facts)), decodeSeconds: decodeSeconds,
                               ocrSeconds: Date().timeIntervalSince(ocrStart), stages: stages)
        } catch {
            return PageOutcome(job: job, result: .failure(PageFailure(kind: "ocr", message: "\(error)")),
                               decodeSeconds: decodeSeconds, ocrSeconds: Date().timeIntervalSince(ocrStart), stages: stages)
        }
    }

    static func assemble(_ job: AssemblyJob, writer: SearchablePDFWriter, splitter: DocumentSplitter, archive: URL) -> AssemblyOutcome {
        let start = Date()
        var stages = StageTimes()
        let spans = stages.measure(.metadata) { splitter.split(job.pages) }
        let extractor = MetadataExtractor()
        var documents: [AssembledDocument] = []
        do {
            for (index, span) in spans.enumerated() {
                let ordinal = index + 1
                let pages = job.pages.filter { $0.pageNumber >= span.firstPage && $0.pageNumber <= span.lastPage }
                let code = DocumentNaming.documentCode(fileCode: job.fileCode, ordinal: ordinal)
                let relativePath = DocumentNaming.relativePath(fileCode: job.fileCode, ordinal: ordinal)
                let metadata = stages.measure(.metadata) { extractor.extract(from: pages) }
                let title = metadata.title.isEmpty ? code : metadata.title
                let info = PDFDocumentInfo(document: code, fileCode: job.fileCode, metadata: metadata)
                let written = try stages.measure(.pdf) { try writer.write(pages.map(\.pdf), info: info, to: archive.appendingPathComponent(relativePath)) }
                let json = (try? String(data: JSONEncoder.sorted.encode(metadata), encoding: .utf8)) ?? "{}"
                documents.append(AssembledDocument(ordinal: ordinal, code: code, firstPage: span.firstPage, lastPage: span.lastPage,
                                                   title: title, metadataJSON: json, relativePath: relativePath, written: written))
            }
            return AssemblyOutcome(fileID: job.fileID, fileCode: job.fileCode, result: .success(documents),
                                   seconds: Date().timeIntervalSince(start), stages: stages)
        } catch let AssemblyError.writeFailed(error) {
            return AssemblyOutcome(fileID: job.fileID, fileCode: job.fileCode,
                                   result: .failure(AssemblyFailure(message: error.description, isFatal: error.isFatalForRun)),
                                   seconds: Date().timeIntervalSince(start), stages: stages)
        } catch {
            return AssemblyOutcome(fileID: job.fileID, fileCode: job.fileCode,
                                   result: .failure(AssemblyFailure(message: "\(error)", isFatal: false)),
                                   seconds: Date().timeIntervalSince(start), stages: stages)
        }
    }
}
