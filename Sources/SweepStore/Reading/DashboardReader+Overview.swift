// The overview the dashboard polls: per-sweep counts from the (sweepName, state) index, successes
// and the recent rate from one grouped join, and bounded lists of workers, running trials and
// failures. `now` is the coordinator's clock, never read here.

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
            let recent = try Self.recentResults(db, since: time - Self.rateWindow)
            let sweeps = try Row.fetchAll(
                db,
                sql: """
                    SELECT s.name AS name, s.preset AS preset, s.state AS state,
                           (SELECT COUNT(*) FROM trial WHERE sweepName = s.name AND state = 'queued') AS queued,
                           (SELECT COUNT(*) FROM trial WHERE sweepName = s.name AND state = 'leased') AS leased,
                           (SELECT COUNT(*) FROM trial WHERE sweepName = s.name AND state = 'done') AS done,
                           (SELECT COUNT(*) FROM trial WHERE sweepName = s.name AND state = 'failed') AS failed,
                           (SELECT COUNT(*) FROM trial WHERE sweepName = s.name AND state = 'cancelled') AS cancelled
                    FROM sweep s ORDER BY s.createdAt, s.name
                    """
            ).map { row -> DashboardOverview.Sweep in
                let name: String = row["name"]
                let stats = recent[name] ?? (successes: 0, count: 0, first: nil)
                // The rate over the window, or over the time since the window's first result when that is shorter.
                let span = max(10, time - (stats.first ?? time - Self.rateWindow))
                let rate = stats.count > 0 ? Double(stats.count) / min(span, Self.rateWindow) * 60 : 0
                let remaining = (row["queued"] as Int) + (row["leased"] as Int)
                return DashboardOverview.Sweep(
                    name: name, preset: row["preset"], state: row["state"], queued: row["queued"], leased: row["leased"],
                    done: row["done"], failed: row["failed"], cancelled: row["cancelled"], successes: stats.successes,
                    ratePerMinute: rate, etaSeconds: rate > 0 && remaining > 0 ? Double(remaining) / rate * 60 : nil)
            }
            return DashboardOverview(
                generatedAt: now, readOnly: false, canManage: false, sweeps: sweeps, workers: try Self.workers(db),
                running: try Self.trials(db, state: "leased", limit: 50), failures: try Self.trials(db, state: "failed", limit: 20))
        }
    }

    /// Per sweep: successes ever, and the count and first time of results since `since`.
    static func recentResults(_ db: Database, since: Double) throws -> [String: (successes: Int, count: Int, first: Double?)] {
        var result: [String: (successes: Int, count: Int, first: Double?)] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT t.sweepName AS sweep, SUM(o.success) AS successes, SUM(o.recordedAt >= ?) AS recent,
                       MIN(CASE WHEN o.recordedAt >= ? THEN o.recordedAt END) AS first
                FROM outcome o JOIN trial t ON t.id = o.trialId GROUP BY t.sweepName
                """, arguments: [since, since])
        {
            result[row["sweep"]] = (row["successes"], row["recent"], row["first"])
        }
        return result
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

    /// Trials in `state`, most recently changed first; the heartbeat is the current attempt's.
    static func trials(_ db: Database, state: String, limit: Int) throws -> [DashboardOverview.Trial] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT t.sweepName AS sweep, t.id AS id, t.params AS params, t.seed AS seed, t.attempt AS attempt,
                       COALESCE(t.leaseWorker, a.workerId) AS worker, a.heartbeatAt AS heartbeatAt, t.updatedAt AS updatedAt,
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
                updatedAt: Date(timeIntervalSince1970: row["updatedAt"]), reason: row["reason"])
        }
    }
}
