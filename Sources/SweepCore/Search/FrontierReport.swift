// What `lstm-sweep report --frontier` prints: per configuration of a frontier search, the bracket
// and every decided probe, read from the recorded decisions (never recomputed), so the report shows
// exactly what the search decided.

/// The frontier of each configuration of one sweep's frontier search.
public struct FrontierReport: Sendable, Equatable {
    /// One decided probe.
    public struct Probe: Sendable, Equatable {
        /// The probed value.
        public var value: Int
        /// Seeds the verdict used.
        public var trials: Int
        /// Successes among them.
        public var successes: Int
        /// Whether the probe reached the target rate.
        public var passed: Bool
    }

    /// One configuration's frontier.
    public struct Entry: Sendable, Equatable {
        /// The varied parameters of the configuration (grid point and random sample).
        public var configuration: [String: ParameterValue]
        /// The searched parameter.
        public var parameter: String
        /// The largest passing value, or nil.
        public var largestPassing: Int?
        /// The smallest failing value, or nil.
        public var smallestFailing: Int?
        /// Whether the search of this configuration has ended.
        public var finished: Bool
        /// Decided probes, in the order they were started.
        public var probes: [Probe]
    }

    /// The sweep.
    public var sweepName: String
    /// One entry per configuration, in expansion order.
    public var entries: [Entry]

    /// The report of `plan` from its recorded decisions; nil when the plan is not a frontier search.
    public init?(plan: SearchPlan, decisions: [SearchDecision]) {
        guard case .frontier(let frontier) = plan.search else { return nil }
        sweepName = plan.sweepName
        entries = plan.points.indices.map { configuration in
            let mine = decisions.filter { $0.configuration == configuration }.sorted { $0.step < $1.step }
            let probes = mine.compactMap { decision -> Probe? in
                guard decision.kind == .pass || decision.kind == .fail, let value = decision.value else { return nil }
                return Probe(value: value, trials: decision.trials, successes: decision.successes, passed: decision.kind == .pass)
            }
            return Entry(
                configuration: plan.points[configuration], parameter: frontier.parameter,
                largestPassing: probes.filter(\.passed).map(\.value).max(),
                smallestFailing: probes.filter { !$0.passed }.map(\.value).min(),
                finished: mine.contains { $0.kind == .frontier }, probes: probes)
        }
    }
}
