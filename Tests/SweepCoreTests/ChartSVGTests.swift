// The chart model drawn as SVG: well-formed XML (parsed back with FoundationXML), axes with ticks
// and labels, a legend, escaped text, and data points that carry the values they were given.

import Foundation
import SweepCore
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

struct ChartSVGTests {
    func parse(_ svg: String) throws -> XMLElement {
        try #require(try XMLDocument(xmlString: svg, options: []).rootElement())
    }

    func elements(_ root: XMLElement, _ xpath: String) throws -> [XMLElement] {
        try root.nodes(forXPath: xpath).compactMap { $0 as? XMLElement }
    }
}

extension XMLElement {
    /// An attribute's value, read from `attributes` (`attribute(forName:)` returned nil for these on Linux).
    func value(_ name: String) -> String? {
        attributes?.first { $0.name == name }?.stringValue
    }
}

extension ChartSVGTests {
    @Test func successChartIsWellFormedSVGWithAxesLegendAndWilsonIntervals() throws {
        // Given counts for two groups, one with an escaped name
        let counts = [
            SuccessCount(group: "0.1", x: 10, finished: 10, successes: 9),
            SuccessCount(group: "0.1", x: 100, finished: 10, successes: 2),
            SuccessCount(group: "a<b&c", x: 10, finished: 4, successes: 4),
            SuccessCount(group: "a<b&c", x: 100, finished: 0, successes: 0),
        ]
        // When drawn
        let root = try parse(Chart.successRate(counts, sweep: "lag \"study\"", parameter: "task.T", by: "train.lr").svg())
        // Then it is SVG with a title, labelled axes, ticks, a legend entry per group
        #expect(root.name == "svg")
        #expect(try elements(root, "//*[@class='title']").first?.stringValue == "lag \"study\": success rate against task.T")
        #expect(try elements(root, "//*[contains(@class, 'x-label')]").first?.stringValue == "task.T")
        #expect(try elements(root, "//*[contains(@class, 'y-label')]").first?.stringValue == "success rate")
        #expect(try elements(root, "//*[contains(@class, 'x-tick')]").count >= 3)
        #expect(try elements(root, "//*[contains(@class, 'y-tick')]").map(\.stringValue) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        #expect(try elements(root, "//*[@class='legend-entry']").map(\.stringValue) == ["lr=0.1", "lr=a<b&c"])
        // And every point carries its rate and Wilson interval; the cell without finished trials is left out
        let points = try elements(root, "//*[@class='point']")
        #expect(points.count == 3)
        let first = try #require(points.first { $0.value("data-series") == "lr=0.1" })
        let wilson = try #require(ConfidenceInterval.wilson(successes: 9, trials: 10))
        #expect(Double(first.value("data-y") ?? "") == 0.9)
        #expect(Double(first.value("data-low") ?? "") == wilson.lower)
        #expect(Double(first.value("data-high") ?? "") == wilson.upper)
    }

    @Test func sequencesChartUsesLogAxesAndMarksCappedTrialsHollow() throws {
        let samples = [
            SequenceSample(group: nil, x: 10, sequences: 120, capped: false),
            SequenceSample(group: nil, x: 10, sequences: 180, capped: false),
            SequenceSample(group: nil, x: 100, sequences: 5000, capped: true),
        ]
        let medians = [SequenceMedian(group: nil, x: 10, median: 150, successes: 2)]
        let chart = Chart.sequences(samples, medians: medians, sweep: "s", parameter: "task.T", by: nil)
        #expect(chart.x.scale == .log && chart.y.scale == .log)
        let root = try parse(chart.svg())
        let hollow = try elements(root, "//*[@class='point'][@data-hollow='1']")
        #expect(hollow.map { $0.value("data-y") } == ["5000.0"])
        #expect(try elements(root, "//*[@class='point']").count == 3)
        // Decade ticks on the y axis: 100, 1000, 10000
        #expect(try elements(root, "//*[contains(@class, 'y-tick')]").map(\.stringValue) == ["100", "1k", "10k"])
    }

    @Test(arguments: [
        (0.0...1.0, ["0", "0.2", "0.4", "0.6", "0.8", "1"]),
        (0.0...1000.0, ["0", "200", "400", "600", "800", "1000"]),
        (-5.0...5.0, ["-4", "-2", "0", "2", "4"]),
    ])
    func linearTicksAreRoundNumbers(domain: ClosedRange<Double>, labels: [String]) {
        #expect(ChartAxis(label: "x").ticks(in: domain).map(\.label) == labels)
    }

