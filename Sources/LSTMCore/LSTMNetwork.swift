// The 1997 LSTM net (paper §1-2): buffers, the three-phase forward step, the forward-maintained
// partials of eqs. (25)/(27). The error signals and updates of eqs. (19)-(28) are in
// LSTMNetwork+Gradient.swift, whole sequences in LSTMNetwork+Sequence.swift.
//
// Legend: I inputs, K outputs, b blocks, s cells per block, C = b·s cells, S = sources of a cell or
// gate (I, plus C + b + b_out recurrent under F), hs = S + 1 (the bias column), os = output sources + 1.
// Hidden rows: [0, b) input gates, [b, b + b_out) output gates, [b + b_out, b + b_out + C) cells.

/// A 1997 LSTM net with all its working buffers, allocated once.
///
/// Not thread-safe: a trial owns one net. Nothing is allocated per time step or per sequence,
/// except when a sequence longer than any before grows the output record.
///
/// ```swift
/// let net = LSTMNetwork(topology: topo, weights: initialisation.weights(for: topo, rng: &rng))
/// let stats = net.train(sequence, learningRate: 0.5, timing: .perStep)
/// ```
public final class LSTMNetwork {
    /// The shape of the net.
    public let topology: LSTMTopology
    /// Where each weight sits in the flat vector.
    public let layout: WeightLayout

    // Sizes, copied out of the topology for the kernels.
    let inputs: Int, outputs: Int, blocks: Int, cellsPerBlock: Int, cells: Int
    let outputGates: Int
    let sources: Int  // S
    let hs: Int  // S + 1
    let os: Int  // output sources + 1
    let outputInputOffset: Int  // where cells start in an output row (I under B, else 0)
    let hiddenRows: Int
    let trainGateBias: Bool, trainCellBias: Bool, trainOutputBias: Bool

    /// The one allocation all Double buffers below point into.
    let storage: UnsafeMutablePointer<Double>
    let storageCount: Int

    /// Hidden weights. Shape: [hiddenRows, hs], row-major; column S is the bias (0 if absent).
    let wHidden: UnsafeMutablePointer<Double>
    /// Output weights. Shape: [K, os]; columns: inputs (B only), cells, bias.
    let wOutput: UnsafeMutablePointer<Double>
    /// Gradient accumulators for per-sequence updates. Shapes as wHidden / wOutput.
    let gHidden: UnsafeMutablePointer<Double>, gOutput: UnsafeMutablePointer<Double>
    /// Sources of the current step. Shape: [hs]: inputs, cell outputs(t-1), in gates(t-1),
    /// out gates(t-1), then 1 (the bias unit).
    let src: UnsafeMutablePointer<Double>
    /// Net inputs of the hidden rows at this step. Shape: [hiddenRows].
    let net: UnsafeMutablePointer<Double>
    /// Per block: y^in, f'(net_in), y^out (1 without output gates), f'(net_out). Shape: [b] each.
    let yIn: UnsafeMutablePointer<Double>, fpIn: UnsafeMutablePointer<Double>
    let yOut: UnsafeMutablePointer<Double>, fpOut: UnsafeMutablePointer<Double>
    /// Per cell: s_c (the CEC), h(s), h'(s), y^c. Shape: [C] each.
    let state: UnsafeMutablePointer<Double>, hState: UnsafeMutablePointer<Double>
    let hpState: UnsafeMutablePointer<Double>, yCell: UnsafeMutablePointer<Double>
    /// Output activations y^k and error signals e_k (eq. 19). Shape: [K] each.
    let yOutput: UnsafeMutablePointer<Double>, eOutput: UnsafeMutablePointer<Double>
    /// Per cell: sum_k w_kc e_k, and e_s (eq. 23). Per block: e_out (eq. 21).
    let delta: UnsafeMutablePointer<Double>, eState: UnsafeMutablePointer<Double>
    let eOutGate: UnsafeMutablePointer<Double>
    /// ∂s_c/∂w_{in_j m} (eq. 25) and ∂s_c/∂w_{c m} (eq. 27). Shape: [C, hs].
    let dsInGate: UnsafeMutablePointer<Double>, dsCell: UnsafeMutablePointer<Double>

    /// The input columns touched since the sequence start (their partials may be non-zero).
    /// Dense nets list every input; one-hot nets list the distinct active inputs. Shape: [I].
    let touched: UnsafeMutablePointer<Int>
    var touchedCount: Int
    /// Whether each input column is in `touched`. Shape: [I].
    let isTouched: UnsafeMutablePointer<Bool>
    /// The input encoding the net was last reset for.
    var encoding: SequenceExample.Encoding = .dense
    /// The active input of the current step (one-hot), or -1.
    var active: Int = -1

