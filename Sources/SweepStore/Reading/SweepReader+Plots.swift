// The plot queries (PlotQueries.swift) on the reader's read-only connection, for `lstm-sweep plot`.

import GRDB
import SweepCore

extension SweepReader {
    /// Runs `body` in one read transaction, turning SQLite errors into `StoreError(.sql)`.
    public func read<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try queue.read(body)
        } catch let error as DatabaseError {
            throw StoreError(.sql, Self.message(error))
        }
    }

    /// The success-rate chart of a sweep against `x`, one line per value of `by`.
    public func successChart(sweep: String, x: String, by: String?) throws -> Chart {
        let counts = try read { db in
            try PlotQueries.checkParameters(db, sweep: sweep, x: x, by: by)
            return try PlotQueries.successCounts(db, sweep: sweep, x: x, by: by)
        }
        return Chart.successRate(counts, sweep: sweep, parameter: x, by: by)
    }

    /// The sequences chart of a sweep against `x`: a dot per finished trial (sampled beyond `dotLimit`), medians.
    public func sequencesChart(sweep: String, x: String, by: String?, dotLimit: Int = PlotQueries.defaultDotLimit) throws -> Chart {
        try read { db in
            try PlotQueries.checkParameters(db, sweep: sweep, x: x, by: by)
            let (samples, step) = try PlotQueries.sequenceSamples(db, sweep: sweep, x: x, by: by, limit: dotLimit)
            let medians = try PlotQueries.sequenceMedians(db, sweep: sweep, x: x, by: by)
            var chart = Chart.sequences(samples, medians: medians, sweep: sweep, parameter: x, by: by)
            if step > 1 { chart.note = (chart.note ?? "") + " Dots: every \(step)th trial." }
            return chart
        }
    }

    /// The learning curves of the sweep's `configuration`-th configuration (1-based, expansion order), at most `trials` of them.
    public func curvesChart(sweep: String, configuration: Int, trials: Int) throws -> Chart {
        try read { db in
            let configurations = try PlotQueries.configurations(db, sweep: sweep)
            guard configurations.indices.contains(configuration - 1) else {
                throw StoreError(.badRequest, "--configuration \(configuration): sweep '\(sweep)' has configurations 1...\(configurations.count)")
            }
            let json = configurations[configuration - 1]
            let samples = try PlotQueries.curves(db, sweep: sweep, configuration: json, trials: trials)
            return Chart.curves(samples, sweep: sweep, configuration: Self.compact(json))
        }
    }
}
