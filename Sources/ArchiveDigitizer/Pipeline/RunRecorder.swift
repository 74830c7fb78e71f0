import Foundation

/// The single catalogue writer of a run: takes what the feeder, OCR workers and assembler report
/// (`BatchRun.Message`), records each page and each file's documents in the catalogue, one
/// transaction each, hands finished files to the assembler, and tallies the run's summary.
///
/// Lives on the thread that called `BatchRun.run()`; nothing else writes to the catalogue, so no
/// transaction ever waits for another of this process.
final class RunRecorder {
    private let catalogue: Catalogue
    private let isShared: Bool
    private let archive: URL
    private let pageQueue: BlockingQueue<PageJob>
    private let assemblyQueue: BlockingQueue<AssemblyJob>
    private let cancellation: CancellationFlag
    private weak var observer: ProgressObserver?
    /// Pages still to come per file (embedded store), so a file is assembled when its last page is in.
    private var remainingByFile: [Int: Int]
    private var pendingAssemblies = 0
    private var workersDone = false
    /// Pages finished so far, those of earlier runs included, for the progress bar.
    private var done: Int

    /// What the run did; read when `record` returns.
    private(set) var summary: RunSummary
    /// Whether a catalogue or disk error stopped the run (cancelled, not interrupted by the user).
    private(set) var hasStoppedOnFatal = false
    /// The first worker engine that could not be made; the run throws it once recorded (exit 3).
    private(set) var engineError: OCRError?

    init(catalogue: Catalogue, summary: RunSummary, isShared: Bool, archive: URL, pageQueue: BlockingQueue<PageJob>,
         assemblyQueue: BlockingQueue<AssemblyJob>, cancellation: CancellationFlag, observer: ProgressObserver?,
         remainingByFile: [Int: Int]) {
        self.catalogue = catalogue
        self.summary = summary
        self.isShared = isShared
        self.archive = archive
        self.pageQueue = pageQueue
        self.assemblyQueue = assemblyQueue
        self.cancellation = cancellation
        self.observer = observer
        self.remainingByFile = remainingByFile
        self.done = summary.pagesAlreadyDone
    }

    /// Records until every worker has finished and every file handed to the assembler is back;
    /// first hands over the files an earlier run left complete but unassembled (embedded store).
    func record(_ messages: BlockingQueue<BatchRun.Message>, leases: PageLeases) {
        do {
            if !isShared {
                for fileID in try catalogue.filesReadyToAssemble() { try submitAssembly(fileID) }
            }
        } catch {
            stopOnFatal("\(error)")
        }
        while !(workersDone && pendingAssemblies == 0), let message = messages.pop() {
            switch message {
            case let .page(outcome):
                record(outcome)
            case let .assembled(outcome):
                record(outcome)
            case let .workerFailed(message):
                stopOnFatal(message)
            case let .engineFailed(error):
                engineError = engineError ?? error
                stopOnFatal(error.description)
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
    }

    private func record(_ outcome: PageOutcome) {
        summary.decodeSeconds += outcome.decodeSeconds
        summary.ocrSeconds += outcome.ocrSeconds
        summary.stages.add(outcome.stages)
        if hasStoppedOnFatal { return }
        do {
            let recordStart = Date()
            let recording = try summary.stages.measure(.catalogue) { try catalogue.record(outcome) }
            summary.catalogueSeconds += Date().timeIntervalSince(recordStart)
            guard recording != .takenOver else {
                summary.warnings.append("\(outcome.job.label): another worker took this page over after this worker's lease ran out; its result is the one recorded")
                return
            }
            done += 1
            var failureText: String? = nil
            if case let .failure(failure) = outcome.result {
                summary.pagesFailed += 1
                failureText = failure.message
                var line = RunFailure(location: outcome.job.label, kind: failure.kind, message: failure.message)
                if failure.abortedAttempts > 0, let attempts = try catalogue.quarantinedAttempts(pageID: outcome.job.pageID) {
                    summary.pagesQuarantined += 1
                    line.quarantinedAfter = attempts
                }
                summary.failedItems.append(line)
            } else {
                summary.pagesDone += 1
            }
            observer?.pageFinished(done: done, total: summary.pagesTotal, label: outcome.job.label, failure: failureText)
            if isShared {
                if recording == .recorded(buildsFile: true) { try submitAssembly(outcome.job.fileID) }
            } else {
                remainingByFile[outcome.job.fileID, default: 1] -= 1
                if remainingByFile[outcome.job.fileID] == 0 { try submitAssembly(outcome.job.fileID) }
            }
        } catch {
            stopOnFatal("\(error)")
        }
    }

    private func record(_ outcome: AssemblyOutcome) {
        pendingAssemblies -= 1
        summary.assemblySeconds += outcome.seconds
        summary.stages.add(outcome.stages)
        if hasStoppedOnFatal { return }
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
                summary.failedItems.append(RunFailure(location: outcome.fileCode, kind: "assembly", message: failure.message))
                if failure.isFatal { stopOnFatal(failure.message) }
            }
        } catch let error as LeaseLostError {
            summary.warnings.append(error.description)
        } catch {
            stopOnFatal("\(error)")
        }
    }

    /// Hands a file whose pages are all in to the assembler (or records why it has nothing to assemble).
    private func submitAssembly(_ fileID: Int) throws {
        guard !cancellation.isCancelled, let job = try catalogue.assemblyInput(fileID: fileID) else { return }
        if job.pages.isEmpty {
            try catalogue.recordAssemblyFailure(fileID: fileID, fileCode: job.fileCode, message: "no page of this file could be read")
            summary.failedItems.append(RunFailure(location: job.fileCode, kind: "no-pages", message: "no page of this file could be read; no PDF written."))
            return
        }
        pendingAssemblies += 1
        assemblyQueue.push(job)
    }

    /// A catalogue or disk error: the run stops taking pages; what is recorded stays recorded.
    private func stopOnFatal(_ message: String) {
        summary.fatalError = message
        hasStoppedOnFatal = true
        cancellation.cancel()
        pageQueue.close()
    }
}
