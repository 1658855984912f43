// The straightforward trial ⋈ outcome joins the dashboard and the plots were first written with. They
// are the reference the maintained summary (migration v4, SweepDatabase+Summaries.swift) is tested
// against, and the slow path for a database opened read-only before that migration (a checked-in or
// copied file, which a reader may not migrate). Each joins on the 64-character trial identity:
// 0.2-0.35 s at 100,000 trials, where the summary answers in milliseconds (docs/benchmarks.md).

import Foundation
import GRDB
import SweepCore

/// The reference aggregates, computed from `trial` and `outcome` alone.
enum ReferenceQueries {
    /// The distinct configurations of a sweep, in expansion order, as stored JSON.
    static func configurations(_ db: Database, sweep: String) throws -> [String] {
        try String.fetchAll(
            db, sql: "SELECT params FROM trial WHERE sweepName = ? GROUP BY params ORDER BY MIN(ordinal)", arguments: [sweep])
    }

    /// See ``PlotQueries/successCounts(_:sweep:x:by:)``.
    static func successCounts(_ db: Database, sweep: String, x: String, by: String?) throws -> [SuccessCount] {
        try Row.fetchAll(
            db,
            sql: """
                WITH perConfiguration AS (
                    SELECT t.params AS params, SUM(t.state IN ('done', 'failed')) AS finished, COALESCE(SUM(o.success), 0) AS successes
                    FROM trial t LEFT JOIN outcome o ON o.trialId = t.id WHERE t.sweepName = ? GROUP BY t.params
                )
                SELECT json_extract(params, ?) AS x, CAST(json_extract(params, ?) AS TEXT) AS g,
                       SUM(finished) AS finished, SUM(successes) AS successes
                FROM perConfiguration GROUP BY 1, 2 ORDER BY 2, 1
                """,
            arguments: [sweep, PlotQueries.path(x), by.map(PlotQueries.path)]
        ).map { SuccessCount(group: by == nil ? nil : $0["g"], x: $0["x"], finished: $0["finished"], successes: $0["successes"]) }
    }

    /// See ``PlotQueries/sequenceSamples(_:sweep:x:by:limit:)``.
    static func sequenceSamples(
        _ db: Database, sweep: String, x: String, by: String?, limit: Int
    ) throws -> (samples: [SequenceSample], step: Int) {
        let count = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM trial t JOIN outcome o ON o.trialId = t.id WHERE t.sweepName = ?", arguments: [sweep]) ?? 0
        let step = PlotQueries.samplingStep(count: count, limit: limit)
        let samples = try Row.fetchAll(
            db,
            sql: """
                SELECT json_extract(t.params, ?) AS x, CAST(json_extract(t.params, ?) AS TEXT) AS g, o.sequences AS sequences,
                       o.success = 0 AND o.stopReason = 'budget' AS capped
                FROM trial t JOIN outcome o ON o.trialId = t.id
                WHERE t.sweepName = ? AND (o.success = 1 OR o.stopReason = 'budget') AND t.ordinal % ? = 0
                ORDER BY t.ordinal, t.id
                """,
            arguments: [PlotQueries.path(x), by.map(PlotQueries.path), sweep, step]
        ).map { SequenceSample(group: by == nil ? nil : $0["g"], x: $0["x"], sequences: $0["sequences"], capped: $0["capped"]) }
        return (samples, step)
    }

    /// See ``PlotQueries/sequenceMedians(_:sweep:x:by:)``: window functions over every successful trial.
    static func sequenceMedians(_ db: Database, sweep: String, x: String, by: String?) throws -> [SequenceMedian] {
        try Row.fetchAll(
            db,
            sql: """
                WITH base AS (
                    SELECT json_extract(t.params, ?) AS x, CAST(json_extract(t.params, ?) AS TEXT) AS g, o.sequences AS sequences
                    FROM trial t JOIN outcome o ON o.trialId = t.id WHERE t.sweepName = ? AND o.success = 1
                ),
                ranked AS (
                    SELECT x, g, sequences, ROW_NUMBER() OVER (PARTITION BY g, x ORDER BY sequences) AS position,
                           COUNT(*) OVER (PARTITION BY g, x) AS n
                    FROM base
                )
                SELECT x, g, AVG(sequences) AS median, MAX(n) AS successes FROM ranked
                WHERE position IN ((n + 1) / 2, (n + 2) / 2) GROUP BY g, x ORDER BY g, x
                """,
            arguments: [PlotQueries.path(x), by.map(PlotQueries.path), sweep]
        ).map { SequenceMedian(group: by == nil ? nil : $0["g"], x: $0["x"], median: $0["median"], successes: $0["successes"]) }
    }

