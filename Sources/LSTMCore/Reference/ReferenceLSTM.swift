// The algorithmic reference for LSTMNetwork: paper eqs. (3)-(9) and (19)-(28) written unit by unit
// over the flat weight vector, with plain arrays and no fast paths. Slow, allocating and obvious;
// kept so the fast net can be tested against it (style rule 3).

/// A naive implementation of the 1997 LSTM's forward pass and truncated gradient.
public struct ReferenceLSTM {
    /// The topology.
    public let topology: LSTMTopology
    /// The flat weights, WeightLayout order.
    public var weights: [Double]
    let layout: WeightLayout

    /// Creates a reference net over a copy of `weights`.
    public init(topology: LSTMTopology, weights: [Double]) {
        self.topology = topology
        self.weights = weights
        layout = WeightLayout(topology)
        precondition(weights.count == layout.count)
    }

    /// Outputs of every step ([length][K]) and the truncated gradient −∂E/∂w summed over the
    /// sequence (E = ½ Σ (t − y)²), with the weights held fixed.
    public func outputsAndGradient(_ seq: SequenceExample) -> (outputs: [[Double]], gradient: [Double]) {
        let result = run(seq, perStepRate: nil)
        return (result.outputs, result.gradient)
    }

    /// Trains on `seq` with per-step updates (A1/A15): at each target step all error signals are
    /// computed with the current weights, then w += α (−∂E(t)/∂w) before the next step; the
    /// partials are carried on unchanged. Returns the outputs of every step.
    public mutating func trainPerStep(_ seq: SequenceExample, learningRate: Double) -> [[Double]] {
        let result = run(seq, perStepRate: learningRate)
        weights = result.weights
        return result.outputs
    }

