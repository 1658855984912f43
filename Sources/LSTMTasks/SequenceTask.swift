// The contract every paper experiment fulfils (paper §3): an input/output coding, a generator that
// fills one sequence in place, and the per-sequence correctness test the paper's criteria count.
import LSTMCore

/// One experiment's sequence generator and correctness test.
///
/// `fill` draws one sequence from the task's distribution into a reused buffer and returns a
/// label (the class, or 0 when the task has none) that `score` needs to judge the net's outputs
/// against the noise-free target (Exp. 3c) or the class (Exps. 6a/6b).
public protocol SequenceTask: Sendable {
    /// The number of input units.
    var inputCount: Int { get }
    /// The number of output units.
    var outputCount: Int { get }
    /// How the inputs are coded (one-hot symbols or dense real values).
    var encoding: SequenceExample.Encoding { get }
    /// A typical upper bound on sequence length, used to size buffers once.
    var lengthHint: Int { get }
    /// Generates one sequence into `sequence` and returns its label.
    @discardableResult
    func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> Int
    /// Judges the net's outputs for a sequence. `outputs` has shape [length, outputCount].
    func score(_ sequence: SequenceExample, label: Int, outputs: [Double]) -> SequenceScore
}

extension SequenceTask {
    /// A fresh buffer that fits this task's sequences.
    public func makeBuffer() -> SequenceExample {
        SequenceExample(inputCount: inputCount, outputCount: outputCount, encoding: encoding, capacity: lengthHint)
    }
}

/// The verdict on one sequence, over the steps the success test looks at.
public struct SequenceScore: Sendable, Equatable {
    /// Whether the sequence counts as correctly processed (the paper's per-sequence test).
    public var correct: Bool
    /// The sum of (target - output)² over the scored (step, output) pairs.
    public var squaredError: Double
    /// The sum of |target - output| over the scored pairs (3c: against the noise-free target).
    public var absoluteError: Double
    /// The number of scored (step, output) pairs.
    public var count: Int

    /// Creates a score.
    public init(correct: Bool, squaredError: Double, absoluteError: Double, count: Int) {
        self.correct = correct
        self.squaredError = squaredError
        self.absoluteError = absoluteError
        self.count = count
    }

    /// ABS(β) at one step: correct when every output's |target - output| is below β.
    ///
    /// `clean` replaces the sequence's own targets (3c scores against the noise-free target).
    public static func absolute(
        _ sequence: SequenceExample, outputs: [Double], step t: Int, below beta: Double, clean: [Double]? = nil
    ) -> SequenceScore {
        let k = sequence.outputCount
        var score = SequenceScore(correct: true, squaredError: 0, absoluteError: 0, count: k)
        for unit in 0..<k {
            let target = clean?[unit] ?? sequence.target(unit: unit, at: t)
            let diff = abs(target - outputs[t * k + unit])
            score.squaredError += diff * diff
            score.absoluteError += diff
            if !(diff < beta) { score.correct = false }  // NaN counts as wrong
        }
        return score
    }

    /// ABS(β) at every step with a target: correct when all are.
    public static func absoluteEverywhere(
        _ sequence: SequenceExample, outputs: [Double], below beta: Double
    ) -> SequenceScore {
        var total = SequenceScore(correct: true, squaredError: 0, absoluteError: 0, count: 0)
        for t in 0..<sequence.length where sequence.hasTarget[t] {
            let s = absolute(sequence, outputs: outputs, step: t, below: beta)
            total.correct = total.correct && s.correct
            total.squaredError += s.squaredError
            total.absoluteError += s.absoluteError
            total.count += s.count
        }
        return total
    }
}

/// A uniform integer in lower...upper (both inclusive, ambiguity A10).
@inline(__always)
func draw(_ lower: Int, _ upper: Int, _ rng: inout SplitMix64) -> Int {
    rng.integer(in: lower...upper)
}
