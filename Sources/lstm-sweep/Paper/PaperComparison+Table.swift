// The comparison as a table: readable text cells for `table` and `markdown`, one number per column
// for `json` and `csv`.
import Foundation
import SweepCore
import SweepStore

extension PaperComparison {
    /// The comparison in `format`, with a note on the method under `table` and `markdown`.
    func rendered(as format: ResultTable.Format) -> String {
        switch format {
        case .table, .markdown: return readableTable.rendered(as: format) + "\n" + note(markdown: format == .markdown)
        case .csv, .json, .jsonl: return numericTable.rendered(as: format)
        }
    }

    /// What the numbers mean; and the configurations left out.
    func note(markdown: Bool) -> String {
        var lines = [
            "success: Wilson 95% interval. mean, median: sequences to success of the successful trials, with "
                + "percentile-bootstrap 95% intervals (\(Self.grouped(resamples)) resamples, SplitMix64 seed "
                + "\(ConfidenceInterval.defaultBootstrapSeed)). ratio: our mean / the paper's.",
            "at budget: finished trials that stopped at their budget (neither succeeded nor diverged).",
            "reproduced: the paper's success rate lies in our interval (or below our rate) and our mean is at most "
                + "\(ReferenceComparison.defaultSequenceTolerance)x the paper's; '-': the paper states no figure.",
        ]
        if !unmatched.isEmpty {
            let names = unmatched.map { "\($0.sweep) (\($0.preset))" }
            lines.append(
                "\(unmatched.count) configuration(s) of paper presets match no paper row (other parameters): "
                    + names.joined(separator: ", "))
        }
        return lines.joined(separator: markdown ? "\n\n" : "\n") + "\n"
    }

    var readableTable: ResultTable {
        let columns = [
            "table", "row", "trials", "finished", "success", "success 95%", "at budget", "mean [95%]", "median [95%]",
            "paper success", "paper mean", "ratio", "verdict",
        ]
        let rows: [[ResultTable.Cell]] = lines.map { line in
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
        return ResultTable(columns: columns, rows: rows)
    }

    /// One number per column: `numericRows` (the dashboard's rows) under their field names.
    var numericTable: ResultTable {
        let columns = [
            "table", "row", "preset", "sweeps", "trials", "finished", "successes", "successRate", "successLow",
            "successHigh", "atBudget", "meanSequences", "meanLow", "meanHigh", "medianSequences", "medianLow", "medianHigh",
            "paperTrials", "paperSuccessRate", "paperSequences", "ratio", "verdict",
        ]
        func real(_ value: Double?) -> ResultTable.Cell { value.map { .real($0) } ?? .null }
        let rows: [[ResultTable.Cell]] = numericRows.map { r in
            let sweeps = "[" + r.sweeps.map { ParameterValue.string($0).canonicalJSON }.joined(separator: ",") + "]"
            return [
                .text(r.table), .text(r.row), .text(r.preset), .json(sweeps), .integer(Int64(r.trials)),
                .integer(Int64(r.finished)), .integer(Int64(r.successes)), real(r.successRate), real(r.successLow),
                real(r.successHigh), .integer(Int64(r.atBudget)), real(r.meanSequences), real(r.meanLow), real(r.meanHigh), real(r.medianSequences),
                real(r.medianLow), real(r.medianHigh), .integer(Int64(r.paperTrials)), real(r.paperSuccessRate),
                r.paperSequences.map { .integer(Int64($0)) } ?? .null, real(r.ratio), .text(r.verdict),
            ]
        }
        return ResultTable(columns: columns, rows: rows)
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
