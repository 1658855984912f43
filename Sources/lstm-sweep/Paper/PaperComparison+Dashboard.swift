// The comparison as the dashboard's message: the rows `report --paper --format json` prints and the
// cells its text table prints, from the same lines, so the page and the terminal cannot disagree.
import SweepCore
import SweepStore

extension PaperComparison {
    /// Each line as numbers: the fields of `--format json` and of the dashboard's rows.
    var numericRows: [DashboardPaperComparison.Row] { lines.map(Self.numericRow) }

    /// One line as numbers.
    static func numericRow(_ line: Line) -> DashboardPaperComparison.Row {
        let c = line.comparison, row = line.row
        return DashboardPaperComparison.Row(
            table: row.table, row: row.label, preset: row.preset, sweeps: line.sweeps, trials: c.trials,
            finished: c.finished, successes: c.successes, successRate: c.successRate,
            successLow: c.successInterval?.lower, successHigh: c.successInterval?.upper, atBudget: line.atBudget,
            meanSequences: c.meanSequences, meanLow: c.meanInterval?.lower, meanHigh: c.meanInterval?.upper,
            medianSequences: c.medianSequences, medianLow: c.medianInterval?.lower, medianHigh: c.medianInterval?.upper,
            paperTrials: row.trials, paperSuccessRate: row.successRate, paperSequences: row.successAfter,
            ratio: c.meanRatio, verdict: Self.verdict(c.verdict))
    }

    /// `GET /v1/dashboard/paper`: the numeric rows, the text table's header and cells, and its note.
    var dashboard: DashboardPaperComparison {
        let readable = readableTable
        var tables: [String] = []
        for line in lines where !tables.contains(line.row.table) { tables.append(line.row.table) }
        return DashboardPaperComparison(
            rows: numericRows, columns: readable.columns, cells: readable.rows.map { $0.map(\.text) }, tables: tables,
            note: lines.isEmpty ? "" : note(markdown: false))
    }
}
