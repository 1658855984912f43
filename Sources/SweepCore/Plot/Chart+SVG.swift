// Draws a Chart as one standalone SVG 1.1 document: no script, no external font or stylesheet, so
// it opens in a browser, embeds in a page (the dashboard inlines it) and converts for a paper.
// Every data point is a <circle class="point"> carrying its values in data-* attributes, which is
// what the tests read back; the <title> child is the browser's tooltip.

import Foundation

extension Chart {
    /// The size of the drawing, in SVG user units (pixels in a browser).
    public struct Size: Sendable, Equatable {
        /// Width.
        public var width: Double
        /// Height.
        public var height: Double
        /// Creates a size.
        public init(width: Double, height: Double) {
            self.width = width
            self.height = height
        }
        /// 720 × 440, readable on a screen and in a two-column paper scaled down.
        public static let standard = Size(width: 720, height: 440)
    }

    /// Colour-blind-safe colours (Okabe and Ito), cycled by ``ChartSeries/colorIndex``.
    public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// The chart as an SVG document, starting with the XML declaration.
    public func svg(size: Size = .standard) -> String {
        let frame = PlotFrame(chart: self, size: size)
        var out = SVGWriter()
        out.open(
            "svg", ["xmlns": "http://www.w3.org/2000/svg", "width": SVGWriter.number(size.width),
                "height": SVGWriter.number(size.height), "viewBox": "0 0 \(SVGWriter.number(size.width)) \(SVGWriter.number(size.height))",
                "font-family": "Helvetica, Arial, sans-serif", "font-size": "12", "class": "lstm-sweep-chart"])
        out.element("rect", ["width": "100%", "height": "100%", "fill": "#ffffff"])
        out.text(title, ["x": SVGWriter.number(size.width / 2), "y": "24", "text-anchor": "middle", "font-size": "15", "font-weight": "bold", "class": "title"])
        frame.drawAxes(into: &out)
        out.open("g", ["class": "series-group", "clip-path": "none"])
        for (index, entry) in series.enumerated() { frame.draw(entry, shift: frame.dodge(index, of: series.count), into: &out) }
        out.close("g")
        frame.drawLegend(series, into: &out)
        if let note {
            out.text(note, ["x": SVGWriter.number(frame.left), "y": SVGWriter.number(size.height - 8), "font-size": "11", "fill": "#444444", "class": "note"])
        }
        out.close("svg")
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + out.output
    }
}

/// The plot area of one chart and the mapping of values into it.
struct PlotFrame {
    let chart: Chart
    let left: Double, top: Double, right: Double, bottom: Double
    let xDomain: ClosedRange<Double>, yDomain: ClosedRange<Double>
    /// How far rotated x labels reach below their anchor (0 when they are not rotated).
    let labelDrop: Double

    init(chart: Chart, size: Chart.Size) {
        self.chart = chart
        labelDrop = Self.labelDrop(chart.x)
        left = max(76, Self.firstLabelReach(chart.x) - Self.inset + 4)
        top = 44
        right = size.width - 200
        // Below the axis: the tick labels (anchored 18 down, rotated ones reaching labelDrop further),
        // the axis title, and the note.
        bottom = size.height - (labelDrop > 0 ? 18 + labelDrop + 30 : 64) - (chart.note == nil ? 0 : 10)
        let points = chart.series.flatMap(\.points)
        xDomain = chart.x.domain(for: points.map(\.x))
        yDomain = chart.y.domain(for: points.flatMap { [$0.y] + ($0.interval.map { [$0.lowerBound, $0.upperBound] } ?? []) })
    }

    static func rotatesLabels(_ axis: ChartAxis) -> Bool {
        if case .categories(let names) = axis.scale { return names.count > 8 || names.contains { $0.count > 10 } }
        return false
    }

    /// Category labels longer than this are cut, with an ellipsis.
    static let longestLabel = 32

    /// The width of a character of a 12 px label, roughly, in pixels.
    static let characterWidth = 6.2

