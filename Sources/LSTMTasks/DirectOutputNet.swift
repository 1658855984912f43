// The starting net of the sequential construction of Exps. 2a/2b (paper §2.6, ambiguity A8):
// output units that see only the one-hot inputs, y_k = f(Σ_i w_ki x_i), no hidden unit and no
// bias. When its error stops falling the runner adds the memory cell and its input gate by
// copying these weights into the input->output block of a layered (B) LSTM net.
//
// A step visits only the inputs that are not zero: one for a one-hot sequence, so a step costs
// O(outputs), not O(outputs · inputs). Skipping a zero input drops a `+ w·0` that cannot change the
// sum's bits, and w·1 is w exactly, so the results equal the dense loop's. One-hot sequences take
// `runOneHot` (unchecked buffers, the logistic four outputs at a time, which equals the scalar one
// bit for bit); dense ones and `gradient` take the plain `run`. DirectOutputNetTests hold both to
// a dense naive reference, bit for bit.
import LSTMCore

/// A one-layer logistic net from inputs to outputs: the net before the cell is added.
final class DirectOutputNet: SequenceLearner {
    let inputs: Int, outputs: Int
    /// Weights. Shape: [outputs, inputs], row-major.
    var w: [Double]
    var stepOutputs: [Double] = []

    init(inputs: Int, outputs: Int, weights: [Double]) {
        precondition(weights.count == inputs * outputs)
        self.inputs = inputs
        self.outputs = outputs
        w = weights
    }

    var weightCount: Int { w.count }
    var weights: [Double] { w }
    var weightsAreFinite: Bool { w.allSatisfy(\.isFinite) }

    func train(_ sequence: SequenceExample, learningRate: Double, timing: UpdateTiming) -> SequenceStats {
        if sequence.encoding == .oneHot { return runOneHot(sequence, learningRate: learningRate, timing: timing) }
        var pending = [Double](repeating: 0, count: timing == .perSequence ? w.count : 0)
        let stats = run(sequence) { t, k, e in
            Self.forEachInput(of: sequence, at: t) { i, x in
                if timing == .perStep { w[k * inputs + i] += learningRate * e * x } else { pending[k * inputs + i] += e * x }
            }
        }
        if timing == .perSequence { for i in 0..<w.count { w[i] += learningRate * pending[i] } }
        return stats
    }

    func evaluate(_ sequence: SequenceExample) -> SequenceStats {
        sequence.encoding == .oneHot ? runOneHot(sequence, learningRate: nil, timing: .perStep) : run(sequence) { _, _, _ in }
    }

    func gradient(for sequence: SequenceExample) -> [Double] {
        var g = [Double](repeating: 0, count: w.count)
        _ = run(sequence) { t, k, e in
            Self.forEachInput(of: sequence, at: t) { i, x in g[k * inputs + i] += e * x }
        }
        return g
    }

    /// Forward pass; calls `learn(t, k, e_k)` at target steps with e_k = f'(net)(t - y) (eq. 19).
    private func run(_ sequence: SequenceExample, learn: (Int, Int, Double) -> Void) -> SequenceStats {
        var stats = SequenceStats()
        if stepOutputs.count < sequence.length * outputs {
            stepOutputs = [Double](repeating: 0, count: sequence.length * outputs)
        }
        var y = [Double](repeating: 0, count: outputs)
        for t in 0..<sequence.length {
            for k in 0..<outputs {
                var sum = 0.0
                Self.forEachInput(of: sequence, at: t) { i, x in sum += w[k * inputs + i] * x }
                y[k] = Elementary.logistic(sum)
                stepOutputs[t * outputs + k] = y[k]
            }
            guard sequence.hasTarget[t] else { continue }
            var finalMax = 0.0
            for k in 0..<outputs {
                let diff = sequence.target(unit: k, at: t) - y[k]
                stats.squaredError += diff * diff
                finalMax = max(finalMax, abs(diff))
                learn(t, k, y[k] * (1 - y[k]) * diff)
            }
            stats.maxAbsError = max(stats.maxAbsError, finalMax)
            stats.finalMaxAbsError = finalMax
            stats.targetCount += outputs
        }
        stats.steps = sequence.length
        return stats
    }

    /// Calls `body(i, x_i)` for every input of step t that is not zero, in unit order.
    @inline(__always)
    private static func forEachInput(of sequence: SequenceExample, at t: Int, _ body: (Int, Double) -> Void) {
        switch sequence.encoding {
        case .oneHot:
            let active = sequence.activeInput[t]
            if active >= 0 { body(active, 1) }
        case .dense:
            let row = t * sequence.inputCount
            for i in 0..<sequence.inputCount where sequence.denseInputs[row + i] != 0 {
                body(i, sequence.denseInputs[row + i])
            }
        }
    }
}
