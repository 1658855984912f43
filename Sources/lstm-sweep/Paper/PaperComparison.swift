// `report --paper`: every paper row that the database has trials for, beside the paper's figures.
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

    /// Rows with trials, in paper order.
    var lines: [Line]
    /// Configurations of paper presets that are no paper row (other parameter values).
    var unmatched: [ConfigurationSummary]
    /// Resamples of each bootstrap interval.
    var resamples: Int

    /// Reads the database and compares every paper row it has trials for.
    init(reader: SweepReader, rows: [PaperRow] = PaperRow.all, resamples: Int = ConfidenceInterval.defaultResamples) throws {
        self.resamples = resamples
        let presets = Array(Set(rows.map(\.preset))).sorted()
        var matched: [Int: [ConfigurationSummary]] = [:]
        unmatched = []
        for configuration in try reader.configurationSummaries(presets: presets) {
            if let index = rows.firstIndex(where: { $0.preset == configuration.preset && $0.matches(configuration.parameters) }) {
                matched[index, default: []].append(configuration)
            } else {
                unmatched.append(configuration)
            }
        }
        lines = try rows.indices.compactMap { index -> Line? in
            guard let configurations = matched[index] else { return nil }
            let row = rows[index]
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
            return Line(
                row: row, sweeps: sweeps, comparison: comparison, atBudget: configurations.reduce(0) { $0 + $1.atBudget })
        }
    }
}
