import Foundation

/// Which worker is reading which page when many workers on many machines share one backlog (issue #8).
///
/// A worker claims pages under a lease and renews it while it works. A worker that dies simply stops
/// renewing: once its lease has run out the pages go to whoever claims next, so no page is OCR'd twice
/// while a lease is alive, and only the worker holding a page can record it done, so no result is
/// recorded twice. Lease times come from the server's clock, never the workers', so machines whose
/// clocks disagree still agree on who holds what.
///
/// Works on the `page_claims` table of the connection's `search_path`; confined to the connection's thread.
public struct PageLeases {
    private let connection: PostgreSQLConnection

    public init(on connection: PostgreSQLConnection) { self.connection = connection }

    /// Creates `page_claims` if it is not there. The partial index keeps claiming fast when almost all of
    /// 10^8 pages are done: only the open ones are in it.
    public func createTable() throws {
        try connection.execute("""
            CREATE TABLE IF NOT EXISTS page_claims (
                page_id bigint PRIMARY KEY,
                state text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'claimed', 'done')),
                worker text,
                lease_until timestamptz,
                attempts int NOT NULL DEFAULT 0,
                completed_at timestamptz
            );
            CREATE INDEX IF NOT EXISTS page_claims_open ON page_claims (page_id) WHERE state <> 'done';
            """)
    }

    /// Puts pages on the backlog; pages already there (in any state) are left as they are.
    /// Returns how many were new.
    @discardableResult
    public func add(pages: [Int64]) throws -> Int {
        let rows = try connection.query("""
            INSERT INTO page_claims (page_id) SELECT unnest($1::bigint[]) ON CONFLICT (page_id) DO NOTHING RETURNING page_id
            """, [.text(Self.arrayLiteral(pages))])
        return rows.count
    }

    /// Claims up to `limit` pages, lowest first, for `worker` until `lease` from now: pages nobody has
    /// claimed, and pages whose holder's lease has run out (its worker is taken to be dead).
    ///
    /// `SKIP LOCKED` lets concurrent claimers pass over each other's rows instead of waiting, so workers
    /// never block one another and never get the same page.
    public func claim(worker: String, limit: Int, lease: Duration) throws -> [Int64] {
        precondition(limit > 0, "a claim asks for at least one page")
        let rows = try connection.query("""
            UPDATE page_claims
               SET state = 'claimed', worker = $1, lease_until = now() + $3 * interval '1 second', attempts = attempts + 1
             WHERE page_id IN (SELECT page_id FROM page_claims
                                WHERE state = 'pending' OR (state = 'claimed' AND lease_until < now())
                                ORDER BY page_id LIMIT $2 FOR UPDATE SKIP LOCKED)
            RETURNING page_id
            """, [.text(worker), .integer(Int64(limit)), .real(Self.seconds(lease))])
        return Self.pageIDs(rows)
    }

    /// Extends `worker`'s lease on `pages` to `lease` from now; returns the pages it still holds.
    ///
    /// A lease that has run out is lost only when another worker claims the page: until then its holder may
    /// still renew or complete it, so finished work is not thrown away for a late heartbeat.
    @discardableResult
    public func renew(pages: [Int64], worker: String, lease: Duration) throws -> [Int64] {
        let rows = try connection.query("""
            UPDATE page_claims SET lease_until = now() + $3 * interval '1 second'
             WHERE page_id = ANY($1::bigint[]) AND worker = $2 AND state = 'claimed'
            RETURNING page_id
            """, [.text(Self.arrayLiteral(pages)), .text(worker), .real(Self.seconds(lease))])
        return Self.pageIDs(rows)
    }

    /// Marks `page` done if `worker` still holds it; returns false (and changes nothing) if the page went to
    /// another worker or is already done.
    ///
    /// Call it inside the transaction that records the page's result, and roll back when it returns false:
    /// then a result is recorded exactly once, by the worker that held the page.
    public func complete(page: Int64, worker: String) throws -> Bool {
        let rows = try connection.query("""
            UPDATE page_claims SET state = 'done', lease_until = NULL, completed_at = now()
             WHERE page_id = $1 AND worker = $2 AND state = 'claimed'
            RETURNING page_id
            """, [.integer(page), .text(worker)])
        return !rows.isEmpty
    }

    /// Each worker's share of the backlog, by worker name, for `progress --store`.
    public func shares() throws -> [WorkerShare] {
        let rows = try connection.query("""
            SELECT worker,
                   count(*) FILTER (WHERE state = 'done'),
                   count(*) FILTER (WHERE state = 'claimed' AND lease_until >= now()),
                   extract(epoch FROM min(completed_at))::float8,
                   extract(epoch FROM max(completed_at))::float8
              FROM page_claims WHERE worker IS NOT NULL GROUP BY worker ORDER BY worker
            """)
        return rows.compactMap { row in
            guard row.count == 5, let worker = row[0].string, let done = row[1].int, let held = row[2].int else { return nil }
            return WorkerShare(worker: worker, pagesDone: done, pagesHeld: held,
                               firstCompletion: row[3].double.map(Date.init(timeIntervalSince1970:)),
                               lastCompletion: row[4].double.map(Date.init(timeIntervalSince1970:)))
        }
    }

    /// A name for this worker that differs between machines and between processes on one machine.
    public static func defaultWorkerName() -> String {
        "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"
    }

    /// PostgreSQL's array literal (`{1,2,3}`), sent as one parameter so any number of pages is one statement.
    private static func arrayLiteral(_ pages: [Int64]) -> String {
        "{" + pages.map(String.init).joined(separator: ",") + "}"
    }

    private static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    private static func pageIDs(_ rows: [[SQLValue]]) -> [Int64] {
        rows.compactMap { $0.first?.int.map(Int64.init) }.sorted()
    }
}

/// One worker's part of a shared backlog.
public struct WorkerShare: Sendable, Equatable {
    public var worker: String
    /// Pages this worker recorded done.
    public var pagesDone: Int
    /// Pages it holds under a live lease now.
    public var pagesHeld: Int
    public var firstCompletion: Date?
    public var lastCompletion: Date?

    /// Pages per hour between its first and last completion; nil until there are two.
    public var pagesPerHour: Double? {
        guard pagesDone > 1, let first = firstCompletion, let last = lastCompletion, last > first else { return nil }
        return Double(pagesDone - 1) / last.timeIntervalSince(first) * 3600
    }
}
