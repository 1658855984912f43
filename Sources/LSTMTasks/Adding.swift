// Experiment 4 (paper §3.4): the adding problem. Pairs (value, marker); length uniform in
// T...T+T/10; X1 among the first ten pairs, X2 among "the first T/2 - 1 still unmarked pairs" (the
// first T/2 pairs less X1's, so the minimal lag is T/2 as Table 7 says; 1-based inclusive, A10);
// markers -1 on the first and last pair; a marked first pair has value 0 (A11).
// Target at the end: 0.5 + (X1 + X2)/4; correct when the absolute error is below 0.04.
import LSTMCore

/// The marked-pair sequences shared by the adding and multiplication problems (Exps. 4 and 5).
struct MarkedPairs: Sendable {
    /// T: the minimal length.
    var T: Int
    /// The value range of component 1.
    var low: Double, high: Double
    /// The value a marked first pair gets (0 for adding, 1 for multiplication), or nil to keep it.
    var firstPairValue: Double?
    /// X2 among the first T/2 - 1 still unmarked pairs (the default); false: among the first T/2 - 1
    /// pairs less X1's, one candidate fewer (A11's `pairs`, the generator before 2026-12-03).
    var secondAmongUnmarked = true

    /// Fills inputs (value, marker) and returns (X1, X2) as the net sees them.
    func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> (Double, Double) {
        let length = draw(T, T + T / 10, &rng)
        sequence.reset(length: length)
        for t in 0..<length { sequence.setInput(rng.uniform(low, high), unit: 0, at: t) }
        sequence.setInput(-1, unit: 1, at: 0)
        sequence.setInput(-1, unit: 1, at: length - 1)
        // 0-based positions: X1 in 0..<10; X2 uniform over 0..<T/2 (0..<(T/2 - 1) under `pairs`)
        // without X1's position.
        let first = draw(0, 9, &rng)
        var second = draw(0, T / 2 - (secondAmongUnmarked ? 2 : 3), &rng)
        if second >= first { second += 1 }
        var values = (0.0, 0.0)
        for (index, position) in [first, second].enumerated() {
            if position == 0, let v = firstPairValue { sequence.setInput(v, unit: 0, at: 0) }
            sequence.setInput(1, unit: 1, at: position)
            let value = sequence.input(unit: 0, at: position)
            if index == 0 { values.0 = value } else { values.1 = value }
        }
        return values
    }
}

/// What the adding and multiplication problems share (Exps. 4 and 5): 2 dense inputs (value,
/// marker), 1 output, lengths T...T+T/10, and ABS(threshold) at the last step.
public protocol MarkedPairProblem: SequenceTask {
    /// T: the minimal length.
    var T: Int { get }
    /// ABS(β) at the end (0.04).
    var threshold: Double { get }
}

extension MarkedPairProblem {
    public var inputCount: Int { 2 }
    public var outputCount: Int { 1 }
    public var encoding: SequenceExample.Encoding { .dense }
    public var lengthHint: Int { T + T / 10 }

    /// ABS(threshold) at the end.
    public func score(_ sequence: SequenceExample, label: Int, outputs: [Double]) -> SequenceScore {
        .absolute(sequence, outputs: outputs, step: sequence.length - 1, below: threshold)
    }
}

/// The adding problem (Exp. 4): 2 dense inputs, 1 output, a target at the end only.
public struct Adding: MarkedPairProblem {
    /// T: the minimal length (100, 500, 1000).
    public var T: Int
    /// Whether a marked first pair's value is set to 0 (the paper's rule, A11) or kept.
    public var zeroMarkedFirstPair: Bool
    /// ABS(β) at the end (0.04).
    public var threshold: Double
    /// X2 among the first T/2 - 1 still unmarked pairs (true) or the first T/2 - 1 pairs (A11).
    public var secondAmongUnmarked: Bool

    /// Creates the task; T must be at least 20 so that the ten X1 positions fit before T/2 - 1.
    public init(T: Int = 100, zeroMarkedFirstPair: Bool = true, threshold: Double = 0.04, secondAmongUnmarked: Bool = true) {
        precondition(T >= 20)
        self.T = T
        self.zeroMarkedFirstPair = zeroMarkedFirstPair
        self.threshold = threshold
        self.secondAmongUnmarked = secondAmongUnmarked
    }

    @discardableResult
    public func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> Int {
        let pairs = MarkedPairs(
            T: T, low: -1, high: 1, firstPairValue: zeroMarkedFirstPair ? 0 : nil, secondAmongUnmarked: secondAmongUnmarked)
        let (x1, x2) = pairs.fill(&sequence, rng: &rng)
        sequence.setTarget(0.5 + (x1 + x2) / 4.0, unit: 0, at: sequence.length - 1)
        return 0
    }
}
