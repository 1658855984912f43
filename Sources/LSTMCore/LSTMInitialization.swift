// Initial weights (paper §2.6): uniform in [-range, range], with optional explicit gate biases per
// block (Table 10 columns ogb/igb; "r" means random in the range, A4).

/// How a fresh net's weights are drawn.
public struct LSTMInitialization: Codable, Sendable, Equatable, Hashable {
    /// Every weight, biases included, is uniform in [-weightRange, weightRange] unless set below.
    public var weightRange: Double
    /// Input gate bias of each block, or nil for random in the range ("r").
    public var inputGateBiases: [Double]?
    /// Output gate bias of each block, or nil for random in the range ("r").
    public var outputGateBiases: [Double]?
    /// Whether an explicit bias is added to the bias weight's random draw (A25 `plus_random`, as the
    /// authors' public simulator initialises it) instead of replacing it (`exact`, the default).
    public var biasesAddToDraws: Bool

    /// Creates an initialisation; defaults to the Exps. 3-6 range and random gate biases.
    public init(
        weightRange: Double = 0.1, inputGateBiases: [Double]? = nil, outputGateBiases: [Double]? = nil,
        biasesAddToDraws: Bool = false
    ) {
        self.weightRange = weightRange
        self.inputGateBiases = inputGateBiases
        self.outputGateBiases = outputGateBiases
        self.biasesAddToDraws = biasesAddToDraws
    }

    /// Why this initialisation does not fit `topology`, or nil if it does.
    public func problem(for topology: LSTMTopology) -> String? {
        if !(weightRange >= 0) || !weightRange.isFinite { return "the weight range must be finite and >= 0" }
        if let values = inputGateBiases {
            if !topology.biases.gates { return "input gate biases are set but gates have no bias weights" }
            if values.count != topology.blockCount {
                return "\(values.count) input gate biases given for \(topology.blockCount) blocks"
            }
        }
        if let values = outputGateBiases {
            if !topology.biases.gates || !topology.hasOutputGates {
                return "output gate biases are set but the net has no output gate bias weights"
            }
            if values.count != topology.blockCount {
                return "\(values.count) output gate biases given for \(topology.blockCount) blocks"
            }
        }
        return nil
    }

    /// The flat weight vector (WeightLayout order) of a fresh net.
    ///
    /// Every weight is drawn in layout order, then the explicit biases overwrite their slots (or are
    /// added to them), so the draws do not depend on which biases are explicit.
    public func weights(for topology: LSTMTopology, rng: inout SplitMix64) -> [Double] {
        precondition(problem(for: topology) == nil, problem(for: topology) ?? "")
        let layout = WeightLayout(topology)
        var w = [Double](repeating: 0, count: layout.count)
        for i in 0..<w.count { w[i] = rng.uniform(-weightRange, weightRange) }
        for (values, first) in [(inputGateBiases, layout.inputGateBias), (outputGateBiases, layout.outputGateBias)] {
            guard let values else { continue }
            for j in 0..<topology.blockCount { w[first + j] = biasesAddToDraws ? w[first + j] + values[j] : values[j] }
        }
        return w
    }
}