    /// The drawn length of each rotated x label in pixels, or nil when the labels are not rotated.
    static func rotatedLabelLengths(_ axis: ChartAxis) -> [Double]? {
        guard rotatesLabels(axis), case .categories(let names) = axis.scale else { return nil }
        return names.map { Double(min($0.count, longestLabel)) * characterWidth }
    }

    /// The vertical reach of the longest rotated x label: its length times sin 30°, plus its height.
    static func labelDrop(_ axis: ChartAxis) -> Double {
        guard let lengths = rotatedLabelLengths(axis) else { return 0 }
        return (lengths.max() ?? 0) * 0.5 + 10
    }

    /// How far the first rotated x label reaches left of its anchor (its length times cos 30°), so
    /// that the plot starts far enough right for it.
    static func firstLabelReach(_ axis: ChartAxis) -> Double {
        (rotatedLabelLengths(axis)?.first ?? 0) * 0.866
    }

    /// A label as drawn: cut to ``longestLabel`` characters.
    static func shown(_ label: String) -> String {
        label.count > longestLabel ? String(label.prefix(longestLabel - 1)) + "…" : label
    }

    /// Side by side: on a category axis, each of several series is shifted a few pixels from the
    /// category's centre, so that equal values (ours and the paper's 100 %) do not hide each other.
    func dodge(_ index: Int, of count: Int) -> Double {
        guard count > 1, case .categories = chart.x.scale else { return 0 }
        return (Double(index) - Double(count - 1) / 2) * 8
    }

    /// Pixels kept free inside the axes, so points on the domain's ends are not cut by the axis lines.
    static let inset = 8.0

    func px(_ value: Double) -> Double {
        left + Self.inset + chart.x.fraction(of: value, in: xDomain) * (right - left - 2 * Self.inset)
    }

    func py(_ value: Double) -> Double {
        bottom - Self.inset - chart.y.fraction(of: value, in: yDomain) * (bottom - top - 2 * Self.inset)
    }

    func drawAxes(into out: inout SVGWriter) {
        out.open("g", ["class": "axes", "stroke": "#000000"])
        for tick in chart.y.ticks(in: yDomain) {
            let y = SVGWriter.number(py(tick.value))
            out.element("line", ["x1": SVGWriter.number(left), "x2": SVGWriter.number(right), "y1": y, "y2": y, "stroke": "#e4e4e4"])
            out.element("line", ["x1": SVGWriter.number(left - 5), "x2": SVGWriter.number(left), "y1": y, "y2": y])
            out.text(tick.label, ["x": SVGWriter.number(left - 8), "y": y, "dy": "0.32em", "text-anchor": "end", "stroke": "none", "class": "tick y-tick"])
        }
        let rotated = labelDrop > 0
        for tick in chart.x.ticks(in: xDomain) {
            let x = SVGWriter.number(px(tick.value))
            out.element("line", ["x1": x, "x2": x, "y1": SVGWriter.number(bottom), "y2": SVGWriter.number(bottom + 5)])
            var attributes = ["x": x, "y": SVGWriter.number(bottom + 18), "text-anchor": "middle", "stroke": "none", "class": "tick x-tick"]
            if rotated {
                attributes["text-anchor"] = "end"
                attributes["transform"] = "rotate(-30 \(x) \(SVGWriter.number(bottom + 18)))"
            }
            out.text(Self.shown(tick.label), attributes)
        }
        out.element("polyline", ["points": "\(SVGWriter.number(left)),\(SVGWriter.number(top)) \(SVGWriter.number(left)),\(SVGWriter.number(bottom)) \(SVGWriter.number(right)),\(SVGWriter.number(bottom))", "fill": "none"])
        out.close("g")
        let xLabelY = bottom + (rotated ? 18 + labelDrop + 18 : 40)
        out.text(chart.x.label, ["x": SVGWriter.number((left + right) / 2), "y": SVGWriter.number(xLabelY), "text-anchor": "middle", "class": "axis-label x-label"])
        let yMiddle = SVGWriter.number((top + bottom) / 2)
        out.text(chart.y.label, ["x": "18", "y": yMiddle, "text-anchor": "middle", "transform": "rotate(-90 18 \(yMiddle))", "class": "axis-label y-label"])
    }

