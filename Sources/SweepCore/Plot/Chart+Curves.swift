// The learning curves of one configuration: training loss against sequences seen, one line per
// trial, from the curvePoint table. The loss axis is logarithmic when the losses span a decade.

extension Chart {
    /// Learning curves, one series per trial in first-seen order.
    public static func curves(_ samples: [CurveSample], sweep: String, configuration: String) -> Chart {
        var trials: [String] = []
        for sample in samples where !trials.contains(sample.trial) { trials.append(sample.trial) }
        let series = trials.enumerated().map { index, trial in
            ChartSeries(
                name: trial, style: .line,
                points: samples.filter { $0.trial == trial }.sorted { $0.sequences < $1.sequences }.map {
                    ChartPoint(x: Double($0.sequences), y: $0.trainingLoss)
                }, colorIndex: index)
        }
        let losses = samples.map(\.trainingLoss)
        let logarithmic = (losses.min() ?? 0) > 0 && (losses.max() ?? 0) / (losses.min() ?? 1) > 10
        return Chart(
            title: "\(sweep): learning curves", x: ChartAxis(label: "training sequences"),
            y: ChartAxis(label: "training loss", scale: logarithmic ? .log : .linear), series: series,
            note: configuration.isEmpty ? nil : "Configuration: \(configuration)")
    }
}
