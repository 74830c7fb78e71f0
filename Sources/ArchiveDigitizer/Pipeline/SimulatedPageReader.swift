/// What stands in for OCR in the scale simulation (`digitize-scale-sim`, `make bench-scale`, issue #19):
/// a reader that gives each claimed page a made-up result after a fixed delay, so that many worker
/// processes on one machine load the shared store the way a hundred OCR servers would.
///
/// The seam is SPI: only a target that writes `@_spi(ScaleSimulation) import ArchiveDigitizer` sees
/// it, and the `digitize` command has no option that sets it. Everything else of the run — decoding
/// the page, claims, leases, heartbeats, recording, the ledger, building the PDFs — is the real thing.
@_spi(ScaleSimulation)
public struct SimulatedPageReader: Sendable {
    /// Makes the page's result; called on the OCR thread, and may sleep to stand for the OCR time.
    public var read: @Sendable (PageJob) -> RecognizedPage

    public init(read: @escaping @Sendable (PageJob) -> RecognizedPage) {
        self.read = read
    }
}
