// Experiment 2 (paper §3.2). 2a: two fixed sequences (y, a1..a(p-1), y) and (x, a1..a(p-1), x);
// 2b: the middle is random over a1..a(p-1); both predict the next symbol at every step. 2c: a
// class symbol, q+k distractors (bounded by p, A9), the trigger e, and the class to predict.
import LSTMCore

/// Tasks 2a and 2b: p+1 one-hot symbols a1..a(p-1), x, y; predict the next symbol at every step.
///
/// Units: 0..<(p-1) are a1..a(p-1), p-1 is x, p is y. The input steps are the first p symbols; the
/// last symbol is only a target. The label is 0 for x, 1 for y.
public struct LongLagSequence: SequenceTask {
    /// 2a (fixed middle) or 2b (random middle, "no local regularities").
    public enum Variant: String, Sendable { case noiseFree = "2a", noLocalRegularities = "2b" }

    /// Which task.
    public var variant: Variant
    /// p: the delay, and the alphabet size minus 1.
    public var p: Int
    /// ABS(β): every output's absolute error must stay below this (0.25).
    public var threshold: Double
    /// Where ABS(β) is judged in 2a: at every step with a target, or at the sequence end only
    /// (Table 11's definition of ABS). 2b is judged at the end only, as its text says.
    public var scoredSteps: ScoredSteps

    /// The steps ABS(β) judges (`task.abs_steps`, ambiguity A17).
    public enum ScoredSteps: String, Sendable, CaseIterable {
        case everyStep = "every_step", sequenceEnd = "sequence_end"
    }

    /// Creates the task; p must be at least 2.
    public init(variant: Variant, p: Int = 100, threshold: Double = 0.25, scoredSteps: ScoredSteps = .everyStep) {
        precondition(p >= 2)
        self.variant = variant
        self.p = p
        self.threshold = threshold
        self.scoredSteps = variant == .noLocalRegularities ? .sequenceEnd : scoredSteps
    }

    public var inputCount: Int { p + 1 }
    public var outputCount: Int { p + 1 }
    public var encoding: SequenceExample.Encoding { .oneHot }
    public var lengthHint: Int { p }

    @discardableResult
    public func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> Int {
        let label = rng.bernoulli(0.5) ? 1 : 0
        let classSymbol = p - 1 + label
        sequence.reset(length: p)
        sequence.setActive(classSymbol, at: 0)
        for t in 1..<p {
            let symbol = variant == .noiseFree ? t - 1 : draw(0, p - 2, &rng)
            sequence.setOneHotTarget(symbol, at: t - 1)
            sequence.setActive(symbol, at: t)
        }
        sequence.setOneHotTarget(classSymbol, at: p - 1)
        return label
    }

    /// ABS(0.25) at every step with a target, or at the sequence end only (2b always; 2a by `scoredSteps`).
    public func score(_ sequence: SequenceExample, label: Int, outputs: [Double]) -> SequenceScore {
        switch scoredSteps {
        case .everyStep: return .absoluteEverywhere(sequence, outputs: outputs, below: threshold)
        case .sequenceEnd: return .absolute(sequence, outputs: outputs, step: sequence.length - 1, below: threshold)
        }
    }
}

/// Task 2c: very long time lags, no local regularities; 2 outputs, target at the end only.
///
/// Units: 0..<p distractors, p = e (trigger), p+1 = b, p+2 = x, p+3 = y. Input steps: b, the
/// class, q distractors, then more distractors while a 9/10 coin says so, then e. The final x/y is
/// the one-hot target (x, y) at the e step and is not presented (A9). Label 0 = x, 1 = y.
public struct DistractorSequence: SequenceTask {
    /// p: the number of distractor symbols.
    public var p: Int
    /// q: the minimal number of distractors (lag - 1).
    public var q: Int
    /// The probability of appending another distractor (9/10; the OCR'd 1/10 is wrong, §3.2).
    public var continueProbability: Double
    /// ABS(β) at the end (0.2).
    public var threshold: Double

    /// Creates the task.
    public init(p: Int, q: Int, continueProbability: Double = 0.9, threshold: Double = 0.2) {
        precondition(p >= 1 && q >= 0 && continueProbability >= 0 && continueProbability < 1)
        self.p = p
        self.q = q
        self.continueProbability = continueProbability
        self.threshold = threshold
    }

    public var inputCount: Int { p + 4 }
    public var outputCount: Int { 2 }
    public var encoding: SequenceExample.Encoding { .oneHot }
    public var lengthHint: Int { q + 64 }

    @discardableResult
    public func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> Int {
        let label = rng.bernoulli(0.5) ? 1 : 0
        var k = 0
        while rng.bernoulli(continueProbability) { k += 1 }
        // Steps: b, class, q + k distractors, e.
        let length = q + k + 3
        sequence.reset(length: length)
        sequence.setActive(p + 1, at: 0)
        sequence.setActive(p + 2 + label, at: 1)
        for t in 2..<(length - 1) { sequence.setActive(draw(0, p - 1, &rng), at: t) }
        sequence.setActive(p, at: length - 1)
        sequence.setOneHotTarget(label, at: length - 1)
        return label
    }

    /// ABS(0.2) at the e step.
    public func score(_ sequence: SequenceExample, label: Int, outputs: [Double]) -> SequenceScore {
        .absolute(sequence, outputs: outputs, step: sequence.length - 1, below: threshold)
    }
}