    /// Output activations recorded at every step of the last sequence. Shape: [capacity, K].
    public internal(set) var stepOutputs: [Double] = []

    /// Creates a net with the given flat weights (WeightLayout order).
    public init(topology: LSTMTopology, weights: [Double]) {
        precondition(topology.problem == nil, topology.problem ?? "")
        self.topology = topology
        layout = WeightLayout(topology)
        precondition(weights.count == layout.count, "expected \(layout.count) weights, got \(weights.count)")
        inputs = topology.inputCount
        outputs = topology.outputCount
        blocks = topology.blockCount
        cellsPerBlock = topology.cellsPerBlock
        cells = topology.cellCount
        outputGates = topology.outputGateCount
        sources = topology.sourceCount
        hs = sources + 1
        os = topology.outputSourceCount + 1
        outputInputOffset = topology.connectivity == .layered ? inputs : 0
        hiddenRows = blocks + outputGates + cells
        trainGateBias = topology.biases.gates
        trainCellBias = topology.biases.cells
        trainOutputBias = topology.biases.outputs

        let hiddenSize = hiddenRows * hs, outputSize = outputs * os
        storageCount = 2 * (hiddenSize + outputSize) + hs + hiddenRows + 4 * blocks + 6 * cells
            + 2 * outputs + blocks + 2 * cells * hs
        storage = .allocate(capacity: storageCount)
        storage.initialize(repeating: 0, count: storageCount)
        var next = storage
        func take(_ n: Int) -> UnsafeMutablePointer<Double> {
            defer { next += n }
            return next
        }
        wHidden = take(hiddenSize)
        wOutput = take(outputSize)
        gHidden = take(hiddenSize)
        gOutput = take(outputSize)
        src = take(hs)
        net = take(hiddenRows)
        yIn = take(blocks)
        fpIn = take(blocks)
        yOut = take(blocks)
        fpOut = take(blocks)
        state = take(cells)
        hState = take(cells)
        hpState = take(cells)
        yCell = take(cells)
        delta = take(cells)
        eState = take(cells)
        yOutput = take(outputs)
        eOutput = take(outputs)
        eOutGate = take(blocks)
        dsInGate = take(cells * hs)
        dsCell = take(cells * hs)
        assert(next == storage + storageCount)
        touched = .allocate(capacity: inputs)
        isTouched = .allocate(capacity: inputs)
        isTouched.initialize(repeating: false, count: inputs)
        touchedCount = 0
        src[sources] = 1
        setWeights(weights)
    }

    deinit {
        storage.deallocate()
        touched.deallocate()
        isTouched.deallocate()
    }

    /// The number of trainable weights.
    public var weightCount: Int { layout.count }

    /// The flat weight vector, in WeightLayout order.
    public var weights: [Double] {
        let map = paddedMap
        return map.map { storage[$0] }  // wHidden and wOutput are contiguous from `storage`
    }

    /// Replaces every weight (WeightLayout order).
    public func setWeights(_ values: [Double]) {
        precondition(values.count == layout.count)
        let map = paddedMap
        for i in 0..<values.count { storage[map[i]] = values[i] }
    }

    /// Padded index of every flat weight, relative to `storage` (= wHidden; wOutput follows it).
    lazy var paddedMap: [Int] = layout.paddedIndices()

    /// Whether every weight is finite.
    public var weightsAreFinite: Bool {
        for i in 0..<(hiddenRows * hs + outputs * os) where !storage[i].isFinite { return false }
        return true
    }
}

extension LSTMNetwork {
    // MARK: - Sequence start

    /// Resets activations, states and partials to zero (paper §1.5: every sequence starts afresh).
    func resetSequence(encoding newEncoding: SequenceExample.Encoding) {
        // Zero the partial columns that may be non-zero: touched inputs, recurrent sources, bias.
        for i in 0..<touchedCount {
            let m = touched[i]
            for c in 0..<cells {
                dsInGate[c * hs + m] = 0
                dsCell[c * hs + m] = 0
            }
            isTouched[m] = false
        }
        for c in 0..<cells {
            for m in inputs..<hs {
                dsInGate[c * hs + m] = 0
                dsCell[c * hs + m] = 0
            }
            state[c] = 0
        }
        for m in 0..<sources { src[m] = 0 }
        encoding = newEncoding
        active = -1
        touchedCount = 0
        if encoding == .dense {
            // Every input column may carry a value, so every one is "touched" for the whole sequence.
            for m in 0..<inputs {
                touched[m] = m
                isTouched[m] = true
            }
            touchedCount = inputs
        }
    }

