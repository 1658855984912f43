// Our results beside reference figures (a paper table's rows): per row, our estimate with its 95 %
// interval (Wilson for a success rate, bootstrap for a mean) and the reference as a hollow dot.
// Generic like ReferenceComparison: the executable names the rows and supplies the paper's figures.

extension Chart {
    /// What a comparison chart shows.
    public enum ComparedMeasure: String, Sendable, CaseIterable {
        /// Success rate, 0...1.
        case success
        /// Mean sequences to success, on a log axis.
        case sequences
    }

    /// One row of a comparison chart.
    public struct ComparedRow: Sendable {
        /// The row's label on the x axis.
        public var label: String
        /// Our results.
        public var comparison: ReferenceComparison
        /// The reference success rate in [0, 1], or nil.
        public var referenceRate: Double?
        /// The reference mean sequences to success, or nil.
        public var referenceMean: Double?

        /// Creates a row.
        public init(label: String, comparison: ReferenceComparison, referenceRate: Double?, referenceMean: Double?) {
            self.label = label
            self.comparison = comparison
            self.referenceRate = referenceRate
            self.referenceMean = referenceMean
        }
    }

    /// Ours against the reference, one category per row.
    public static func comparison(_ rows: [ComparedRow], title: String, reference: String, measure: ComparedMeasure) -> Chart {
        var ours: [ChartPoint] = []
        var theirs: [ChartPoint] = []
        for (index, row) in rows.enumerated() {
            let at = Double(index), c = row.comparison
            switch measure {
            case .success:
                if let rate = c.successRate {
                    ours.append(
                        ChartPoint(
                            x: at, y: rate, interval: c.successInterval.map { $0.lower...$0.upper },
                            detail: "\(c.successes)/\(c.finished) succeeded"))
                }
                if let rate = row.referenceRate { theirs.append(ChartPoint(x: at, y: rate, isHollow: true)) }
            case .sequences:
                if let mean = c.meanSequences {
                    ours.append(
                        ChartPoint(x: at, y: mean, interval: c.meanInterval.map { $0.lower...$0.upper }, detail: "mean of \(c.successes) successes"))
                }
                if let mean = row.referenceMean { theirs.append(ChartPoint(x: at, y: mean, isHollow: true)) }
            }
        }
        let y =
            measure == .success
            ? ChartAxis(label: "success rate", fixedDomain: 0...1) : ChartAxis(label: "mean sequences to success", scale: .log)
        // The reference is drawn (and named in the legend and the note) only where it gives figures:
        // the paper states no success rate for Exp. 2c.
        var series = [ChartSeries(name: "ours", style: .points, points: ours, colorIndex: 0)]
        if !theirs.isEmpty { series.append(ChartSeries(name: reference, style: .points, points: theirs, colorIndex: 1)) }
        let interval = measure == .success ? "Wilson 95% interval" : "bootstrap 95% interval of the mean"
        return Chart(
            title: title, x: ChartAxis(label: "row", scale: .categories(rows.map(\.label))), y: y, series: series,
            note: theirs.isEmpty ? "Ours: filled, \(interval). \(reference): no figure." : "Ours: filled, \(interval). \(reference): hollow.")
    }
}
