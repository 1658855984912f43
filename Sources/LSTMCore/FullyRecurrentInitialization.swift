// Initial weights of the RTRL/BPTT baselines (paper §3.2: uniform in [-0.2, 0.2]).

/// How a fresh fully recurrent net's weights are drawn: every weight uniform in
/// [-weightRange, weightRange] (paper §3.2: "all methods start with weights in [-0.2, 0.2]").
public struct FullyRecurrentInitialization: Codable, Sendable, Equatable, Hashable {
    /// The half-width of the uniform range.
    public var weightRange: Double

    /// Creates an initialisation; the default range 0.2 is Task 2a's (and Exp. 1's).
    public init(weightRange: Double = 0.2) {
        self.weightRange = weightRange
    }

    /// The flat weight vector of a fresh net, drawn in layout order.
    public func weights(for topology: RecurrentTopology, rng: inout SplitMix64) -> [Double] {
        precondition(topology.problem == nil, topology.problem ?? "")
        precondition(weightRange >= 0 && weightRange.isFinite, "the weight range must be finite and >= 0")
        var w = [Double](repeating: 0, count: topology.weightCount)
        for i in 0..<w.count { w[i] = rng.uniform(-weightRange, weightRange) }
        return w
    }
}