    /// An axis that reaches 10,000 writes thousands and millions, in one notation: Table 7's sequences
    /// axis read "1000000" at one decade and "1e+07" at the next before.
    @Test(arguments: [
        (ChartAxis.Scale.log, 10_000.0...10_000_000.0, ["10k", "100k", "1M", "10M"]),
        (.log, 1.0...1e9, ["1", "10", "100", "1k", "10k", "100k", "1M", "10M", "100M", "1G"]),
        (.linear, 0.0...20_000.0, ["0", "5k", "10k", "15k", "20k"]),
        (.linear, 0.0...2_500_000.0, ["0", "500k", "1M", "1.5M", "2M", "2.5M"]),
        (.linear, -10_000.0...10_000.0, ["-10k", "-5k", "0", "5k", "10k"]),
        (.log, 1.0...1_000.0, ["1", "10", "100", "1000"]),
    ])
    func largeTicksAreWrittenInThousandsAndMillions(scale: ChartAxis.Scale, domain: ClosedRange<Double>, labels: [String]) {
        #expect(ChartAxis(label: "y", scale: scale).ticks(in: domain).map(\.label) == labels)
    }

    /// Table 2's comparison chart: labels like "2a-rtrl-p4 learning_rate=10.0" ran, rotated, over the
    /// axis title and the note (and, as a first row, out of the drawing to the left), and the paper's
    /// hollow dot hid ours where the two rates were equal.
    @Test func longCategoryLabelsClearTheAxisTitleAndEqualValuesStaySideBySide() throws {
        // Given a comparison-like chart with long row names and equal values in both series
        let rows = ["2a-rtrl-p4 learning_rate=4.0", "2a", "2a-rtrl-p4 learning_rate=10.0", "a row name far longer than any table's"]
        let ours = ChartSeries(name: "ours", style: .points, points: rows.indices.map { ChartPoint(x: Double($0), y: 1, interval: 0.8...1) }, colorIndex: 0)
        let paper = ChartSeries(name: "paper", style: .points, points: rows.indices.map { ChartPoint(x: Double($0), y: 1, isHollow: true) }, colorIndex: 1)
        let chart = Chart(title: "Table 2", x: ChartAxis(label: "row", scale: .categories(rows)), y: ChartAxis(label: "rate", fixedDomain: 0...1),
                          series: [ours, paper], note: "Ours: filled. paper: hollow.")
        // When drawn
        let root = try parse(chart.svg())
        // Then every rotated tick label ends above the axis title, which is above the note
        let labels = try elements(root, "//*[contains(@class, 'x-tick')]")
        let titleY = try #require(Double(try elements(root, "//*[contains(@class, 'x-label')]").first?.value("y") ?? ""))
        let noteY = try #require(Double(try elements(root, "//*[@class='note']").first?.value("y") ?? ""))
        for label in labels {
            let anchor = try #require(Double(label.value("y") ?? ""))
            let reach = Double(label.stringValue?.count ?? 0) * 6.2 * 0.5  // 12 px characters, rotated 30°
            #expect(anchor + reach < titleY - 10, "\(label.stringValue ?? "")")
            // and none reaches left out of the drawing (a long first row did)
            let x = try #require(Double(label.value("x") ?? ""))
            #expect(x - Double(label.stringValue?.count ?? 0) * 6.2 * 0.866 >= 0, "\(label.stringValue ?? "")")
        }
        #expect(titleY < noteY - 10)
        // And the longest name is cut with an ellipsis
        #expect(labels.last?.stringValue == "a row name far longer than any …")
        // And ours and the paper's equal points sit side by side, ours with its interval
        let points = try elements(root, "//*[@class='point']")
        for row in rows.indices {
            let centres = points.filter { $0.value("data-x") == "\(Double(row))" }.compactMap { Double($0.value("cx") ?? "") }
            #expect(centres.count == 2 && abs(centres[0] - centres[1]) >= 6, "row \(row): \(centres)")
        }
    }

    @Test func fittedLinearDomainCoversTheDataWithWholeTicks() {
        let domain = ChartAxis(label: "x").domain(for: [3, 97])
        #expect(domain.lowerBound <= 3 && domain.upperBound >= 97)
        #expect(domain == 0...100)
    }
}
