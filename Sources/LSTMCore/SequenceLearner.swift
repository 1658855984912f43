// What a trainable recurrent net offers a trial: train on a sequence, evaluate one, and report
// the outputs it produced. The 1997 LSTM and the RTRL/BPTT baselines all conform.

/// When accumulated weight changes are applied (paper ambiguity A1).
public enum UpdateTiming: String, Codable, Sendable, CaseIterable {
    /// After every time step that carries a target (real-time, RTRL style). The paper's "on-line";
    /// the default.
    case perStep
    /// Once at the end of each sequence, with the sum of all steps' contributions.
    case perSequence
}

/// Error figures of one sequence, over the steps that carry targets.
public struct SequenceStats: Sendable, Equatable {
    /// Sum over target steps and outputs of (t - y)².
    public var squaredError: Double = 0
    /// The largest |t - y| over target steps and outputs.
    public var maxAbsError: Double = 0
    /// The largest |t - y| over the outputs of the last target step.
    public var finalMaxAbsError: Double = 0
    /// The number of (step, output) pairs with a target.
    public var targetCount: Int = 0
    /// The number of time steps processed.
    public var steps: Int = 0

    /// Creates empty statistics.
    public init() {}

    /// Whether every error figure is finite (false once a net diverged).
    public var isFinite: Bool { squaredError.isFinite && maxAbsError.isFinite }
}

/// A recurrent net that learns from sequences one at a time.
public protocol SequenceLearner: AnyObject {
    /// The number of trainable weights.
    var weightCount: Int { get }
    /// The flat weight vector.
    var weights: [Double] { get }
    /// Whether every weight is finite.
    var weightsAreFinite: Bool { get }
    /// Output activations of every step of the last sequence. Shape: [length, outputCount].
    var stepOutputs: [Double] { get }
    /// Runs the sequence forward, computes the gradient, and changes the weights.
    func train(_ sequence: SequenceExample, learningRate: Double, timing: UpdateTiming) -> SequenceStats
    /// Runs the sequence forward without learning.
    func evaluate(_ sequence: SequenceExample) -> SequenceStats
    /// The gradient -∂E/∂w (E = ½ Σ (t - y)², as the learning rule uses it) summed over the sequence,
    /// in the flat weight order, without changing any weight.
    func gradient(for sequence: SequenceExample) -> [Double]
}

extension SequenceStats {
    /// Eq. (19) at one target step, shared by every learner: e_k = y_k(1 − y_k)(t_k − y_k) into
    /// `errors`, and the step's error figures into `self` (E = ½ Σ (t − y)²; factor 2 dropped).
    ///
    /// - Parameters: `targets` is the sequence's [length, K] target buffer, `outputs` and `errors`
    ///   point at K values each.
    @inline(__always)
    mutating func addOutputErrors(
        targets: UnsafeBufferPointer<Double>, at t: Int, outputs: UnsafePointer<Double>, count: Int,
        errors: UnsafeMutablePointer<Double>
    ) {
        var finalMax = 0.0
        for k in 0..<count {
            let y = outputs[k]
            let diff = targets[t * count + k] - y
            errors[k] = y * (1 - y) * diff
            squaredError += diff * diff
            finalMax = max(finalMax, abs(diff))
        }
        maxAbsError = max(maxAbsError, finalMax)
        finalMaxAbsError = finalMax
        targetCount += count
    }
}