    func draw(_ series: ChartSeries, shift: Double = 0, into out: inout SVGWriter) {
        let color = Chart.palette[series.colorIndex % Chart.palette.count]
        out.open("g", ["class": "series", "data-series": series.name])
        let visible = series.points.filter { chart.y.scale != .log || $0.y > 0 }
        if series.style != .points && visible.count > 1 {
            let path = visible.map { "\(SVGWriter.number(px($0.x) + shift)),\(SVGWriter.number(py($0.y)))" }.joined(separator: " ")
            out.element("polyline", ["points": path, "fill": "none", "stroke": color, "stroke-width": "2", "class": "line"])
        }
        for point in visible {
            let centre = px(point.x) + shift
            let x = SVGWriter.number(centre)
            if let interval = point.interval {
                let (low, high) = (SVGWriter.number(py(interval.lowerBound)), SVGWriter.number(py(interval.upperBound)))
                out.element("line", ["x1": x, "x2": x, "y1": low, "y2": high, "stroke": color, "stroke-width": "1.2", "class": "interval"])
                for end in [low, high] {
                    out.element("line", ["x1": SVGWriter.number(centre - 4), "x2": SVGWriter.number(centre + 4), "y1": end, "y2": end, "stroke": color, "stroke-width": "1.2"])
                }
            }
            guard series.style != .plainLine else { continue }
            var attributes = [
                "cx": x, "cy": SVGWriter.number(py(point.y)), "r": series.style == .points ? "3" : "4",
                "fill": point.isHollow ? "#ffffff" : color, "stroke": color, "stroke-width": "1.5", "class": "point",
                "data-series": series.name, "data-x": "\(point.x)", "data-y": "\(point.y)", "data-hollow": point.isHollow ? "1" : "0",
            ]
            if let interval = point.interval {
                attributes["data-low"] = "\(interval.lowerBound)"
                attributes["data-high"] = "\(interval.upperBound)"
            }
            if series.style == .points { attributes["fill-opacity"] = point.isHollow ? "1" : "0.6" }
            if let detail = point.detail {
                out.open("circle", attributes)
                out.text(detail, [:], tag: "title")
                out.close("circle")
            } else {
                out.element("circle", attributes)
            }
        }
        out.close("g")
    }

    func drawLegend(_ series: [ChartSeries], into out: inout SVGWriter) {
        out.open("g", ["class": "legend"])
        for (row, entry) in series.prefix(16).enumerated() {
            let color = Chart.palette[entry.colorIndex % Chart.palette.count]
            let y = top + 8 + Double(row) * 18
            let x = right + 16
            if entry.style != .points {
                out.element("line", ["x1": SVGWriter.number(x), "x2": SVGWriter.number(x + 18), "y1": SVGWriter.number(y), "y2": SVGWriter.number(y), "stroke": color, "stroke-width": "2"])
            }
            if entry.style != .plainLine {
                out.element("circle", ["cx": SVGWriter.number(x + 9), "cy": SVGWriter.number(y), "r": "4", "fill": color, "stroke": color])
            }
            let name = entry.name.count > 26 ? String(entry.name.prefix(25)) + "…" : entry.name
            out.text(name, ["x": SVGWriter.number(x + 24), "y": SVGWriter.number(y), "dy": "0.32em", "class": "legend-entry"])
        }
        if series.count > 16 {
            out.text("… \(series.count - 16) more", ["x": SVGWriter.number(right + 16), "y": SVGWriter.number(top + 8 + 16 * 18), "dy": "0.32em", "class": "legend-entry"])
        }
        out.close("g")
    }
}
