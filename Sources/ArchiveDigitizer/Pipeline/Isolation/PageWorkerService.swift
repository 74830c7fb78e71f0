import Foundation

/// The page worker's side: what `digitize __page-worker` runs. Reads a `WorkerSetup`, loads one
/// Tesseract engine, then reads pages one at a time as the in-process pipeline would
/// (`BatchRun.process`), announcing each step so the run can time it.
///
/// Test fault: when `DIGITIZE_TEST_WORKER_FAULT` is `SIGSEGV@NAME`, `SIGABRT@NAME` or `hang@NAME`, a
/// page whose scan file is named exactly NAME makes this worker die inside a Leptonica call, abort, or
/// hang in its decoding step. Only this hidden worker mode reads the variable, and only a deliberately
/// set value with an exact file name matches, so no ordinary run can trigger it.
public enum PageWorkerService {
    /// The hidden verb; `digitize` hands this mode its standard input and descriptor 3.
    public static let verb = PageWorkerProcess.verb
    static let faultVariable = "DIGITIZE_TEST_WORKER_FAULT"

    /// Serves pages until the run closes the pipe; returns the exit status.
    public static func serve(requests: Int32 = 0, replies: Int32 = 3) -> Int32 {
        // Ctrl-C is the run's to handle; the worker ends when the run's pipe closes.
        signal(SIGINT, SIG_IGN)
        signal(SIGTERM, SIG_IGN)
        guard case let .message(first) = WorkerFrames.read(WorkerRequest.self, from: requests),
              case let .setup(setup) = first else { return 64 }
        let engine: TesseractEngine
        do {
            engine = try TesseractEngine(language: setup.language, dataPath: setup.tessdataPath,
                                         variables: setup.tesseractVariables, pageTimeoutSeconds: setup.pageTimeoutSeconds)
        } catch {
            _ = WorkerFrames.write(WorkerReply.setupFailed(message: "\(error)", isMissingComponent: error is OCRError), to: replies)
            return 3
        }
        guard WorkerFrames.write(WorkerReply.ready, to: replies) else { return 0 }
        let decoder = PageDecoder(maximumPixels: setup.maximumPixels, defaultDPI: setup.defaultDPI)
        let fault = testFault()
        while case let .message(request) = WorkerFrames.read(WorkerRequest.self, from: requests) {
            guard case let .page(job) = request else { continue }
            let outcome = BatchRun.process(job, engine: engine, decoder: decoder) { step in
                _ = WorkerFrames.write(WorkerReply.step(step), to: replies)
                if step == .decoding, let fault, (job.location.path as NSString).lastPathComponent == fault.fileName {
                    fault.strike()
                }
            }
            guard WorkerFrames.write(WorkerReply.outcome(WorkerPageOutcome(outcome)), to: replies) else { return 0 }
        }
        return 0
    }

    /// The test fault asked for in the environment, if any.
    private static func testFault() -> TestFault? {
        guard let value = ProcessInfo.processInfo.environment[faultVariable] else { return nil }
        let parts = value.split(separator: "@", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty, let kind = TestFault.Kind(rawValue: parts[0]) else { return nil }
        return TestFault(kind: kind, fileName: parts[1])
    }

    private struct TestFault {
        enum Kind: String { case segmentationFault = "SIGSEGV", abort = "SIGABRT", hang }
        let kind: Kind
        let fileName: String

        func strike() {
            switch kind {
            case .segmentationFault: LeptonicaFault.crashInsideLeptonica()
            case .abort: abort()
            case .hang: while true { sleep(3600) }
            }
        }
    }
}
