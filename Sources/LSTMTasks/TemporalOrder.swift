// Experiment 6 (paper §3.6): temporal order. Symbols E B a b c d X Y; a sequence starts with E,
// ends with the trigger B, holds X/Y at the relevant positions and random a..d elsewhere. Length
// 100...110; 6a: t1 in 10...20, t2 in 50...60; 6b: t1 10...20, t2 33...43, t3 66...76 (1-based,
// inclusive, A10). The class (X=0, Y=1, first symbol most significant) is a one-hot target at the end.
import LSTMCore

/// Tasks 6a (2 relevant symbols, 4 classes) and 6b (3 relevant symbols, 8 classes).
public struct TemporalOrder: SequenceTask {
    /// Which variant.
    public enum Variant: String, Sendable { case twoSymbols = "6a", threeSymbols = "6b" }

    static let E = 0, B = 1, a = 2, X = 6, Y = 7

    /// The variant.
    public var variant: Variant
    /// ABS(β): all outputs' final absolute error below this (0.3).
    public var threshold: Double

    /// Creates the task.
    public init(variant: Variant, threshold: Double = 0.3) {
        self.variant = variant
        self.threshold = threshold
    }

    /// The 1-based ranges of the relevant positions.
    public var positionRanges: [ClosedRange<Int>] {
        switch variant {
        case .twoSymbols: return [10...20, 50...60]
        case .threeSymbols: return [10...20, 33...43, 66...76]
        }
    }

    public var inputCount: Int { 8 }
    public var outputCount: Int { variant == .twoSymbols ? 4 : 8 }
    public var encoding: SequenceExample.Encoding { .oneHot }
    public var lengthHint: Int { 110 }

    @discardableResult
    public func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) -> Int {
        let length = draw(100, 110, &rng)
        sequence.reset(length: length)
        sequence.setActive(Self.E, at: 0)
        for t in 1..<(length - 1) { sequence.setActive(Self.a + draw(0, 3, &rng), at: t) }
        sequence.setActive(Self.B, at: length - 1)
        var label = 0
        for range in positionRanges {
            let position = rng.integer(in: range) - 1
            let isY = rng.bernoulli(0.5)
            sequence.setActive(isY ? Self.Y : Self.X, at: position)
            label = label * 2 + (isY ? 1 : 0)
        }
        sequence.setOneHotTarget(label, at: length - 1)
        return label
    }

    /// ABS(0.3) over every output at the end.
    public func score(_ sequence: SequenceExample, label: Int, outputs: [Double]) -> SequenceScore {
        .absolute(sequence, outputs: outputs, step: sequence.length - 1, below: threshold)
    }
}
