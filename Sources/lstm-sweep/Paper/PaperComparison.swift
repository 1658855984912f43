// `report --paper`: every paper row that the database has trials for, beside the paper's figures;
// with `--readings`, every configuration that departs from a row in other parameters, beside that row's.
// Counts come from one grouped query (SweepReader.configurationSummaries); only the sequences of
// successful trials are fetched, per configuration, for the means, medians and bootstrap intervals.
import SweepCore
import SweepStore

/// The database's results for each paper row, compared with the paper.
///
/// ```swift
/// let comparison = try PaperComparison(reader: SweepReader(path: "paper.sqlite"))
/// print(comparison.rendered(as: .table))
/// ```
struct PaperComparison: Sendable {
    /// One paper row with the configurations that belong to it, pooled.
    struct Line {
        var row: PaperRow
        /// The sweeps whose trials were pooled into the row, in database order.
        var sweeps: [String]
        var comparison: ReferenceComparison
        /// Finished trials that stopped at their budget.
        var atBudget: Int
    }

    /// Configurations that are a paper row but for other values of parameters the row leaves at
    /// their defaults (a reading of the paper, docs/ambiguities.md), pooled per row and departure.
    struct Reading {
        /// The line of the row the configurations depart from, with their pooled results.
        var line: Line
        /// The parameters that depart from the row, with their values.
        var departure: [String: ParameterValue]
    }

    /// Rows with trials, in paper order.
    var lines: [Line]
    /// Readings, in paper order of their rows, then by departure; nil unless asked for.
    var readings: [Reading]?
    /// How many readings (row and departure) the database holds, and from how many sweeps (counted
    /// per reading): what the rows' note says of them, known without computing them.
    var readingCount: (readings: Int, sweeps: Int)
    /// Configurations of paper presets that are no paper row nor a reading of one (a value that tells
    /// the preset's rows apart that none of them has).
    var unmatched: [ConfigurationSummary]
    /// Resamples of each bootstrap interval.
    var resamples: Int

    /// Reads the database and compares every paper row it has trials for and, with `readings`, every
    /// reading of one (the rows' table, the dashboard and the charts only count them).
    init(
        reader: SweepReader, rows: [PaperRow] = PaperRow.all, resamples: Int = ConfidenceInterval.defaultResamples,
        readings includeReadings: Bool = false
    ) throws {
        self.resamples = resamples
        let presets = Array(Set(rows.map(\.preset))).sorted()
        var matched: [Int: [ConfigurationSummary]] = [:]
        var departing: [Int: [String: (departure: [String: ParameterValue], configurations: [ConfigurationSummary])]] = [:]
        unmatched = []
        for configuration in try reader.configurationSummaries(presets: presets) {
            let found = rows.indices.lazy.filter { rows[$0].preset == configuration.preset }
                .compactMap { index in rows[index].departure(of: configuration.parameters).map { (index, $0) } }.first
            guard let (index, departure) = found else {
                unmatched.append(configuration)
                continue
            }
            if departure.isEmpty {
                matched[index, default: []].append(configuration)
            } else {
                departing[index, default: [:]][PaperRow.label(of: departure), default: (departure, [])].configurations
                    .append(configuration)
            }
        }
        lines = try rows.indices.compactMap { index in
            try matched[index].map { try Self.line(rows[index], pooling: $0, reader: reader, resamples: resamples) }
        }
        readingCount = departing.values.flatMap(\.values).reduce((0, 0)) { count, entry in
            (count.0 + 1, count.1 + Set(entry.configurations.map(\.sweep)).count)
        }
        readings = !includeReadings ? nil : try rows.indices.flatMap { index -> [Reading] in
            try (departing[index] ?? [:]).sorted { $0.key < $1.key }.map { _, entry in
                Reading(
                    line: try Self.line(rows[index], pooling: entry.configurations, reader: reader, resamples: resamples),
                    departure: entry.departure)
            }
        }
    }

    /// The row's line from its configurations' trials, pooled.
    static func line(
        _ row: PaperRow, pooling configurations: [ConfigurationSummary], reader: SweepReader, resamples: Int
    ) throws -> Line {
        var sequences: [Double] = []
        for configuration in configurations where configuration.successes > 0 {
            sequences += try reader.successfulSequences(
                sweep: configuration.sweep, parametersJSON: configuration.parametersJSON
            ).map(Double.init)
        }
        let comparison = ReferenceComparison(
            trials: configurations.reduce(0) { $0 + $1.trials }, finished: configurations.reduce(0) { $0 + $1.finished },
            sequences: sequences, referenceRate: row.successRate, referenceMean: row.successAfter.map(Double.init),
            resamples: resamples)
        var sweeps: [String] = []
        for configuration in configurations where !sweeps.contains(configuration.sweep) { sweeps.append(configuration.sweep) }
        return Line(row: row, sweeps: sweeps, comparison: comparison, atBudget: configurations.reduce(0) { $0 + $1.atBudget })
    }
}
