// Sequences to success against a parameter on log axes: one dot per finished trial (hollow when
// the budget stopped it: its dot sits at the budget, a lower bound), and the median of the
// successful trials as a line, one colour per `--by` group.

extension Chart {
    /// Sequences against `parameter` from per-trial samples and per-cell medians.
    public static func sequences(
        _ samples: [SequenceSample], medians: [SequenceMedian], sweep: String, parameter: String, by: String?
    ) -> Chart {
        let groups = Self.groups(of: samples.map(\.group) + medians.map(\.group))
        var series: [ChartSeries] = []
        for (index, group) in groups.enumerated() {
            let name = Self.seriesName(group, by: by, fallback: "trials")
            let dots = samples.filter { $0.group == group }.map { sample in
                ChartPoint(
                    x: sample.x, y: Double(sample.sequences), isHollow: sample.capped,
                    detail: "\(sample.sequences) sequences\(sample.capped ? " (budget, no success)" : "")")
            }
            series.append(ChartSeries(name: name, style: .points, points: dots, colorIndex: index))
            let line = medians.filter { $0.group == group }.sorted { $0.x < $1.x }.map {
                ChartPoint(x: $0.x, y: $0.median, detail: "median \($0.median) over \($0.successes) successes")
            }
            if !line.isEmpty {
                series.append(
                    ChartSeries(name: group == nil ? "median" : "\(name) median", style: .plainLine, points: line, colorIndex: index))
            }
        }
        let positiveX = samples.allSatisfy { $0.x > 0 }
        return Chart(
            title: "\(sweep): sequences to success against \(parameter)",
            x: ChartAxis(label: parameter, scale: positiveX ? .log : .linear),
            y: ChartAxis(label: "training sequences", scale: .log), series: series,
            note: "Filled: a trial's sequences to success. Hollow: stopped by its budget. Line: median of the successes.")
    }
}
