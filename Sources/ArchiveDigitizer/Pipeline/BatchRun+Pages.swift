import Foundation

/// Page processing: what one OCR worker thread does with each page it takes — decode, measure,
/// read — and hands to the single writer as a `PageOutcome`.
extension BatchRun {
    /// One OCR worker thread: builds its own Tesseract engine, then reads pages until the queue closes.
    /// In the scale simulation (`simulatedReader`, issue #19) the reader stands in for the engine.
    static func work(pageQueue: BlockingQueue<PageJob>, messages: BlockingQueue<Message>, decoder: PageDecoder,
                     configuration: RunConfiguration, tessdata: String, simulatedReader: SimulatedPageReader?,
                     cancellation: CancellationFlag) {
        if let simulatedReader {
            while !cancellation.isCancelled, let job = pageQueue.pop() {
                messages.push(.page(process(job, decoder: decoder) { _, _, _ in (simulatedReader.read(job), 0) }))
            }
            return
        }
        guard let engine = started(messages, {
            try TesseractEngine(language: configuration.language, dataPath: tessdata,
                                variables: configuration.tesseractVariables,
                                pageTimeoutSeconds: configuration.pageTimeoutSeconds)
        }) else { return }
        while !cancellation.isCancelled, let job = pageQueue.pop() {
            messages.push(.page(process(job, engine: engine, decoder: decoder)))
        }
    }

    /// An OCR thread whose pages are read by a worker process (`IsolatedPageReader`).
    static func workIsolated(pageQueue: BlockingQueue<PageJob>, messages: BlockingQueue<Message>, executable: String,
                             configuration: RunConfiguration, tessdata: String, cancellation: CancellationFlag) {
        let reader = IsolatedPageReader(executable: executable, configuration: configuration, tessdata: tessdata)
        guard started(messages, { try reader.start() }) != nil else { return }
        while !cancellation.isCancelled, let job = pageQueue.pop() {
            messages.push(.page(reader.read(job)))
        }
    }

    /// Runs `start` (an engine or a worker process starting); on failure tells the writer — an unusable
    /// model as such, so the run exits 3 — and returns nil.
    private static func started<T>(_ messages: BlockingQueue<Message>, _ start: () throws -> T) -> T? {
        do {
            return try start()
        } catch let error as OCRError {
            messages.push(.engineFailed(error))
        } catch {
            messages.push(.workerFailed("\(error)"))
        }
        return nil
    }

    /// Reads one page with `engine`; `onStep` is told as each step begins (the page worker's deadlines).
    static func process(_ job: PageJob, engine: TesseractEngine, decoder: PageDecoder,
                        onStep: @escaping (PageStep) -> Void = { _ in }) -> PageOutcome {
        process(job, decoder: decoder, onStep: onStep) { decoded, quality, stages in
            var reader = PageReader(engine: engine)
            reader.onStep = onStep
            return try reader.read(decoded, quality: quality, timings: &stages)
        }
    }

    /// Decodes and measures the page, then reads it with `read` (Tesseract, or the scale simulation's stand-in).
    private static func process(_ job: PageJob, decoder: PageDecoder, onStep: (PageStep) -> Void = { _ in },
                                read: (DecodedPage, PageQuality, inout StageTimes) throws -> (page: RecognizedPage, rotation: Int)) -> PageOutcome {
        let start = Date()
        var stages = StageTimes()
        let decoded: DecodedPage
        onStep(.decoding)
        do {
            decoded = try stages.measure(.decode) { try decoder.decode(job.location).inGrayForReading() }
        } catch let error as IngestError {
            return PageOutcome(job: job, result: .failure(PageFailure(kind: error.kind, message: error.description)),
                               decodeSeconds: Date().timeIntervalSince(start), ocrSeconds: 0, stages: stages)
        } catch {
            return PageOutcome(job: job, result: .failure(PageFailure(kind: "damaged", message: "\(error)")),
                               decodeSeconds: Date().timeIntervalSince(start), ocrSeconds: 0, stages: stages)
        }
        onStep(.cleanUp)
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
            let (page, rotation) = try read(decoded, quality, &stages)
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
}