    /// See ``DashboardReader/configurations(sweep:)``: the rows, before the varied parameters are picked.
    static func configurationRows(_ db: Database, sweep: String) throws -> [DashboardConfigurations.Row] {
        try Row.fetchAll(
            db,
            sql: """
                WITH base AS (
                    SELECT t.params AS params, t.ordinal AS ordinal, t.state AS state, o.success AS success, o.sequences AS sequences
                    FROM trial t LEFT JOIN outcome o ON o.trialId = t.id WHERE t.sweepName = ?
                ),
                ranked AS (
                    SELECT params, sequences, ROW_NUMBER() OVER (PARTITION BY params ORDER BY sequences) AS position,
                           COUNT(*) OVER (PARTITION BY params) AS n
                    FROM base WHERE success = 1
                ),
                medians AS (
                    SELECT params, AVG(sequences) AS median FROM ranked WHERE position IN ((n + 1) / 2, (n + 2) / 2) GROUP BY params
                ),
                totals AS (
                    SELECT params, MIN(ordinal) AS first, COUNT(*) AS trials, SUM(state = 'queued') AS queued,
                           SUM(state = 'leased') AS leased, SUM(state = 'done') AS done, SUM(state = 'failed') AS failed,
                           COALESCE(SUM(success), 0) AS successes,
                           CASE WHEN SUM(state IN ('done', 'failed')) > 0
                                THEN CAST(COALESCE(SUM(success), 0) AS REAL) / SUM(state IN ('done', 'failed')) END AS successRate,
                           AVG(CASE WHEN success = 1 THEN sequences END) AS mean
                    FROM base GROUP BY params
                )
                SELECT totals.*, medians.median AS median FROM totals LEFT JOIN medians ON medians.params = totals.params
                ORDER BY first LIMIT 1000
                """,
            arguments: [sweep]
        ).map { DashboardReader.configurationRow($0, median: $0["median"]) }
    }

    /// See ``DashboardReader/sweepTallies(_:since:)``: counts by state from the (sweepName, state)
    /// index, successes and recent results from one grouped join.
    static func sweepTallies(_ db: Database, since: Double) throws -> [DashboardReader.SweepTally] {
        var recent: [String: (successes: Int, count: Int, first: Double?)] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT t.sweepName AS sweep, SUM(o.success) AS successes, SUM(o.recordedAt >= ?) AS recent,
                       MIN(CASE WHEN o.recordedAt >= ? THEN o.recordedAt END) AS first
                FROM outcome o JOIN trial t ON t.id = o.trialId GROUP BY t.sweepName
                """, arguments: [since, since])
        {
            recent[row["sweep"]] = (row["successes"], row["recent"], row["first"])
        }
        return try Row.fetchAll(
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
        ).map { row in
            let stats = recent[row["name"]] ?? (0, 0, nil)
            return DashboardReader.SweepTally(
                row, successes: stats.successes, recent: stats.count, firstRecent: stats.first)
        }
    }

    /// Successful trials of one sweep (or all), for ``SweepDatabase/statusCounts(sweepName:)``.
    static func successes(_ db: Database, sweepName: String?) throws -> Int {
        let filter = sweepName == nil ? "" : "AND t.sweepName = ?"
        return try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM trial t JOIN outcome o ON o.trialId = t.id WHERE o.success = 1 \(filter)",
            arguments: sweepName.map { [$0] } ?? []) ?? 0
    }
}
