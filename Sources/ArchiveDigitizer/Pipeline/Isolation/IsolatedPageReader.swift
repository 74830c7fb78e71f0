import Foundation

/// Reads pages through a page worker process (`PageWorkerProcess`), so that a fault inside
/// Tesseract, Leptonica or poppler, or a step that never ends, costs one page and not the batch.
///
/// - A worker that dies on a page is replaced and the page tried once more; dying again, the page
///   fails with the signals' names and two aborted attempts (the catalogue quarantines it).
/// - Each step of a page (`PageStep`) has a hard deadline from the run's configuration; past it
///   the worker is ended, the page fails ("decoding took longer than 120 s") with one aborted
///   attempt, and a fresh worker takes the next page.
///
/// One per OCR thread of the run, confined to it; it owns at most one worker at a time.
final class IsolatedPageReader {
    private let executable: String
    private let setup: WorkerSetup
    private let configuration: RunConfiguration
    private var worker: PageWorkerProcess?
    /// How long a new worker may take to load its engine.
    static let startDeadlineSeconds = 300.0

    init(executable: String, configuration: RunConfiguration, tessdata: String) {
        self.executable = executable
        self.configuration = configuration
        setup = WorkerSetup(language: configuration.language, tessdataPath: tessdata,
                            tesseractVariables: configuration.tesseractVariables,
                            pageTimeoutSeconds: configuration.pageTimeoutSeconds,
                            maximumPixels: configuration.maxMegapixels * 1_000_000, defaultDPI: configuration.defaultDPI)
    }

    /// Starts the first worker, so a model Tesseract refuses stops the run before any page (exit 3).
    func start() throws {
        worker = try startWorker()
    }

    /// Reads `job` in a worker; never throws: every way of failing becomes the page's failure.
    func read(_ job: PageJob) -> PageOutcome {
        let started = Date()
        var deaths: [String] = []
        while true {
            switch attempt(job) {
            case let .finished(outcome):
                return outcome
            case let .died(how):
                deaths.append(how)
                guard deaths.count >= 2 else { continue }
                return failed(job, since: started, kind: "crashed", attempts: deaths.count, message: """
                    reading this page killed the worker process twice (\(deaths.joined(separator: ", ")): a fault inside \
                    Tesseract, Leptonica or poppler); the batch went on without it
                    """)
            case let .timedOut(step, seconds):
                return failed(job, since: started, kind: "timed-out", attempts: deaths.count + 1,
                              message: "\(step.name) took longer than \(seconds) s; the worker reading this page was ended and the batch went on")
            case let .cannotStart(error):
                return failed(job, since: started, kind: "worker", attempts: 0, message: "\(error)")
            }
        }
    }

    private enum Attempt {
        case finished(PageOutcome)
        case died(String)
        case timedOut(PageStep, seconds: Int)
        case cannotStart(Error)
    }

    private func attempt(_ job: PageJob) -> Attempt {
        let current: PageWorkerProcess
        do {
            current = try worker ?? startWorker()
        } catch {
            return .cannotStart(error)
        }
        worker = current
        guard current.send(.page(job)) else { return died(current) }
        var step = PageStep.decoding
        var deadline = Date().addingTimeInterval(Double(configuration.deadline(for: step)))
        while true {
            switch current.reply(until: deadline) {
            case let .message(.step(next)):
                step = next
                deadline = Date().addingTimeInterval(Double(configuration.deadline(for: step)))
            case let .message(.outcome(outcome)):
                return .finished(outcome.outcome)
            case .message(.ready), .message(.setupFailed), .garbled:
                current.end()
                worker = nil
                return .died("a garbled answer")
            case .closed:
                return died(current)
            case .timedOut:
                current.end()
                worker = nil
                return .timedOut(step, seconds: configuration.deadline(for: step))
            }
        }
    }

    private func died(_ current: PageWorkerProcess) -> Attempt {
        worker = nil
        return .died(current.howItEnded())
    }

    private func startWorker() throws -> PageWorkerProcess {
        let started = try PageWorkerProcess(executable: executable)
        guard started.send(.setup(setup)) else { throw PageWorkerError.diedAtStart(how: started.howItEnded()) }
        switch started.reply(until: Date().addingTimeInterval(Self.startDeadlineSeconds)) {
        case .message(.ready):
            return started
        case let .message(.setupFailed(message, isMissingComponent)):
            if isMissingComponent { throw OCRError.workerEngine(message: message) }
            throw PageWorkerError.diedAtStart(how: message)
        case .closed:
            throw PageWorkerError.diedAtStart(how: started.howItEnded())
        case .timedOut, .garbled, .message:
            started.end()
            throw PageWorkerError.diedAtStart(how: "no answer within \(Int(Self.startDeadlineSeconds)) s")
        }
    }

    private func failed(_ job: PageJob, since started: Date, kind: String, attempts: Int, message: String) -> PageOutcome {
        PageOutcome(job: job, result: .failure(PageFailure(kind: kind, message: message, abortedAttempts: attempts)),
                    decodeSeconds: Date().timeIntervalSince(started), ocrSeconds: 0)
    }
}
