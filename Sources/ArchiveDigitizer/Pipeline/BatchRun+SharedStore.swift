import Foundation

/// The two threads a run adds on a shared PostgreSQL store (issue #8), each with its own connection.
extension BatchRun {
    /// The claimer of a worker on a shared store: claims `batch` pages at a time while the OCR threads
    /// keep up; when none is left to claim, tells the writer to look for files waiting for a builder, and
    /// waits for pages of dead workers to come free, until the whole backlog is finished.
    static func claimPages(from address: PostgreSQLAddress, worker: String, lease: Duration, batch: Int,
                                   into pageQueue: BlockingQueue<PageJob>, messages: BlockingQueue<Message>,
                                   cancellation: CancellationFlag) {
        defer { pageQueue.close() }
        do {
            let catalogue = try Catalogue(database: PostgreSQLConnection(address), upgrading: false)
            let leases = PageLeases(on: catalogue.connection, worker: worker, lease: lease)
            while !cancellation.isCancelled {
                let jobs = try LatencyProbe.shared.measure(.claim) { try catalogue.pages(leases.claim(limit: batch)) }
                if !jobs.isEmpty {
                    for job in jobs where !pageQueue.push(job) { return }
                    continue
                }
                messages.push(.readyFilesMayWait)
                if try leases.isBacklogFinished() { return }
                for _ in 0..<10 where !cancellation.isCancelled { Thread.sleep(forTimeInterval: 0.1) }
            }
        } catch {
            messages.push(.workerFailed("\(error)"))
        }
    }

    /// The heartbeat of a worker on a shared store: renews its leases every third of the lease, and
    /// seals the ledger's lanes when nobody has for a minute (`Ledger.sealIfDue`).
    static func renewLeases(on address: PostgreSQLAddress, worker: String, lease: Duration, until stop: CancellationFlag) {
        let interval = max(0.2, Double(lease.components.seconds) / 3)
        var connection: PostgreSQLConnection? = nil
        while !stop.isCancelled {
            let due = Date().addingTimeInterval(interval)
            while !stop.isCancelled && Date() < due { Thread.sleep(forTimeInterval: 0.1) }
            guard !stop.isCancelled else { return }
            // A failed renewal is tried again next beat (reconnecting); the writer reports lost connections.
            do {
                let open = try connection ?? PostgreSQLConnection(address)
                connection = open
                try LatencyProbe.shared.measure(.renew) { try PageLeases(on: open, worker: worker, lease: lease).renew() }
                try open.transaction { try Ledger(connection: open, runID: nil).sealIfDue(every: 60) }
            } catch {
                connection = nil
            }
        }
    }
}
