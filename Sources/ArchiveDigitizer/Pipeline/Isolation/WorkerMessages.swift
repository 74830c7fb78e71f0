import Foundation

/// What a run tells one of its page workers.
enum WorkerRequest: Codable {
    /// First message: everything the worker needs to make its decoder and Tesseract engine.
    case setup(WorkerSetup)
    /// Read this page and answer with `.step`s and one `.outcome`.
    case page(PageJob)
}

/// What a page worker answers.
enum WorkerReply: Codable {
    /// The engine is loaded; pages may come.
    case ready
    /// The engine could not be made; the worker exits. `isMissingComponent`: the model is absent or unusable.
    case setupFailed(message: String, isMissingComponent: Bool)
    /// The worker has started `step` of the current page (the run times each step from here).
    case step(PageStep)
    /// The current page is finished, read or failed.
    case outcome(WorkerPageOutcome)
}

/// The settings a worker process starts from, taken from the run's configuration.
struct WorkerSetup: Codable {
    var language: String
    var tessdataPath: String
    var tesseractVariables: [String: String]
    var pageTimeoutSeconds: Int
    var maximumPixels: Int
    var defaultDPI: Int
}

/// `PageOutcome` as it crosses the pipe (`Result` has no `Codable` form of its own).
struct WorkerPageOutcome: Codable {
    var job: PageJob
    var page: RecognizedPage?
    var facts: PageFacts?
    var failure: PageFailure?
    var decodeSeconds: Double
    var ocrSeconds: Double
    /// Each stage's CPU and wall time, measured in the worker process (issue #18's timings).
    var stages: StageTimes

    init(_ outcome: PageOutcome) {
        job = outcome.job
        switch outcome.result {
        case let .success((page, facts)): (self.page, self.facts) = (page, facts)
        case let .failure(failure): self.failure = failure
        }
        decodeSeconds = outcome.decodeSeconds
        ocrSeconds = outcome.ocrSeconds
        stages = outcome.stages
    }

    var outcome: PageOutcome {
        let result: Result<(RecognizedPage, PageFacts), PageFailure>
        if let page, let facts {
            result = .success((page, facts))
        } else {
            result = .failure(failure ?? PageFailure(kind: "worker", message: "the page worker sent back neither a reading nor a reason"))
        }
        return PageOutcome(job: job, result: result, decodeSeconds: decodeSeconds, ocrSeconds: ocrSeconds, stages: stages)
    }
}
