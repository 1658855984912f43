// `GET /v1/dashboard/paper` (docs/api.md, "Dashboard"): `report --paper` for the dashboard. The
// executable computes it (only it knows the paper's figures, in LSTMTasks' presets); each row is
// what `report --paper --format json` prints, and the readable cells are its text table's.

import Foundation

/// The comparison of the database's paper-preset sweeps with the paper, row by row.
///
/// Empty (`rows == []`) when the database holds no trial of a paper row, or the coordinator was
/// built without a paper comparison: the dashboard then hides its Paper section.
public struct DashboardPaperComparison: Sendable, Codable, Equatable {
    /// One paper row: the keys and values of `report --paper --format json`.
    public struct Row: Sendable, Codable, Equatable {
        /// The paper table ("Table 4", "§3.2 text"), the row's label ("3a N=1 T=100") and its preset.
        public var table: String, row: String, preset: String
        /// The sweeps whose trials were pooled into the row.
        public var sweeps: [String]
        /// Trials, finished trials (done or failed) and successes.
        public var trials: Int, finished: Int, successes: Int
        /// Success rate of the finished trials, with its Wilson 95 % interval.
        public var successRate: Double?, successLow: Double?, successHigh: Double?
        /// Finished trials that stopped at their budget (neither succeeded nor diverged).
        public var atBudget: Int
        /// Mean sequences to success, with its bootstrap 95 % interval.
        public var meanSequences: Double?, meanLow: Double?, meanHigh: Double?
        /// Median sequences to success, with its bootstrap 95 % interval.
        public var medianSequences: Double?, medianLow: Double?, medianHigh: Double?
        /// The paper's trial count, success rate and mean sequences to success (nil: not stated).
        public var paperTrials: Int, paperSuccessRate: Double?, paperSequences: Int?
        /// Our mean over the paper's.
        public var ratio: Double?
        /// `reproduced`, `not reproduced: …`, `incomplete` or `no paper figure`.
        public var verdict: String

        /// Creates a row.
        public init(
            table: String, row: String, preset: String, sweeps: [String], trials: Int, finished: Int, successes: Int,
            successRate: Double?, successLow: Double?, successHigh: Double?, atBudget: Int, meanSequences: Double?, meanLow: Double?,
            meanHigh: Double?, medianSequences: Double?, medianLow: Double?, medianHigh: Double?, paperTrials: Int,
            paperSuccessRate: Double?, paperSequences: Int?, ratio: Double?, verdict: String
        ) {
            (self.table, self.row, self.preset, self.sweeps) = (table, row, preset, sweeps)
            (self.trials, self.finished, self.successes) = (trials, finished, successes)
            (self.successRate, self.successLow, self.successHigh) = (successRate, successLow, successHigh)
            self.atBudget = atBudget
            (self.meanSequences, self.meanLow, self.meanHigh) = (meanSequences, meanLow, meanHigh)
            (self.medianSequences, self.medianLow, self.medianHigh) = (medianSequences, medianLow, medianHigh)
            (self.paperTrials, self.paperSuccessRate, self.paperSequences) = (paperTrials, paperSuccessRate, paperSequences)
            (self.ratio, self.verdict) = (ratio, verdict)
        }
    }

    /// The rows, in paper order.
    public var rows: [Row]
    /// The header of `report --paper`'s text table.
    public var columns: [String]
    /// Each row's cells as that table prints them ("9/10 (90%)", "644,767 [551,882, 733,456]").
    public var cells: [[String]]
    /// The paper tables that have rows, in paper order (what `plot --kind paper --table` takes).
    public var tables: [String]
    /// The note under the table: what the intervals and the verdict mean, and unmatched configurations.
    public var note: String

    /// Creates a comparison.
    public init(rows: [Row], columns: [String], cells: [[String]], tables: [String], note: String) {
        (self.rows, self.columns, self.cells, self.tables, self.note) = (rows, columns, cells, tables, note)
    }

    /// No paper row: what a coordinator without a paper comparison answers.
    public static let empty = DashboardPaperComparison(rows: [], columns: [], cells: [], tables: [], note: "")
}
