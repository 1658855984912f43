// The overview the dashboard polls: per-sweep counts and successes from the per-configuration
// summary, the recent rate from the outcomes' (configuration, recordedAt) index, and bounded lists of
// workers, running trials and failures. `now` is the coordinator's clock, never read here.

import Foundation
import GRDB
import SweepCore

extension DashboardReader {
    /// Seconds of recent results the rate is measured over.
    public static let rateWindow: TimeInterval = 300

    /// Every sweep's progress, the workers, running trials and recent failures, as of `now`.
    ///
    /// `readOnly` and `canManage` are false: they are the coordinator's to set.
    public func overview(now: Date) async throws -> DashboardOverview {
        let time = now.timeIntervalSince1970
        return try await read { db in
            let sweeps = try Self.sweepTallies(db, since: time - Self.rateWindow).map { tally -> DashboardOverview.Sweep in
                // The rate over the window, or over the time since the window's first result when that is shorter.
                let span = max(10, time - (tally.firstRecent ?? time - Self.rateWindow))
                let rate = tally.recent > 0 ? Double(tally.recent) / min(span, Self.rateWindow) * 60 : 0
                let remaining = tally.queued + tally.leased
                return DashboardOverview.Sweep(
                    name: tally.name, preset: tally.preset, state: tally.state, queued: tally.queued, leased: tally.leased,
                    done: tally.done, failed: tally.failed, cancelled: tally.cancelled, successes: tally.successes,
                    ratePerMinute: rate, etaSeconds: rate > 0 && remaining > 0 ? Double(remaining) / rate * 60 : nil)
            }
            return DashboardOverview(
                generatedAt: now, readOnly: false, canManage: false, sweeps: sweeps, workers: try Self.workers(db),
                running: try Self.trials(db, state: "leased", limit: 50), failures: try Self.trials(db, state: "failed", limit: 20))
        }
    }

    /// One sweep's counts: trials by state, successes ever, and the results recorded since a time.
    struct SweepTally: Equatable {
        var name: String, preset: String, state: String
        var queued: Int, leased: Int, done: Int, failed: Int, cancelled: Int
        var successes: Int
        /// Results recorded since the window's start, and the first of them.
        var recent: Int, firstRecent: Double?

        /// From a row with `name`, `preset`, `state` and the five counts.
        init(_ row: Row, successes: Int, recent: Int, firstRecent: Double?) {
            (name, preset, state) = (row["name"], row["preset"], row["state"])
            (queued, leased, done, failed, cancelled) = (row["queued"], row["leased"], row["done"], row["failed"], row["cancelled"])
            (self.successes, self.recent, self.firstRecent) = (successes, recent, firstRecent)
        }
    }

    /// Every sweep's tally, oldest sweep first: counts from the summary, and the recent results from
    /// the (configuration, recordedAt) index, which reads only the window's rows.
    static func sweepTallies(_ db: Database, since: Double) throws -> [SweepTally] {
        guard try PlotQueries.hasSummary(db) else { return try ReferenceQueries.sweepTallies(db, since: since) }
        var recent: [String: (count: Int, first: Double?)] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT c.sweepName AS sweep, COUNT(*) AS recent, MIN(o.recordedAt) AS first
                FROM configurationSummary c JOIN configurationOutcome o ON o.configurationId = c.id AND o.recordedAt >= ?
                GROUP BY c.sweepName
                """, arguments: [since])
        {
            recent[row["sweep"]] = (row["recent"], row["first"])
        }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT s.name AS name, s.preset AS preset, s.state AS state, COALESCE(SUM(c.queued), 0) AS queued,
                       COALESCE(SUM(c.leased), 0) AS leased, COALESCE(SUM(c.done), 0) AS done,
                       COALESCE(SUM(c.failed), 0) AS failed, COALESCE(SUM(c.cancelled), 0) AS cancelled,
                       COALESCE(SUM(c.successes), 0) AS successes
                FROM sweep s LEFT JOIN configurationSummary c ON c.sweepName = s.name
                GROUP BY s.name ORDER BY s.createdAt, s.name
                """
        ).map { row in
            let stats = recent[row["name"]] ?? (0, nil)
            return SweepTally(row, successes: row["successes"], recent: stats.count, firstRecent: stats.first)
        }
    }

    static func workers(_ db: Database) throws -> [DashboardOverview.Worker] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT w.id AS id, w.lastSeenAt AS lastSeenAt, w.claims AS claims, w.results AS results,
                       (SELECT COUNT(*) FROM trial t WHERE t.state = 'leased' AND t.leaseWorker = w.id) AS running
                FROM worker w ORDER BY w.lastSeenAt DESC LIMIT 100
                """
        ).map {
            DashboardOverview.Worker(
                id: $0["id"], lastSeenAt: Date(timeIntervalSince1970: $0["lastSeenAt"]), claims: $0["claims"],
                results: $0["results"], running: $0["running"])
        }
    }

    /// Trials in `state`, most recently changed first; the heartbeat (and the standing it told) is the
    /// current attempt's. A file from before migration v5 (read-only, so not migrated) has no standing.
    static func trials(_ db: Database, state: String, limit: Int) throws -> [DashboardOverview.Trial] {
        let standing = try SweepReader.standingColumns(db, attempt: "a")
        return try Row.fetchAll(
            db,
            sql: """
                SELECT t.sweepName AS sweep, t.id AS id, t.params AS params, t.seed AS seed, t.attempt AS attempt,
                       COALESCE(t.leaseWorker, a.workerId) AS worker, a.heartbeatAt AS heartbeatAt, t.updatedAt AS updatedAt,
                       \(standing),
                       COALESCE(t.failureReason, o.errorMessage) AS reason
                FROM trial t
                LEFT JOIN attempt a ON a.id = (SELECT MAX(id) FROM attempt WHERE trialId = t.id)
                LEFT JOIN outcome o ON o.trialId = t.id
                WHERE t.state = ? ORDER BY t.updatedAt DESC, t.ordinal LIMIT ?
                """, arguments: [state, limit]
        ).map { row in
            DashboardOverview.Trial(
                sweep: row["sweep"], trialID: row["id"], configuration: SweepReader.compact(row["params"]), seed: row["seed"],
                attempt: row["attempt"], worker: row["worker"], heartbeatAt: (row["heartbeatAt"] as Double?).map(Date.init(timeIntervalSince1970:)),
                updatedAt: Date(timeIntervalSince1970: row["updatedAt"]), reason: row["reason"],
                sequences: row["sequences"], maxSequences: row["maxSequences"])
        }
    }
}
