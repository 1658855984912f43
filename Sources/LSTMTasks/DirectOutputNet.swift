// The starting net of the sequential construction of Exps. 2a/2b (paper §2.6, ambiguity A8):
// output units that see only the one-hot inputs, y_k = f(Σ_i w_ki x_i), no hidden unit and no
// bias. When its error stops falling the runner adds the memory cell and its input gate by
// copying these weights into the input->output block of a layered (B) LSTM net.
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
        var pending = [Double](repeating: 0, count: timing == .perSequence ? w.count : 0)
        let stats = run(sequence) { t, k, e in
            for i in 0..<inputs {
                let x = sequence.input(unit: i, at: t)
                if x == 0 { continue }
                if timing == .perStep { w[k * inputs + i] += learningRate * e * x } else { pending[k * inputs + i] += e * x }
            }
        }
        if timing == .perSequence { for i in 0..<w.count { w[i] += learningRate * pending[i] } }
        return stats
    }

    func evaluate(_ sequence: SequenceExample) -> SequenceStats { run(sequence) { _, _, _ in } }

    func gradient(for sequence: SequenceExample) -> [Double] {
        var g = [Double](repeating: 0, count: w.count)
        _ = run(sequence) { t, k, e in
            for i in 0..<inputs { g[k * inputs + i] += e * sequence.input(unit: i, at: t) }
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
                for i in 0..<inputs {
                    let x = sequence.input(unit: i, at: t)
                    if x != 0 { sum += w[k * inputs + i] * x }
                }
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
}
