// The SQL behind the plots, shared by `lstm-sweep plot` (SweepReader, synchronous) and the
// dashboard (DashboardReader, async reads on a pool): each function takes a `Database` and does
// its counting, medians and sampling in SQLite, so a plot of 100,000 trials loads only what it draws.
// Parameter names reach SQL as bound JSON paths (`$."task.T"`), never spliced into the text.

import Foundation
import GRDB
import SweepCore

/// The plot queries, over one open database connection.
public enum PlotQueries {
    /// Most trial dots a sequences plot draws; beyond it every k-th trial (by ordinal) is drawn.
    public static let defaultDotLimit = 20_000

    /// Throws `.badRequest` unless the sweep exists.
    static func requireSweep(_ db: Database, _ sweep: String) throws {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM sweep WHERE name = ?)", arguments: [sweep]) == true else {
            let names = try String.fetchAll(db, sql: "SELECT name FROM sweep ORDER BY createdAt, name")
            throw StoreError(.notFound, "no sweep named '\(sweep)' (have: \(names.joined(separator: ", ")))")
        }
    }

    /// The distinct configurations (parameter sets) of a sweep, in expansion order, as stored JSON.
    public static func configurations(_ db: Database, sweep: String) throws -> [String] {
        try requireSweep(db, sweep)
        return try String.fetchAll(
            db, sql: "SELECT params FROM trial WHERE sweepName = ? GROUP BY params ORDER BY MIN(ordinal)", arguments: [sweep])
    }

    /// The parameters whose value differs between the sweep's configurations, sorted; and every parameter name.
    public static func parameterNames(_ db: Database, sweep: String) throws -> (varied: [String], all: [String]) {
        let decoded = try configurations(db, sweep: sweep).map { json in
            (try? JSONDecoder().decode([String: ParameterValue].self, from: Data(json.utf8))) ?? [:]
        }
        let all = Set(decoded.flatMap(\.keys)).sorted()
        let varied = all.filter { name in Set(decoded.map { $0[name] }).count > 1 }
        return (varied, all)
    }

    /// Checks that the sweep exists, `x` is numeric in every trial and `by` is one of its parameters;
    /// `.badRequest` names the known ones. The queries below assume it was called. One grouped
    /// query: the checks run on the (few) distinct configurations, not on every trial.
    public static func checkParameters(_ db: Database, sweep: String, x: String, by: String?) throws {
        let decoded = try configurations(db, sweep: sweep).map { json in
            (try? JSONDecoder().decode([String: ParameterValue].self, from: Data(json.utf8))) ?? [:]
        }
        let names = Set(decoded.flatMap(\.keys)).sorted()
        for (flag, name) in [("--x", x), ("--by", by)] {
            guard let name, !names.contains(name) else { continue }
            throw StoreError(.badRequest, "\(flag): sweep '\(sweep)' has no parameter '\(name)' (known: \(names.joined(separator: ", ")))")
        }
        if decoded.contains(where: { $0[x]?.doubleValue == nil }) {
            throw StoreError(.badRequest, "--x: parameter '\(x)' of sweep '\(sweep)' is not a number in every trial")
        }
    }

    static func path(_ name: String) -> String { "$.\"\(name)\"" }

    /// Finished trials and successes per (group, x) cell: counted per configuration first, so the
    /// JSON paths are read once per configuration, not once per trial.
    public static func successCounts(_ db: Database, sweep: String, x: String, by: String?) throws -> [SuccessCount] {
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
            arguments: [sweep, path(x), by.map(path)]
        ).map { SuccessCount(group: by == nil ? nil : $0["g"], x: $0["x"], finished: $0["finished"], successes: $0["successes"]) }
    }

    /// One sample per finished trial with an outcome (every k-th by ordinal beyond `limit`), and the sampling step.
    public static func sequenceSamples(
        _ db: Database, sweep: String, x: String, by: String?, limit: Int = defaultDotLimit
    ) throws -> (samples: [SequenceSample], step: Int) {
        let count = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM trial t JOIN outcome o ON o.trialId = t.id WHERE t.sweepName = ?", arguments: [sweep]) ?? 0
        let step = max(1, (count + limit - 1) / max(1, limit))
        let samples = try Row.fetchAll(
            db,
            sql: """
                SELECT json_extract(t.params, ?) AS x, CAST(json_extract(t.params, ?) AS TEXT) AS g, o.sequences AS sequences,
                       o.success = 0 AND o.stopReason = 'budget' AS capped
                FROM trial t JOIN outcome o ON o.trialId = t.id
                WHERE t.sweepName = ? AND (o.success = 1 OR o.stopReason = 'budget') AND t.ordinal % ? = 0
                ORDER BY t.ordinal
                """,
            arguments: [path(x), by.map(path), sweep, step]
        ).map { SequenceSample(group: by == nil ? nil : $0["g"], x: $0["x"], sequences: $0["sequences"], capped: $0["capped"]) }
        return (samples, step)
    }

    /// The median sequences to success of each (group, x) cell's successful trials (all of them, never sampled).
    public static func sequenceMedians(_ db: Database, sweep: String, x: String, by: String?) throws -> [SequenceMedian] {
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
            arguments: [path(x), by.map(path), sweep]
        ).map { SequenceMedian(group: by == nil ? nil : $0["g"], x: $0["x"], median: $0["median"], successes: $0["successes"]) }
    }

    /// The curve points of the first `trials` finished trials (by ordinal) of one configuration.
    public static func curves(_ db: Database, sweep: String, configuration: String, trials: Int) throws -> [CurveSample] {
        try Row.fetchAll(
            db,
            sql: """
                WITH chosen AS (
                    SELECT id, seed, ordinal FROM trial
                    WHERE sweepName = ? AND params = ? AND state IN ('done', 'failed') ORDER BY ordinal LIMIT ?
                )
                SELECT chosen.seed AS seed, c.sequences AS sequences, c.trainingLoss AS trainingLoss
                FROM chosen JOIN curvePoint c ON c.trialId = chosen.id ORDER BY chosen.ordinal, c.sequences
                """,
            arguments: [sweep, configuration, trials]
        ).map { CurveSample(trial: "seed \($0["seed"] as Int64)", sequences: $0["sequences"], trainingLoss: $0["trainingLoss"]) }
    }
}
