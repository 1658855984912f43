// The one-hot fast path of DirectOutputNet: at step t only the active input's weight column feeds
// the outputs, so net_k = 0 + w[k, a] and, at target steps, Δw[k, a] = α e_k · 1 (eq. 22). The
// operations and their order are those of `run`, so the bits are the same (DirectOutputNetTests).
import LSTMCore

extension DirectOutputNet {
    /// Trains (learningRate non-nil) or evaluates a one-hot sequence.
    func runOneHot(_ sequence: SequenceExample, learningRate: Double?, timing: UpdateTiming) -> SequenceStats {
        let (inputs, outputs, length) = (inputs, outputs, sequence.length)
        if stepOutputs.count < length * outputs { stepOutputs = [Double](repeating: 0, count: length * outputs) }
        var stats = SequenceStats()
        // Shapes: net and y [outputs]; pending [outputs, inputs] for per-sequence updates.
        var net = [Double](repeating: 0, count: outputs), y = [Double](repeating: 0, count: outputs)
        var pending = [Double](repeating: 0, count: learningRate != nil && timing == .perSequence ? w.count : 0)
        w.withUnsafeMutableBufferPointer { w in
            stepOutputs.withUnsafeMutableBufferPointer { out in
                net.withUnsafeMutableBufferPointer { net in
                    y.withUnsafeMutableBufferPointer { y in
                        pending.withUnsafeMutableBufferPointer { pending in
                            for t in 0..<length {
                                let a = sequence.activeInput[t]
                                for k in 0..<outputs { net[k] = a >= 0 ? 0.0 + w[k * inputs + a] : 0.0 }
                                Elementary.logistic(net.baseAddress!, into: y.baseAddress!, count: outputs)
                                for k in 0..<outputs { out[t * outputs + k] = y[k] }
                                guard sequence.hasTarget[t] else { continue }
                                var finalMax = 0.0, squared = stats.squaredError
                                for k in 0..<outputs {
                                    let diff = sequence.targets[t * outputs + k] - y[k]
                                    squared += diff * diff
                                    finalMax = max(finalMax, abs(diff))
                                    guard let rate = learningRate, a >= 0 else { continue }
                                    let e = y[k] * (1 - y[k]) * diff
                                    if timing == .perStep { w[k * inputs + a] += rate * e } else { pending[k * inputs + a] += e }
                                }
                                stats.squaredError = squared
                                stats.maxAbsError = max(stats.maxAbsError, finalMax)
                                stats.finalMaxAbsError = finalMax
                                stats.targetCount += outputs
                            }
                            if let rate = learningRate, timing == .perSequence {
                                for i in 0..<w.count { w[i] += rate * pending[i] }
                            }
                        }
                    }
                }
            }
        }
        stats.steps = length
        return stats
    }
}
