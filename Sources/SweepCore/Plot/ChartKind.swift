/// The kinds of chart `lstm-sweep plot` draws; the dashboard draws all but `paper`.
public enum ChartKind: String, Sendable, CaseIterable, Codable {
    /// Success rate against a parameter, with Wilson 95 % intervals.
    case success
    /// Sequences to success against a parameter, log axes, a dot per trial and the median.
    case sequences
    /// Learning curves of one configuration.
    case curves
    /// The frontier of a frontier search against a configuration parameter.
    case frontier
    /// Ours against the paper for one paper table.
    case paper
}
