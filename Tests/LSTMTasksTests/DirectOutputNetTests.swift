import LSTMCore
import Testing

@testable import LSTMTasks

/// The construction phase's one-layer net (2a/2b before the cell is added) against a dense naive
/// reference: y_k = f(Σ_i w_ki x_i) over every input, Δw_ki = α e_k x_i (eq. 19, 22).
struct DirectOutputNetTests {
    /// The naive twin: every input of every step, zeros included.
    private static func referenceTrain(
        _ w: inout [Double], inputs: Int, outputs: Int, _ s: SequenceExample, rate: Double, timing: UpdateTiming
    ) {
        var pending = [Double](repeating: 0, count: w.count)
        for t in 0..<s.length {
            var y = [Double](repeating: 0, count: outputs)
            for k in 0..<outputs {
                var sum = 0.0
                for i in 0..<inputs { sum += w[k * inputs + i] * s.input(unit: i, at: t) }
                y[k] = Elementary.logistic(sum)
            }
            guard s.hasTarget[t] else { continue }
            for k in 0..<outputs {
                let e = y[k] * (1 - y[k]) * (s.target(unit: k, at: t) - y[k])
                for i in 0..<inputs {
                    let x = s.input(unit: i, at: t)
                    if timing == .perStep { w[k * inputs + i] += rate * e * x } else { pending[k * inputs + i] += e * x }
                }
            }
        }
        if timing == .perSequence { for i in 0..<w.count { w[i] += rate * pending[i] } }
    }

    private static func sequences(encoding: SequenceExample.Encoding, inputs: Int, outputs: Int) -> [SequenceExample] {
        var rng = SplitMix64(seed: 5, stream: .training)
        return (0..<20).map { _ in
            var s = SequenceExample(inputCount: inputs, outputCount: outputs, encoding: encoding)
            let length = rng.integer(in: 3...12)
            s.reset(length: length)
            for t in 0..<length {
                if encoding == .oneHot {
                    s.setActive(rng.integer(in: -1...(inputs - 1)), at: t)
                } else {
                    for i in 0..<inputs where rng.uniform(0, 1) < 0.7 { s.setInput(rng.uniform(-1, 1), unit: i, at: t) }
                }
                s.setOneHotTarget(rng.integer(in: 0...(outputs - 1)), at: t)
            }
            return s
        }
    }

    @Test(arguments: [SequenceExample.Encoding.oneHot, .dense], [UpdateTiming.perStep, .perSequence])
    func sparseStepsEqualTheDenseReferenceBitForBit(encoding: SequenceExample.Encoding, timing: UpdateTiming) {
        let (inputs, outputs) = (9, 6)
        var rng = SplitMix64(seed: 3, stream: .weights)
        let initial = (0..<(inputs * outputs)).map { _ in rng.uniform(-0.2, 0.2) }
        let net = DirectOutputNet(inputs: inputs, outputs: outputs, weights: initial)
        var reference = initial
        for s in Self.sequences(encoding: encoding, inputs: inputs, outputs: outputs) {
            _ = net.train(s, learningRate: 1.0, timing: timing)
            Self.referenceTrain(&reference, inputs: inputs, outputs: outputs, s, rate: 1.0, timing: timing)
        }
        #expect(net.weights.map(\.bitPattern) == reference.map(\.bitPattern))
        #expect(net.weights != initial)
    }

    @Test func gradientEqualsTheDenseSum() {
        let (inputs, outputs) = (9, 6)
        var rng = SplitMix64(seed: 4, stream: .weights)
        let weights = (0..<(inputs * outputs)).map { _ in rng.uniform(-0.2, 0.2) }
        let net = DirectOutputNet(inputs: inputs, outputs: outputs, weights: weights)
        let s = Self.sequences(encoding: .oneHot, inputs: inputs, outputs: outputs)[0]
        var expected = [Double](repeating: 0, count: weights.count)
        for t in 0..<s.length {
            for k in 0..<outputs {
                var sum = 0.0
                for i in 0..<inputs { sum += weights[k * inputs + i] * s.input(unit: i, at: t) }
                let y = Elementary.logistic(sum)
                let e = y * (1 - y) * (s.target(unit: k, at: t) - y)
                for i in 0..<inputs { expected[k * inputs + i] += e * s.input(unit: i, at: t) }
            }
        }
        #expect(net.gradient(for: s).map(\.bitPattern) == expected.map(\.bitPattern))
    }
}
