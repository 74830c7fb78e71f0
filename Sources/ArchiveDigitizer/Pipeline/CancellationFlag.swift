import Synchronization

/// Set once when the user asks the run to stop (Ctrl-C, SIGTERM) or a fatal error occurs;
/// read by every pipeline thread between pages.
public final class CancellationFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    private let signal = Atomic<Int32>(0)

    public init() {}

    /// Asks every stage to stop taking new work; `signal` records which signal asked (0: none).
    public func cancel(signal number: Int32 = 0) {
        flag.store(true, ordering: .sequentiallyConsistent)
        if number != 0 { signal.store(number, ordering: .sequentiallyConsistent) }
    }

    /// Whether a stop was asked for.
    public var isCancelled: Bool { flag.load(ordering: .sequentiallyConsistent) }

    /// The signal that asked for the stop, or 0.
    public var signalNumber: Int32 { signal.load(ordering: .sequentiallyConsistent) }
}
