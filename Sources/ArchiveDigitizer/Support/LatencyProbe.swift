import Foundation
import Synchronization

/// How long the shared store's hot statements take inside a worker, for the scale simulation
/// (`make bench-scale`, issue #19) only: `digitize` never switches it on, and while it is off each
/// measured call costs one atomic load.
///
/// Samples are seconds of wall time, kept per operation until `drain()`; a worker of the simulation
/// writes them out when it stops, and the benchmark script computes the percentiles.
@_spi(ScaleSimulation)
public final class LatencyProbe: Sendable {
    /// The operations measured.
    public enum Operation: String, Sendable, CaseIterable {
        /// Claiming a batch of pages and reading their jobs (`PageLeases.claim`, `Catalogue.pages`).
        case claim
        /// Appending one ledger event, waiting for the chain's lock included (`Ledger.record`).
        case ledgerAppend
        /// Recording one page's result: its whole transaction, commit included (`Catalogue.record`).
        case pageRecord
        /// One heartbeat renewing a worker's leases (`PageLeases.renew`).
        case renew
    }

    /// The one probe of the process.
    public static let shared = LatencyProbe()

    private let isOn = Atomic<Bool>(false)
    private let samples = Mutex<[Operation: [Double]]>([:])

    /// Starts keeping samples.
    public func start() { isOn.store(true, ordering: .relaxed) }

    /// The samples kept so far, emptied.
    public func drain() -> [Operation: [Double]] {
        samples.withLock { kept in
            defer { kept = [:] }
            return kept
        }
    }

    /// Runs `body`, and keeps its duration under `operation` when the probe is on.
    @discardableResult
    func measure<T>(_ operation: Operation, _ body: () throws -> T) rethrows -> T {
        guard isOn.load(ordering: .relaxed) else { return try body() }
        let start = DispatchTime.now().uptimeNanoseconds
        defer {
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            samples.withLock { $0[operation, default: []].append(seconds) }
        }
        return try body()
    }
}
