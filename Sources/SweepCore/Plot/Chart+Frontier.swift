// The lag frontier of a frontier search (Search/FrontierReport.swift) against a parameter of its
// configurations: each point is the largest passing value, its bar reaches the smallest failing
// one (the bracket the frontier lies in). A configuration with no passing value is drawn hollow
// at its smallest failing value.

extension Chart {
    /// The frontier of each configuration against the configuration parameter `x`, one line per `--by` group.
    ///
    /// Without `x` (or when a configuration lacks it) the configurations are categories in expansion order.
    public static func frontier(_ report: FrontierReport, x: String?, by: String?) -> Chart {
        let searched = report.entries.first?.parameter ?? "frontier"
        let numeric = x.map { name in report.entries.allSatisfy { $0.configuration[name]?.doubleValue != nil } } ?? false
        let labels = report.entries.map { entry in
            entry.configuration.keys.sorted().map { "\($0.split(separator: ".").last ?? "")=\(entry.configuration[$0]?.canonicalJSON ?? "")" }
                .joined(separator: " ")
        }
        let groupOf: (FrontierReport.Entry) -> String? = { entry in by.flatMap { entry.configuration[$0]?.canonicalJSON } }
        let series = Self.groups(of: report.entries.map(groupOf)).enumerated().map { index, group in
            let points = report.entries.enumerated().filter { groupOf($0.element) == group }.compactMap { position, entry -> ChartPoint? in
                let at = numeric ? (x.flatMap { entry.configuration[$0]?.doubleValue } ?? 0) : Double(position)
                let bracket = "largest passing \(entry.largestPassing.map(String.init) ?? "-"), smallest failing \(entry.smallestFailing.map(String.init) ?? "-")"
                if let passing = entry.largestPassing {
                    let upper = entry.smallestFailing.map(Double.init) ?? Double(passing)
                    return ChartPoint(x: at, y: Double(passing), interval: Double(passing)...max(Double(passing), upper), detail: bracket)
                }
                return entry.smallestFailing.map { ChartPoint(x: at, y: Double($0), isHollow: true, detail: bracket) }
            }.sorted { $0.x < $1.x }
            return ChartSeries(name: Self.seriesName(group, by: by, fallback: "frontier"), style: .line, points: points, colorIndex: index)
        }
        let axis = numeric ? ChartAxis(label: x ?? "") : ChartAxis(label: "configuration", scale: .categories(labels))
        return Chart(
            title: "\(report.sweepName): frontier of \(searched)", x: axis,
            y: ChartAxis(label: "\(searched) (largest passing)"), series: series,
            note: "Bars reach the smallest failing value. Hollow: no value passed (drawn at the smallest failing).")
    }
}
