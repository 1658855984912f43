// The chart model every plot is drawn from: axes, series of points, a legend and a note. Pure data:
// builders (Chart+Success.swift, +Sequences, +Curves, +Frontier) fill it from query results, and
// Chart+SVG.swift draws it. `lstm-sweep plot` and the dashboard share both halves.

/// A two-dimensional chart: what `lstm-sweep plot` and the dashboard draw.
public struct Chart: Sendable, Equatable {
    /// The title above the plot area.
    public var title: String
    /// The horizontal axis.
    public var x: ChartAxis
    /// The vertical axis.
    public var y: ChartAxis
    /// The series, drawn in order (the first is under the others) and listed in the legend.
    public var series: [ChartSeries]
    /// A line under the plot explaining markers or intervals, or nil.
    public var note: String?

    /// Creates a chart.
    public init(title: String, x: ChartAxis, y: ChartAxis, series: [ChartSeries], note: String? = nil) {
        self.title = title
        self.x = x
        self.y = y
        self.series = series
        self.note = note
    }

    /// Whether the chart has no point to draw.
    public var isEmpty: Bool { series.allSatisfy(\.points.isEmpty) }
}

/// One named series of a chart.
public struct ChartSeries: Sendable, Equatable {
    /// How a series is drawn.
    public enum Style: String, Sendable, Equatable {
        /// Points joined by a line, each with a marker.
        case line
        /// A line without markers (a median, a learning curve).
        case plainLine
        /// Markers only (one per trial).
        case points
    }

    /// The legend's name for the series.
    public var name: String
    /// How it is drawn.
    public var style: Style
    /// The points, in drawing order.
    public var points: [ChartPoint]
    /// The palette index of its colour (series of one group share a colour).
    public var colorIndex: Int

    /// Creates a series.
    public init(name: String, style: Style, points: [ChartPoint], colorIndex: Int) {
        self.name = name
        self.style = style
        self.points = points
        self.colorIndex = colorIndex
    }
}

/// One point, with an optional vertical interval.
public struct ChartPoint: Sendable, Equatable {
    /// The horizontal value (a category's index on a categorical axis).
    public var x: Double
    /// The vertical value.
    public var y: Double
    /// The interval's lower and upper ends (a Wilson interval, a frontier bracket), or nil.
    public var interval: ClosedRange<Double>?
    /// Drawn hollow: a trial stopped by its budget, a reference figure.
    public var isHollow: Bool
    /// A tooltip, e.g. "7/10 succeeded".
    public var detail: String?

    /// Creates a point.
    public init(x: Double, y: Double, interval: ClosedRange<Double>? = nil, isHollow: Bool = false, detail: String? = nil) {
        self.x = x
        self.y = y
        self.interval = interval
        self.isHollow = isHollow
        self.detail = detail
    }
}
