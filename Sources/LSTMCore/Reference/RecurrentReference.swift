// The naive twin of RecurrentKernel's forward pass (style rule 3): plain arrays, dense inputs read
// through SequenceExample.input(unit:at:), every weight looked up by its documented flat index.
// Slow and allocating on purpose; tests score the fast nets and their gradients against it.

/// A reference forward pass and error for RecurrentTopology nets.
public enum RecurrentReference {
    /// The outputs of every step. Shape: [length][K].
    public static func outputs(
        topology: RecurrentTopology, weights: [Double], sequence: SequenceExample
    ) -> [[Double]] {
        precondition(weights.count == topology.weightCount)
        let I = topology.inputCount, H = topology.hiddenCount, K = topology.outputCount
        var hPrev = [Double](repeating: 0, count: H)
        var result: [[Double]] = []
        for t in 0..<sequence.length {
            let x = (0..<I).map { sequence.input(unit: $0, at: t) }
            var h = [Double](repeating: 0, count: H)
            for i in 0..<H {
                var sum = 0.0
                for m in 0..<I { sum += weights[topology.hiddenWeightIndex(unit: i, column: m)] * x[m] }
                for j in 0..<H where topology.recurrence == .full || j == i {
                    let column = topology.recurrence == .full ? I + j : I
                    sum += weights[topology.hiddenWeightIndex(unit: i, column: column)] * hPrev[j]
                }
                if topology.hiddenBiases {
                    sum += weights[topology.hiddenWeightIndex(unit: i, column: topology.hiddenRowWidth - 1)]
                }
                h[i] = Elementary.logistic(sum)
            }
            var y = [Double](repeating: 0, count: K)
            let oi = topology.outputInputColumnCount
            let seen = topology.outputTiming == .sameStep ? h : hPrev
            for k in 0..<K {
                var sum = 0.0
                for m in 0..<oi { sum += weights[topology.outputWeightIndex(unit: k, column: m)] * x[m] }
                for j in 0..<H { sum += weights[topology.outputWeightIndex(unit: k, column: oi + j)] * seen[j] }
                if topology.outputBiases {
                    sum += weights[topology.outputWeightIndex(unit: k, column: topology.outputRowWidth - 1)]
                }
                y[k] = Elementary.logistic(sum)
            }
            result.append(y)
            hPrev = h
        }
        return result
    }

    /// E = ½ Σ_{target steps t} Σ_k (t_k - y_k)², the error whose negative gradient the nets return.
    public static func error(topology: RecurrentTopology, weights: [Double], sequence: SequenceExample) -> Double {
        let y = outputs(topology: topology, weights: weights, sequence: sequence)
        var sum = 0.0
        for t in 0..<sequence.length where sequence.hasTarget[t] {
            for k in 0..<topology.outputCount {
                let diff = sequence.target(unit: k, at: t) - y[t][k]
                sum += diff * diff
            }
        }
        return 0.5 * sum
    }
}