    // MARK: - Forward step

    /// Phase 1 (§1.5): clamps the inputs of step t, and moves last step's hidden activations into
    /// the recurrent sources.
    @inline(__always)
    func clampInputs(_ sequence: SequenceExample, at t: Int) {
        if topology.connectivity == .full && t > 0 {
            // Recurrent sources: cell outputs, input gates, output gates of step t-1.
            let base = inputs
            for c in 0..<cells { src[base + c] = yCell[c] }
            for j in 0..<blocks { src[base + cells + j] = yIn[j] }
            for j in 0..<outputGates { src[base + cells + blocks + j] = yOut[j] }
        }
        switch sequence.encoding {
        case .dense:
            sequence.denseInputs.withUnsafeBufferPointer { x in
                for m in 0..<inputs { src[m] = x[t * inputs + m] }
            }
        case .oneHot:
            if active >= 0 { src[active] = 0 }
            active = sequence.activeInput[t]
            if active >= 0 {
                src[active] = 1
                if !isTouched[active] {
                    isTouched[active] = true
                    touched[touchedCount] = active
                    touchedCount += 1
                }
            }
        }
    }

    /// The net input of hidden row r from the current sources (eqs. 7-9).
    @inline(__always)
    func hiddenNetInput(row r: Int) -> Double {
        let w = wHidden + r * hs
        var sum = w[sources]  // bias (0 when absent)
        if encoding == .dense {
            for m in 0..<inputs { sum += w[m] * src[m] }
        } else if active >= 0 {
            sum += w[active]
        }
        for m in inputs..<sources { sum += w[m] * src[m] }
        return sum
    }

    /// Phases 2 and 3 (§1.5): gates, cells and outputs of step t; with `learning`, also the
    /// forward partials of eqs. (25) and (27).
    @inline(__always)
    func computeStep(learning: Bool) {
        for r in 0..<hiddenRows { net[r] = hiddenNetInput(row: r) }
        for j in 0..<blocks {
            let y = Elementary.logistic(net[j])
            yIn[j] = y
            fpIn[j] = y * (1 - y)
        }
        if outputGates > 0 {
            for j in 0..<blocks {
                let y = Elementary.logistic(net[blocks + j])
                yOut[j] = y
                fpOut[j] = y * (1 - y)
            }
        } else {
            for j in 0..<blocks { yOut[j] = 1 }
        }
        let cellRow0 = blocks + outputGates
        let g = topology.cellInput, h = topology.cellOutput
        for c in 0..<cells {
            let j = c / cellsPerBlock
            let (gValue, gDerivative) = g.valueAndDerivative(net[cellRow0 + c])
            state[c] += yIn[j] * gValue  // the CEC: s(t) = s(t-1) + y^in g(net_c)
            let (hValue, hDerivative) = h.valueAndDerivative(state[c])
            hState[c] = hValue
            hpState[c] = hDerivative
            yCell[c] = yOut[j] * hValue
            if learning {
                // eq. (25): ∂s/∂w_in += g(net_c) f'_in y^m ;  eq. (27): ∂s/∂w_c += g'(net_c) y^in y^m
                let coefIn = gValue * fpIn[j]
                let coefCell = gDerivative * yIn[j]
                let pIn = dsInGate + c * hs, pCell = dsCell + c * hs
                if encoding == .dense {
                    for m in 0..<inputs {
                        pIn[m] += coefIn * src[m]
                        pCell[m] += coefCell * src[m]
                    }
                } else if active >= 0 {
                    pIn[active] += coefIn
                    pCell[active] += coefCell
                }
                for m in inputs..<hs {
                    pIn[m] += coefIn * src[m]
                    pCell[m] += coefCell * src[m]
                }
            }
        }
        // Phase 3: output units see this step's cell outputs (and, under B, this step's inputs).
        for k in 0..<outputs {
            let w = wOutput + k * os
            var sum = w[os - 1]
            if outputInputOffset > 0 {
                if encoding == .dense {
                    for m in 0..<inputs { sum += w[m] * src[m] }
                } else if active >= 0 {
                    sum += w[active]
                }
            }
            for c in 0..<cells { sum += w[outputInputOffset + c] * yCell[c] }
            yOutput[k] = Elementary.logistic(sum)
        }
    }
}

extension LSTMNetwork {
    // MARK: - Inspection

    /// The internal states s_c (the CEC contents) after the last step processed. Shape: [C].
    public var cellStates: [Double] { (0..<cells).map { state[$0] } }

    /// The input gate activations y^in after the last step processed. Shape: [b].
    public var inputGateActivations: [Double] { (0..<blocks).map { yIn[$0] } }
}
