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
