// The dashboard's reads: a read-only GRDB pool with async reads (`try await database.read`), so the
// coordinator's request handlers never block a thread on SQLite. Every number is counted in SQL, from
// the per-configuration summary (migration v4); the charts come from the same PlotQueries and Chart
// builders as `lstm-sweep plot`.

import Foundation
import GRDB
import SweepCore

/// Read-only, async access to a result database for the dashboard.
///
/// ```swift
/// let reader = try DashboardReader(path: "results.sqlite")
/// let overview = try await reader.overview(now: Date())
/// let svg = try await reader.chart(.success, sweep: "lag", x: "task.T", by: nil, configuration: 1).svg()
/// ```
public final class DashboardReader: Sendable {
    /// A read-only pool (concurrent readers) on a WAL database, else a read-only queue.
    let database: any DatabaseReader

    /// Most trial dots a dashboard sequences plot draws (the rest are sampled by ordinal).
    ///
    /// 1,000 dots already cover a 720-pixel plot; each costs about 250 bytes of SVG, and at 3,000 the
    /// chart (740 KB) took most of the route's time at 100,000 trials. The medians use every success.
    public static let dotLimit = 1_000

    /// Opens an existing result database read-only: a pool of readers when it is in WAL mode (as
    /// `SweepDatabase` leaves it), one connection otherwise (a copied or checked-in file).
    public init(path: String) throws {
        database = try SweepReader.openReadOnly(path) { path, configuration in
            let pool = try? DatabasePool(path: path, configuration: configuration)
            return try pool ?? DatabaseQueue(path: path, configuration: configuration)
        }
    }

    /// Runs `body` in an async read, turning SQLite errors into `StoreError(.sql)`.
    func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await database.read(body)
        } catch let error as DatabaseError {
            throw StoreError(.sql, SweepReader.message(error))
        }
    }

    /// The per-configuration table of one sweep (at most 1,000 rows), in expansion order.
    ///
    /// Counts and means come from the summary's rows; each median is a walk to the middle of the
    /// configuration's successes in `configurationOutcome` (at most 1,000 short index walks).
    public func configurations(sweep: String) async throws -> DashboardConfigurations {
        try await read { db in
            try PlotQueries.requireSweep(db, sweep)
            let rows = try Self.configurationRows(db, sweep: sweep)
            // The varied parameters, from the rows themselves (one grouped query is enough).
            let names = Set(rows.flatMap(\.parameters.keys)).sorted()
            let varied = names.filter { name in Set(rows.map { $0.parameters[name] }).count > 1 }
            let numeric = varied.filter { name in rows.allSatisfy { $0.parameters[name]?.doubleValue != nil } }
            return DashboardConfigurations(sweep: sweep, varied: varied, numeric: numeric, rows: rows)
        }
    }

    /// The table's rows, from the summary (or the reference joins on a database without it).
    static func configurationRows(_ db: Database, sweep: String) throws -> [DashboardConfigurations.Row] {
        guard try PlotQueries.hasSummary(db) else { return try ReferenceQueries.configurationRows(db, sweep: sweep) }
        return try Row.fetchAll(
            db,
            sql: """
                SELECT id, params, trials, queued, leased, done, failed, successes,
                       CASE WHEN done + failed > 0 THEN CAST(successes AS REAL) / (done + failed) END AS successRate,
                       CASE WHEN successes > 0 THEN CAST(successSequences AS REAL) / successes END AS mean
                FROM configurationSummary WHERE sweepName = ? AND trials > 0 ORDER BY firstOrdinal, id LIMIT 1000
                """,
            arguments: [sweep]
        ).map { row in
            configurationRow(
                row, median: try PlotQueries.medianSequences(db, configurations: [row["id"]], successes: row["successes"]))
        }
    }

    /// A table row from a row with `params`, the counts, `successRate` and `mean`.
    static func configurationRow(_ row: Row, median: Double?) -> DashboardConfigurations.Row {
        let json: String = row["params"]
        return DashboardConfigurations.Row(
            parameters: (try? JSONDecoder().decode([String: ParameterValue].self, from: Data(json.utf8))) ?? [:],
            trials: row["trials"], queued: row["queued"], leased: row["leased"], done: row["done"], failed: row["failed"],
            successes: row["successes"], successRate: row["successRate"], medianSequences: median, meanSequences: row["mean"])
    }

    /// A chart of one sweep, drawn from the same queries as `lstm-sweep plot`.
    ///
    /// Without `x`, success and sequences plots use the sweep's first numeric varied parameter, and a
    /// frontier plot its first varied one; `configuration` (1-based) picks the curves' configuration.
    public func chart(_ kind: ChartKind, sweep: String, x: String?, by: String?, configuration: Int) async throws -> Chart {
        try await read { db in
            switch kind {
            case .success, .sequences:
                let axis = try x ?? Self.defaultAxis(db, sweep: sweep)
                try PlotQueries.checkParameters(db, sweep: sweep, x: axis, by: by)
                if kind == .success {
                    return Chart.successRate(
                        try PlotQueries.successCounts(db, sweep: sweep, x: axis, by: by), sweep: sweep, parameter: axis, by: by)
                }
                let (samples, step) = try PlotQueries.sequenceSamples(db, sweep: sweep, x: axis, by: by, limit: Self.dotLimit)
                var chart = Chart.sequences(
                    samples, medians: try PlotQueries.sequenceMedians(db, sweep: sweep, x: axis, by: by), sweep: sweep,
                    parameter: axis, by: by)
                if step > 1 { chart.note = (chart.note ?? "") + " Dots: every \(step)th trial." }
                return chart
            case .curves:
                let configurations = try PlotQueries.configurations(db, sweep: sweep)
                guard configurations.indices.contains(configuration - 1) else {
                    throw StoreError(.badRequest, "configuration \(configuration): sweep '\(sweep)' has 1...\(configurations.count)")
                }
                let json = configurations[configuration - 1]
                return Chart.curves(
                    try PlotQueries.curves(db, sweep: sweep, configuration: json, trials: 10), sweep: sweep,
                    configuration: SweepReader.compact(json))
            case .frontier:
                try PlotQueries.requireSweep(db, sweep)
                guard let report = try SweepReader.frontierReport(db, sweepName: sweep) else {
                    throw StoreError(.badRequest, "sweep '\(sweep)' has no frontier search")
                }
                return Chart.frontier(report, x: x ?? report.entries.first?.configuration.keys.sorted().first, by: by)
            case .paper:
                throw StoreError(.badRequest, "the paper plot is drawn by `lstm-sweep plot --kind paper`")
            }
        }
    }

    /// The first numeric varied parameter of a sweep (numeric in every configuration).
    static func defaultAxis(_ db: Database, sweep: String) throws -> String {
        let decoded = try PlotQueries.configurations(db, sweep: sweep).map { json in
            (try? JSONDecoder().decode([String: ParameterValue].self, from: Data(json.utf8))) ?? [:]
        }
        let names = Set(decoded.flatMap(\.keys)).sorted()
        let numeric = names.first { name in
            Set(decoded.map { $0[name] }).count > 1 && decoded.allSatisfy { $0[name]?.doubleValue != nil }
        }
        guard let numeric else { throw StoreError(.badRequest, "sweep '\(sweep)' varies no numeric parameter to plot against") }
        return numeric
    }
}