    /// The shared loop; with `perStepRate`, each target step's gradient is added to a working copy
    /// of the weights (scaled by the rate) once the step's error signals are all computed.
    func run(_ seq: SequenceExample, perStepRate: Double?) -> (outputs: [[Double]], gradient: [Double], weights: [Double]) {
        var weights = self.weights
        let t0 = topology
        let I = t0.inputCount, K = t0.outputCount, b = t0.blockCount, s = t0.cellsPerBlock
        let C = t0.cellCount, S = t0.sourceCount, bo = t0.outputGateCount
        let recurrent = t0.connectivity.hasRecurrentSources, outputsSeeInputs = t0.connectivity.outputsSeeInputs
        let L = layout
        func f(_ x: Double) -> Double { Elementary.logistic(x) }
        var grad = [Double](repeating: 0, count: L.count)
        var outputs: [[Double]] = []
        // State of the previous step.
        var yc = [Double](repeating: 0, count: C), yin = [Double](repeating: 0, count: b)
        var yout = [Double](repeating: 0, count: bo), sc = [Double](repeating: 0, count: C)
        // Partials ∂s_c/∂w_{in_j m} (only j = block of c) and ∂s_c/∂w_{c m}; m = S is the bias.
        var dsIn = [[Double]](repeating: [Double](repeating: 0, count: S + 1), count: C)
        var dsC = dsIn
        for t in 0..<seq.length {
            // Sources y^m(t-1) under the three-phase step: current inputs, previous hidden values.
            var y = [Double](repeating: 0, count: S + 1)
            for i in 0..<I { y[i] = seq.input(unit: i, at: t) }
            if recurrent {
                for c in 0..<C { y[I + c] = yc[c] }
                for j in 0..<b { y[I + C + j] = yin[j] }
                for j in 0..<bo { y[I + C + b + j] = yout[j] }
            }
            y[S] = 1
            func netInput(row: Int, bias: Int?) -> Double {
                var sum = bias.map { weights[$0] } ?? 0
                for m in 0..<S { sum += weights[row + m] * y[m] }
                return sum
            }
            // Gates (eqs. 7, 8).
            var netIn = [Double](repeating: 0, count: b), netOut = [Double](repeating: 0, count: b)
            for j in 0..<b {
                netIn[j] = netInput(row: L.inputGate + j * S, bias: t0.biases.gates ? L.inputGateBias + j : nil)
                if bo > 0 {
                    netOut[j] = netInput(row: L.outputGate + j * S, bias: t0.biases.gates ? L.outputGateBias + j : nil)
                }
            }
            let newYin = netIn.map(f)
            let newYout = bo > 0 ? netOut.map(f) : [Double](repeating: 1, count: b)
            // Cells (eq. 9 and the CEC).
            var newYc = [Double](repeating: 0, count: C), hs = newYc, hps = newYc
            for c in 0..<C {
                let j = c / s
                let netC = netInput(row: L.cell + c * S, bias: t0.biases.cells ? L.cellBias + c : nil)
                let (gv, gd) = t0.cellInput.valueAndDerivative(netC)
                sc[c] += newYin[j] * gv
                (hs[c], hps[c]) = t0.cellOutput.valueAndDerivative(sc[c])
                newYc[c] = newYout[j] * hs[c]
                // eqs. (25), (27).
                for m in 0...S {
                    dsIn[c][m] += gv * newYin[j] * (1 - newYin[j]) * y[m]
                    dsC[c][m] += gd * newYin[j] * y[m]
                }
            }
            // Outputs.
            let O = t0.outputSourceCount
            var outSrc = [Double]()
            if outputsSeeInputs { for i in 0..<I { outSrc.append(seq.input(unit: i, at: t)) } }
            outSrc += newYc
            var yk = [Double](repeating: 0, count: K)
            for k in 0..<K {
                var sum = t0.biases.outputs ? weights[L.outputBias + k] : 0
                for m in 0..<O { sum += weights[L.output + k * O + m] * outSrc[m] }
                yk[k] = f(sum)
            }
            outputs.append(yk)
            let before = perStepRate == nil || !seq.hasTarget[t] ? [] : grad
            if seq.hasTarget[t] {
                let ek = (0..<K).map { k in yk[k] * (1 - yk[k]) * (seq.target(unit: k, at: t) - yk[k]) }  // (19)
                for k in 0..<K {
                    for m in 0..<O { grad[L.output + k * O + m] += ek[k] * outSrc[m] }  // (22)
                    if t0.biases.outputs { grad[L.outputBias + k] += ek[k] }
                }
                let cellColumn = outputsSeeInputs ? I : 0
                for j in 0..<b {
                    var outSum = 0.0
                    for v in 0..<s {
                        let c = j * s + v
                        var back = 0.0
                        for k in 0..<K { back += weights[L.output + k * O + cellColumn + c] * ek[k] }
                        outSum += hs[c] * back
                        let es = newYout[j] * hps[c] * back  // (23)
                        for m in 0..<S {
                            grad[L.inputGate + j * S + m] += es * dsIn[c][m]  // (26)
                            grad[L.cell + c * S + m] += es * dsC[c][m]  // (28)
                        }
                        if t0.biases.gates { grad[L.inputGateBias + j] += es * dsIn[c][S] }
                        if t0.biases.cells { grad[L.cellBias + c] += es * dsC[c][S] }
                    }
                    if bo > 0 {
                        let eo = newYout[j] * (1 - newYout[j]) * outSum  // (21)
                        for m in 0..<S { grad[L.outputGate + j * S + m] += eo * y[m] }  // (22)
                        if t0.biases.gates { grad[L.outputGateBias + j] += eo }
                    }
                }
            }
            if seq.hasTarget[t], let rate = perStepRate {
                for i in 0..<L.count { weights[i] += rate * (grad[i] - before[i]) }
            }
            yc = newYc
            yin = newYin
            yout = bo > 0 ? newYout : []
        }
        return (outputs, grad, weights)
    }

    /// E = ½ Σ over target steps and outputs of (t − y)², for finite-difference checks.
    public func sequenceError(_ seq: SequenceExample) -> Double {
        let outputs = outputsAndGradient(seq).outputs
        var e = 0.0
        for t in 0..<seq.length where seq.hasTarget[t] {
            for k in 0..<topology.outputCount {
                let d = seq.target(unit: k, at: t) - outputs[t][k]
                e += 0.5 * d * d
            }
        }
        return e
    }
}
