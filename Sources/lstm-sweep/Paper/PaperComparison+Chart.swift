// `plot --kind paper`: one paper table's rows, ours beside the paper (SweepCore's comparison chart).
import SweepCore

extension PaperComparison {
    /// The chart of the rows of `table` ("Table 4") the database has trials for.
    func chart(table: String, measure: Chart.ComparedMeasure) throws -> Chart {
        let tables = Array(Set(PaperRow.all.map(\.table))).sorted()
        guard tables.contains(table) else {
            throw InputError("--table '\(table)': not a paper table (known: \(tables.joined(separator: ", ")))")
        }
        let rows = lines.filter { $0.row.table == table }.map { line in
            Chart.ComparedRow(
                label: line.row.label, comparison: line.comparison, referenceRate: line.row.successRate,
                referenceMean: line.row.successAfter.map(Double.init))
        }
        guard !rows.isEmpty else { throw InputError("--table '\(table)': the database has no trials of its rows") }
        let what = measure == .success ? "success rate" : "mean sequences to success"
        return Chart.comparison(rows, title: "\(table): \(what), ours and the paper's", reference: "paper", measure: measure)
    }
}
