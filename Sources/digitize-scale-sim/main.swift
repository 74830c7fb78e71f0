// digitize-scale-sim: the scale simulation's worker (`make bench-scale`, issue #19). Not part of the
// product: it runs the real shared-store protocol of `digitize worker` (claims, leases, heartbeats,
// page records, the ledger, PDF building) with OCR replaced by a fixed delay, and writes how long the
// store's statements took. scripts/bench-scale.sh starts many of them against one PostgreSQL.
import Foundation
@_spi(ScaleSimulation) import ArchiveDigitizer

let usage = """
    USAGE: digitize-scale-sim seed --store URL --scans DIR --archive DIR
           digitize-scale-sim worker --store URL --archive DIR --rate PAGES_PER_SECOND --samples FILE [--lease SECONDS]

           digitize-scale-sim pool --store URL [--count 2000] [--words 250]
           digitize-scale-sim search --store URL [--runs 11]

    seed    reads the synthetic scan folder (one hard-linked multi-page TIFF per file) into the store
    worker  one worker of the simulation: one OCR thread whose "OCR" sleeps 1/rate seconds per page;
            on exit writes its latency samples (seconds) and its counts as JSON to FILE
    pool    creates the store's tables and sim_pool, made-up page results the sizing loader copies
    search  times the README's benchmark search queries on the store
    """

func value(_ name: String, in arguments: [String]) -> String? {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

func required(_ name: String, in arguments: [String]) throws -> String {
    guard let found = value(name, in: arguments) else { throw SimulationError(message: "\(name) is missing\n\n\(usage)") }
    return found
}

func runWorker(_ arguments: [String]) throws -> Int32 {
    let store = try StoreLocation(parsing: required("--store", in: arguments))
    let archive = URL(fileURLWithPath: try required("--archive", in: arguments))
    guard let rate = Double(try required("--rate", in: arguments)), rate > 0 else {
        throw SimulationError(message: "--rate takes pages per worker-second, e.g. 2.25")
    }
    let samplesPath = try required("--samples", in: arguments)
    var configuration = RunConfiguration()
    configuration.jobs = 1
    let cancellation = CancellationFlag()
    signal(SIGTERM, SIG_IGN)
    let trap = DispatchSource.makeSignalSource(signal: SIGTERM, queue: .global())
    trap.setEventHandler { cancellation.cancel(signal: SIGTERM) }
    trap.resume()
    let run = BatchRun(scanFolder: archive, archive: archive, configuration: configuration,
                       arguments: ["scale-sim", "worker"], cancellation: cancellation)
    run.store = store
    run.ingests = false
    if let lease = value("--lease", in: arguments).flatMap(Int.init) { run.lease = .seconds(lease) }
    run.simulatedReader = SimulatedPageReader(read: { job in
        DelayReader(delay: 1 / rate, width: 200, height: 280).read(pageID: job.pageID)
    })
    LatencyProbe.shared.start()
    let summary = try run.run()
    var report: [String: Any] = [
        "pages_done": summary.pagesDone, "pages_failed": summary.pagesFailed, "documents": summary.documentsWritten,
        "files": summary.filesCompleted, "taken_over": summary.warnings.filter { $0.contains("took this page over") }.count,
        "lease_lost": summary.warnings.filter { $0.contains("took over this file") }.count,
        "fatal": summary.fatalError ?? "", "wall_seconds": summary.wallSeconds,
    ]
    for (operation, samples) in LatencyProbe.shared.drain() { report[operation.rawValue] = samples }
    let data = try JSONSerialization.data(withJSONObject: report)
    try data.write(to: URL(fileURLWithPath: samplesPath), options: .atomic)
    withExtendedLifetime(trap) {}
    return summary.fatalError == nil ? 0 : 74
}

do {
    let arguments = Array(CommandLine.arguments.dropFirst())
    switch arguments.first {
    case "seed":
        let pages = try Seeding(store: try StoreLocation(parsing: required("--store", in: arguments)),
                                scans: URL(fileURLWithPath: try required("--scans", in: arguments)),
                                archive: URL(fileURLWithPath: try required("--archive", in: arguments))).run()
        print("seeded \(pages) pages")
    case "worker":
        exit(try runWorker(arguments))
    case "pool", "search":
        let sizing = Sizing(store: try StoreLocation(parsing: required("--store", in: arguments)),
                            archive: URL(fileURLWithPath: value("--archive", in: arguments) ?? "/tmp"))
        if arguments.first == "pool" {
            try sizing.fillPool(count: Int(value("--count", in: arguments) ?? "") ?? 2_000,
                                wordCount: Int(value("--words", in: arguments) ?? "") ?? 250)
        } else {
            try sizing.timeSearches(runs: Int(value("--runs", in: arguments) ?? "") ?? 11)
        }
    default:
        FileHandle.standardError.write(Data((usage + "\n").utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("digitize-scale-sim: \(error)\n".utf8))
    exit(1)
}
