// Experiment 5 (paper §3.5): the multiplication problem. As the adding problem, but values are
// uniform in [0,1], a marked first pair has value 1.0 (A11), and the target is X1 × X2.
import LSTMCore

/// The multiplication problem (Exp. 5): 2 dense inputs, 1 output, a target at the end only.
public struct Multiplication: MarkedPairProblem {
    /// T: the minimal length (100).
    public var T: Int
    /// Whether a marked first pair's value is set to 1.0 (the paper's rule, A11) or kept.
    public var fixMarkedFirstPair: Bool
    /// ABS(β) at the end (0.04).
    public var threshold: Double
    /// X2 among the first T/2 - 1 still unmarked pairs (true) or the first T/2 - 1 pairs (A11).
    public var secondAmongUnmarked: Bool

    /// Creates the task; T must be at least 20.
    public init(T: Int = 100, fixMarkedFirstPair: Bool = true, threshold: Double = 0.04, secondAmongUnmarked: Bool = true) {
        precondition(T >= 20)
        self.T = T
        self.fixMarkedFirstPair = fixMarkedFirstPair
        self.threshold = threshold
        self.secondAmongUnmarked = secondAmongUnmarked
    }

    @discardableResult
    public func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> Int {
        let pairs = MarkedPairs(
            T: T, low: 0, high: 1, firstPairValue: fixMarkedFirstPair ? 1 : nil, secondAmongUnmarked: secondAmongUnmarked)
        let (x1, x2) = pairs.fill(&sequence, rng: &rng)
        sequence.setTarget(x1 * x2, unit: 0, at: sequence.length - 1)
        return 0
    }
}
