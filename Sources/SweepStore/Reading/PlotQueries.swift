// The SQL behind the plots, shared by `lstm-sweep plot` (SweepReader, synchronous) and the
// dashboard (DashboardReader, async reads on a pool): each function takes a `Database` and does
// its counting, medians and sampling in SQLite, so a plot of 100,000 trials loads only what it draws.
// They read the per-configuration summary of migration v4 (SweepDatabase+Summaries.swift), never
// trial ⋈ outcome; a database without it (opened read-only before the migration) gets ReferenceQueries.
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
        guard try hasSummary(db) else { return try ReferenceQueries.configurations(db, sweep: sweep) }
        return try String.fetchAll(
            db, sql: "SELECT params FROM configurationSummary WHERE sweepName = ? AND trials > 0 ORDER BY firstOrdinal, id",
            arguments: [sweep])
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

    /// Whether the database has the maintained summary (migration v4). A file opened read-only
    /// before that migration falls back to ``ReferenceQueries``, the joins the summary replaces.
    static func hasSummary(_ db: Database) throws -> Bool {
        try db.tableExists("configurationSummary")
    }

    /// The dots' sampling step: every k-th trial by ordinal, so that about `limit` of `count` remain.
    static func samplingStep(count: Int, limit: Int) -> Int {
        max(1, (count + limit - 1) / max(1, limit))
    }

    /// Finished trials and successes per (group, x) cell, summed over the cell's configurations.
    public static func successCounts(_ db: Database, sweep: String, x: String, by: String?) throws -> [SuccessCount] {
        guard try hasSummary(db) else { return try ReferenceQueries.successCounts(db, sweep: sweep, x: x, by: by) }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT json_extract(params, ?) AS x, CAST(json_extract(params, ?) AS TEXT) AS g,
                       SUM(done + failed) AS finished, SUM(successes) AS successes
                FROM configurationSummary WHERE sweepName = ? AND trials > 0 GROUP BY 1, 2 ORDER BY 2, 1
                """,
            arguments: [path(x), by.map(path), sweep]
        ).map { SuccessCount(group: by == nil ? nil : $0["g"], x: $0["x"], finished: $0["finished"], successes: $0["successes"]) }
    }

    /// One sample per outcome that succeeded or ran out of budget (every k-th trial by ordinal beyond
    /// `limit` outcomes, so at most about `limit`), in ordinal order, and the sampling step.
    ///
    /// A deterministic sample: the same database always draws the same dots. The medians
    /// (``sequenceMedians(_:sweep:x:by:)``) are taken over every success, never over the sample.
    public static func sequenceSamples(
        _ db: Database, sweep: String, x: String, by: String?, limit: Int = defaultDotLimit
    ) throws -> (samples: [SequenceSample], step: Int) {
        guard try hasSummary(db) else { return try ReferenceQueries.sequenceSamples(db, sweep: sweep, x: x, by: by, limit: limit) }
        let count = try Int.fetchOne(
            db, sql: "SELECT COALESCE(SUM(outcomes), 0) FROM configurationSummary WHERE sweepName = ?", arguments: [sweep]) ?? 0
        let step = samplingStep(count: count, limit: limit)
        let samples = try Row.fetchAll(
            db,
            sql: """
                SELECT json_extract(c.params, ?) AS x, CAST(json_extract(c.params, ?) AS TEXT) AS g, o.sequences AS sequences,
                       o.capped AS capped
                FROM configurationSummary c JOIN configurationOutcome o ON o.configurationId = c.id
                WHERE c.sweepName = ? AND (o.success = 1 OR o.capped = 1) AND o.ordinal % ? = 0
                ORDER BY o.ordinal, o.trialId
                """,
            arguments: [path(x), by.map(path), sweep, step]
        ).map { SequenceSample(group: by == nil ? nil : $0["g"], x: $0["x"], sequences: $0["sequences"], capped: $0["capped"]) }
        return (samples, step)
    }

    /// The median sequences to success of each (group, x) cell's successful trials (all of them, never sampled).
    ///
    /// The cells come from the summary (one row per configuration); each cell's median is its middle
    /// one or two successes, read in `sequences` order from the cell's ranges of `configurationOutcome`.
    public static func sequenceMedians(_ db: Database, sweep: String, x: String, by: String?) throws -> [SequenceMedian] {
        guard try hasSummary(db) else { return try ReferenceQueries.sequenceMedians(db, sweep: sweep, x: x, by: by) }
        let cells = try Row.fetchAll(
            db,
            sql: """
                SELECT json_extract(params, ?) AS x, CAST(json_extract(params, ?) AS TEXT) AS g,
                       group_concat(id) AS ids, SUM(successes) AS successes
                FROM configurationSummary WHERE sweepName = ? AND trials > 0 GROUP BY g, x HAVING SUM(successes) > 0 ORDER BY g, x
                """,
            arguments: [path(x), by.map(path), sweep])
        return try cells.map { cell in
            let successes: Int = cell["successes"]
            let ids = (cell["ids"] as String).split(separator: ",").compactMap { Int64($0) }
            return SequenceMedian(
                group: by == nil ? nil : cell["g"], x: cell["x"],
                median: try medianSequences(db, configurations: ids, successes: successes) ?? 0, successes: successes)
        }
    }

    /// The median `sequences` of the successes of the configurations `ids` (`configurationSummary.id`,
    /// `successes` successes in all): the average of the middle one (odd count) or two (even count).
    /// One configuration is a walk along its primary-key range; several are merged by SQLite's sorter,
    /// which keeps only the rows up to the middle (ORDER BY with LIMIT).
    static func medianSequences(_ db: Database, configurations ids: [Int64], successes: Int) throws -> Double? {
        guard successes > 0, let first = ids.first else { return nil }
        let list = "[" + ids.map(String.init).joined(separator: ",") + "]"
        let (filter, key): (String, any DatabaseValueConvertible) =
            ids.count == 1 ? ("configurationId = ?", first) : ("configurationId IN (SELECT value FROM json_each(?))", list)
        return try Double.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT AVG(sequences) FROM (
                        SELECT sequences FROM configurationOutcome WHERE \(filter) AND success = 1
                        ORDER BY sequences LIMIT ? OFFSET ?)
                    """),
            arguments: [key, 2 - successes % 2, (successes - 1) / 2])
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
