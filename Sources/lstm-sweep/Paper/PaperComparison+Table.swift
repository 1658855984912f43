// The comparison as a table: readable text cells for `table` and `markdown`, one number per column
// for `json` and `csv`.
import Foundation
import SweepCore
import SweepStore

extension PaperComparison {
    /// The comparison in `format`, with a note on the method under `table` and `markdown`: the
    /// readings' lines when they were computed (`init(…, readings: true)`), else the rows'.
    func rendered(as format: ResultTable.Format) -> String {
        let showingReadings = readings != nil
        switch format {
        case .table, .markdown:
            let table = showingReadings ? readingsReadableTable : readableTable
            return table.rendered(as: format) + "\n" + note(markdown: format == .markdown, readings: showingReadings)
        case .csv, .json, .jsonl: return (showingReadings ? readingsNumericTable : numericTable).rendered(as: format)
        }
    }

    /// What the numbers mean; and the configurations left out.
    func note(markdown: Bool, readings showingReadings: Bool = false) -> String {
        var lines = [
            "success: Wilson 95% interval. mean, median: sequences to success of the successful trials, with "
                + "percentile-bootstrap 95% intervals (\(Self.grouped(resamples)) resamples, SplitMix64 seed "
                + "\(ConfidenceInterval.defaultBootstrapSeed)). ratio: our mean / the paper's.",
            "at budget: finished trials that stopped at their budget (neither succeeded nor diverged).",
            "reproduced: the paper's success rate lies in our interval (or below our rate) and our mean is at most "
                + "\(ReferenceComparison.defaultSequenceTolerance)x the paper's; '-': the paper states no figure.",
        ]
        if showingReadings {
            lines.append(
                "reading: the parameters in which the trials depart from the row (their values; every other parameter "
                    + "at the row's value); the paper's figures and the verdict are the row's.")
        } else if readingCount.readings > 0 {
            lines.append(
                "\(readingCount.readings) reading(s) of paper rows (other values of parameters the rows leave at their "
                    + "defaults, from \(readingCount.sweeps) sweep(s)): report --paper --readings")
        }
        if !unmatched.isEmpty {
            let names = unmatched.map { "\($0.sweep) (\($0.preset))" }
            lines.append(
                "\(unmatched.count) configuration(s) of paper presets match no paper row (other parameters): "
                    + names.joined(separator: ", "))
        }
        return lines.joined(separator: markdown ? "\n\n" : "\n") + "\n"
    }

    var readableTable: ResultTable {
        ResultTable(columns: Self.readableColumns, rows: lines.map(Self.readableCells))
    }

    /// The readings' lines: the row's columns with the departure after the row.
    var readingsReadableTable: ResultTable {
        var columns = Self.readableColumns
        columns.insert("reading", at: 2)
        return ResultTable(columns: columns, rows: (readings ?? []).map { reading in
            var cells = Self.readableCells(reading.line)
            cells.insert(.text(PaperRow.label(of: reading.departure)), at: 2)
            return cells
        })
    }

    static let readableColumns = [
        "table", "row", "trials", "finished", "success", "success 95%", "at budget", "mean [95%]", "median [95%]",
        "paper success", "paper mean", "ratio", "verdict",
    ]

    static func readableCells(_ line: Line) -> [ResultTable.Cell] {
        let c = line.comparison, row = line.row
        let success = c.successRate.map { "\(c.successes)/\(c.finished) (\(Self.percent($0)))" } ?? "-"
        return [
            .text(row.table), .text(row.label), .integer(Int64(c.trials)), .integer(Int64(c.finished)),
            .text(success), .text(c.successInterval.map { "[\(Self.percent($0.lower)), \(Self.percent($0.upper))]" } ?? "-"),
            .integer(Int64(line.atBudget)),
            .text(Self.estimate(c.meanSequences, c.meanInterval)), .text(Self.estimate(c.medianSequences, c.medianInterval)),
            .text(row.successRate.map(Self.percent) ?? "-"), .text(row.successAfter.map(Self.grouped) ?? "-"),
            .text(c.meanRatio.map { String(format: "%.2f", $0) } ?? "-"), .text(Self.verdict(c.verdict)),
        ]
    }

    /// One number per column: `numericRows` (the dashboard's rows) under their field names.
    var numericTable: ResultTable {
        ResultTable(columns: Self.numericColumns, rows: numericRows.map(Self.numericCells))
    }

    /// The readings' lines as numbers: the rows' fields with `reading` (an object of the departing
    /// parameters' values) after the row.
    var readingsNumericTable: ResultTable {
        var columns = Self.numericColumns
        columns.insert("reading", at: 2)
        return ResultTable(columns: columns, rows: (readings ?? []).map { reading in
            var cells = Self.numericCells(Self.numericRow(reading.line))
            cells.insert(.json(ParameterValue.canonicalJSON(reading.departure)), at: 2)
            return cells
        })
    }

    static let numericColumns = [
        "table", "row", "preset", "sweeps", "trials", "finished", "successes", "successRate", "successLow",
        "successHigh", "atBudget", "meanSequences", "meanLow", "meanHigh", "medianSequences", "medianLow", "medianHigh",
        "paperTrials", "paperSuccessRate", "paperSequences", "ratio", "verdict",
    ]

    static func numericCells(_ r: DashboardPaperComparison.Row) -> [ResultTable.Cell] {
        func real(_ value: Double?) -> ResultTable.Cell { value.map { .real($0) } ?? .null }
        let sweeps = "[" + r.sweeps.map { ParameterValue.string($0).canonicalJSON }.joined(separator: ",") + "]"
        return [
            .text(r.table), .text(r.row), .text(r.preset), .json(sweeps), .integer(Int64(r.trials)),
            .integer(Int64(r.finished)), .integer(Int64(r.successes)), real(r.successRate), real(r.successLow),
            real(r.successHigh), .integer(Int64(r.atBudget)), real(r.meanSequences), real(r.meanLow), real(r.meanHigh), real(r.medianSequences),
            real(r.medianLow), real(r.medianHigh), .integer(Int64(r.paperTrials)), real(r.paperSuccessRate),
            r.paperSequences.map { .integer(Int64($0)) } ?? .null, real(r.ratio), .text(r.verdict),
        ]
    }

    // MARK: - Formatting

    static func verdict(_ verdict: ReferenceComparison.Verdict) -> String {
        switch verdict {
        case .reproduced: "reproduced"
        case .notReproduced(let parts): "not reproduced: " + parts.map(\.rawValue).joined(separator: ", ")
        case .incomplete: "incomplete"
        case .noReference: "no paper figure"
        }
    }

    static func estimate(_ value: Double?, _ interval: ConfidenceInterval?) -> String {
        guard let value else { return "-" }
        let point = grouped(Int(value.rounded()))
        guard let interval else { return point }
        return "\(point) [\(grouped(Int(interval.lower.rounded()))), \(grouped(Int(interval.upper.rounded())))]"
    }

    /// 0.784 as "78%", 0.975 as "97.5%".
    static func percent(_ rate: Double) -> String {
        let value = rate * 100
        return (value.rounded() == value ? String(Int(value)) : String(format: "%.1f", value)) + "%"
    }

    /// 1043000 as "1,043,000".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return (value < 0 ? "-" : "") + text
    }
}
