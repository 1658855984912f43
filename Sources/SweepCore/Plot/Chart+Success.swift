// Success rate against a parameter, one line per `--by` group, each point with its Wilson 95 %
// interval (Statistics/ConfidenceInterval.swift).

extension Chart {
    /// Success rate against `parameter`, from per-cell counts; cells without finished trials are left out.
    public static func successRate(_ counts: [SuccessCount], sweep: String, parameter: String, by: String?) -> Chart {
        let series = Self.groups(of: counts.map(\.group)).enumerated().map { index, group in
            let points = counts.filter { $0.group == group && $0.finished > 0 }.sorted { $0.x < $1.x }.map { count in
                ChartPoint(
                    x: count.x, y: Double(count.successes) / Double(count.finished),
                    interval: ConfidenceInterval.wilson(successes: count.successes, trials: count.finished)
                        .map { $0.lower...$0.upper },
                    detail: "\(parameter) = \(ChartAxis.label(count.x)): \(count.successes)/\(count.finished) succeeded")
            }
            return ChartSeries(name: Self.seriesName(group, by: by, fallback: "success rate"), style: .line, points: points, colorIndex: index)
        }
        return Chart(
            title: "\(sweep): success rate against \(parameter)", x: ChartAxis(label: parameter),
            y: ChartAxis(label: "success rate", fixedDomain: 0...1), series: series,
            note: "Bars: Wilson 95% intervals of each point's finished trials.")
    }

    /// The distinct groups in first-seen order (nil, the ungrouped case, first).
    static func groups(of values: [String?]) -> [String?] {
        var seen: [String?] = []
        for value in values where !seen.contains(value) { seen.append(value) }
        return seen.sorted { ($0.flatMap(Double.init) ?? .infinity, $0 ?? "") < ($1.flatMap(Double.init) ?? .infinity, $1 ?? "") }
    }

    /// "lr=0.1" for a group of `--by lr`, or the fallback without grouping.
    static func seriesName(_ group: String?, by: String?, fallback: String) -> String {
        guard let group, let by else { return fallback }
        return "\(by.split(separator: ".").last.map(String.init) ?? by)=\(group)"
    }
}
