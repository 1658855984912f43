// Experiment 3 (paper §3.3): Bengio et al.'s 2-sequence problem, noise and signal on one input
// line. Length uniform in T...T+T/10; the first N elements carry the class (±1), later elements
// are Gaussian noise of VARIANCE 0.2 (A12). 3b adds that noise to the first N too; 3c has targets
// 0.2/0.8 plus Gaussian target noise of variance 0.1, scored against the noise-free target.
import LSTMCore

/// Tasks 3a, 3b and 3c: one dense input, one output, a target at the end only.
///
/// Label 0 is class 1 (signal +1; target 1.0, or 0.2 in 3c), label 1 is class 2 (signal -1;
/// target 0.0, or 0.8 in 3c).
public struct TwoSequence: SequenceTask {
    /// Which variant.
    public enum Variant: String, Sendable { case a = "3a", b = "3b", c = "3c" }

    /// The variant.
    public var variant: Variant
    /// T: the minimal length.
    public var T: Int
    /// N: how many leading elements carry the class (1 or 3 in the paper).
    public var N: Int
    /// The variance of the input noise (0.2).
    public var noiseVariance: Double
    /// The variance of the target noise in 3c (0.1).
    public var targetNoiseVariance: Double
    /// Correct when |output - noise-free target| is below this: 0.2 (3a/3b) or 0.1 (3c).
    public var threshold: Double

    /// Creates the task with the paper's noise levels and thresholds.
    public init(variant: Variant, T: Int = 100, N: Int = 3, noiseVariance: Double = 0.2, targetNoiseVariance: Double = 0.1,
                threshold: Double? = nil) {
        precondition(T >= 1 && N >= 1 && N <= T && noiseVariance >= 0 && targetNoiseVariance >= 0)
        self.variant = variant
        self.T = T
        self.N = N
        self.noiseVariance = noiseVariance
        self.targetNoiseVariance = targetNoiseVariance
        self.threshold = threshold ?? (variant == .c ? 0.1 : 0.2)
    }

    public var inputCount: Int { 1 }
    public var outputCount: Int { 1 }
    public var encoding: SequenceExample.Encoding { .dense }
    public var lengthHint: Int { T + T / 10 }

    /// The noise-free target of a class label.
    public func cleanTarget(label: Int) -> Double {
        switch variant {
        case .a, .b: return label == 0 ? 1.0 : 0.0
        case .c: return label == 0 ? 0.2 : 0.8
        }
    }

    @discardableResult
    public func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> Int {
        let label = rng.bernoulli(0.5) ? 1 : 0
        let length = draw(T, T + T / 10, &rng)
        let sigma = noiseVariance.squareRoot()
        sequence.reset(length: length)
        for t in 0..<length {
            var x = t < N ? (label == 0 ? 1.0 : -1.0) : 0.0
            if t >= N || variant == .b { x += sigma * rng.gaussian() }
            sequence.setInput(x, unit: 0, at: t)
        }
        var target = cleanTarget(label: label)
        if variant == .c { target += targetNoiseVariance.squareRoot() * rng.gaussian() }
        sequence.setTarget(target, unit: 0, at: length - 1)
        return label
    }

    /// |output - noise-free target| below the threshold at the end.
    public func score(_ sequence: SequenceExample, label: Int, outputs: [Double]) -> SequenceScore {
        .absolute(sequence, outputs: outputs, step: sequence.length - 1, below: threshold,
                  clean: [cleanTarget(label: label)])
    }
}
