// The 1997 LSTM net (paper §1-2): buffers, the three-phase forward step, the forward-maintained
// partials of eqs. (25)/(27). The error signals and updates of eqs. (19)-(28) are in
// LSTMNetwork+Gradient.swift, whole sequences in LSTMNetwork+Sequence.swift.
//
// Legend: I inputs, K outputs, b blocks, s cells per block, C = b·s cells, S = sources of a cell or
// gate (I, plus C + b + b_out recurrent under F), hs = S + 1 (with the bias column), R = hidden rows
// (b input gates, b_out output gates, C cells, in that order), R4/K4/C4 = R/K/C rounded up to 4.
// Weight matrices are column-major ([source, row]) so that one source updates every row's net input
// in SIMD4 steps; the reference implementation in Reference/ReferenceLSTM.swift is the plain version.

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
    let rows4: Int  // R4: the stride of a hidden weight column
    let outputs4: Int  // K4: the stride of an output weight column
    let outputInputOffset: Int  // where cells start among an output's sources (I under B, else 0)
    let hiddenRows: Int
    let cellRow0: Int  // the first cell row: b + b_out
    let trainGateBias: Bool, trainCellBias: Bool, trainOutputBias: Bool
    let symmetricG: Bool, symmetricH: Bool

    /// The one allocation all Double buffers below point into (64-byte aligned; every buffer starts
    /// at a multiple of 4 doubles, so SIMD4 loads are aligned).
    let storage: UnsafeMutablePointer<Double>
    let storageCount: Int
    let matricesCount: Int  // wHidden + wOutput

    /// Hidden weights. Shape: [hs, R4], column-major by source; column S is the bias (0 if absent).
    let wHidden: UnsafeMutablePointer<Double>
    /// Output weights. Shape: [os, K4]; sources: inputs (B only), cells, then the bias.
    let wOutput: UnsafeMutablePointer<Double>
    /// Gradient accumulators for per-sequence updates, laid out as wHidden then wOutput.
    let gHidden: UnsafeMutablePointer<Double>, gOutput: UnsafeMutablePointer<Double>
    /// Sources of the current step. Shape: [hs]: inputs, cell outputs(t-1), in gates(t-1),
    /// out gates(t-1), then 1 (the bias unit).
    let src: UnsafeMutablePointer<Double>
    /// Net inputs, then logistic activations f(net), of the hidden rows. Shape: [R4] each.
    let net: UnsafeMutablePointer<Double>, act: UnsafeMutablePointer<Double>
    /// Per block: y^out (1 without output gates). Shape: [b].
    let yOut: UnsafeMutablePointer<Double>
    /// Per cell: s_c (the CEC), h(s), h'(s), y^c; the eq. (25)/(27) coefficients. Shape: [C4] each.
    let state: UnsafeMutablePointer<Double>, hState: UnsafeMutablePointer<Double>
    let hpState: UnsafeMutablePointer<Double>, yCell: UnsafeMutablePointer<Double>
    let coefIn: UnsafeMutablePointer<Double>, coefCell: UnsafeMutablePointer<Double>
    /// Output activations y^k and error signals e_k (eq. 19). Shape: [K4] each.
    let yOutput: UnsafeMutablePointer<Double>, eOutput: UnsafeMutablePointer<Double>
    /// Per cell: sum_k w_kc e_k, and e_s (eq. 23). Per block: e_out (eq. 21). Shapes: [C4], [C4], [b4].
    let delta: UnsafeMutablePointer<Double>, eState: UnsafeMutablePointer<Double>
    let eOutGate: UnsafeMutablePointer<Double>
    /// ∂s_c/∂w_{in_j m} (eq. 25) and ∂s_c/∂w_{c m} (eq. 27). Shape: [C, hs4], row-major by cell.
    let dsInGate: UnsafeMutablePointer<Double>, dsCell: UnsafeMutablePointer<Double>
    let dsStride: Int  // hs rounded up to 4

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
        rows4 = layout.hiddenStride
        outputs4 = layout.outputStride
        outputInputOffset = topology.connectivity == .layered ? inputs : 0
        hiddenRows = layout.hiddenRows
        cellRow0 = blocks + outputGates
        trainGateBias = topology.biases.gates
        trainCellBias = topology.biases.cells
        trainOutputBias = topology.biases.outputs
        symmetricG = topology.cellInput == .symmetric2
        symmetricH = topology.cellOutput == .symmetric1
        dsStride = (hs + 3) & ~3

        func round4(_ n: Int) -> Int { (n + 3) & ~3 }
        let cells4 = round4(cells)
        matricesCount = layout.hiddenSize + layout.outputSize
        let sizes = [
            layout.hiddenSize, layout.outputSize, layout.hiddenSize, layout.outputSize,  // weights, gradients
            round4(hs), rows4, rows4, round4(blocks),  // src, net, act, yOut
            cells4, cells4, cells4, cells4, cells4, cells4,  // state, hState, hpState, yCell, coefIn, coefCell
            outputs4, outputs4, cells4, cells4, round4(blocks),  // yOutput, eOutput, delta, eState, eOutGate
            cells * dsStride, cells * dsStride,  // dsInGate, dsCell
        ]
        storageCount = sizes.reduce(0, +)
        storage = UnsafeMutableRawPointer.allocate(byteCount: storageCount * 8, alignment: 64)
            .bindMemory(to: Double.self, capacity: storageCount)
        storage.initialize(repeating: 0, count: storageCount)
        var pointers = [UnsafeMutablePointer<Double>]()
        var next = storage
        for size in sizes {
            pointers.append(next)
            next += size
        }
        (wHidden, wOutput, gHidden, gOutput) = (pointers[0], pointers[1], pointers[2], pointers[3])
        (src, net, act, yOut) = (pointers[4], pointers[5], pointers[6], pointers[7])
        (state, hState, hpState, yCell, coefIn, coefCell) = (pointers[8], pointers[9], pointers[10], pointers[11], pointers[12], pointers[13])
        (yOutput, eOutput, delta, eState, eOutGate) = (pointers[14], pointers[15], pointers[16], pointers[17], pointers[18])
        (dsInGate, dsCell) = (pointers[19], pointers[20])
        touched = .allocate(capacity: inputs)
        isTouched = .allocate(capacity: inputs)
        isTouched.initialize(repeating: false, count: inputs)
        touchedCount = 0
        src[sources] = 1
        setWeights(weights)
    }

    deinit {
        UnsafeMutableRawPointer(storage).deallocate()
        touched.deallocate()
        isTouched.deallocate()
    }

    /// The number of trainable weights.
    public var weightCount: Int { layout.count }

    /// The flat weight vector, in WeightLayout order.
    public var weights: [Double] {
        paddedMap.map { storage[$0] }  // wHidden and wOutput are contiguous from `storage`
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
        for i in 0..<matricesCount where !storage[i].isFinite { return false }
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
                dsInGate[c * dsStride + m] = 0
                dsCell[c * dsStride + m] = 0
            }
            isTouched[m] = false
        }
        for c in 0..<cells {
            for m in inputs..<hs {
                dsInGate[c * dsStride + m] = 0
                dsCell[c * dsStride + m] = 0
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
            for j in 0..<blocks { src[base + cells + j] = act[j] }
            for j in 0..<outputGates { src[base + cells + blocks + j] = act[blocks + j] }
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

    /// Phases 2 and 3 (§1.5): gates, cells and outputs of step t; with `learning`, also the
    /// forward partials of eqs. (25) and (27).
    @inline(__always)
    func computeStep(learning: Bool) {
        let src = src, w = wHidden, net = net, act = act, r4 = rows4
        let inputs = inputs, sources = sources
        // Eqs. (7)-(9): net = bias + sum over sources, one source at a time for all rows (the same
        // order of additions per row as the reference: bias, inputs, recurrent sources).
        for q in stride(from: 0, to: r4, by: 4) { net.store4(w.load4(sources * r4 + q), at: q) }
        if encoding == .dense {
            for m in 0..<inputs { accumulate(into: net, column: w + m * r4, times: src[m], count: r4) }
        } else if active >= 0 {
            accumulate(into: net, column: w + active * r4, times: 1, count: r4)
        }
        for m in inputs..<sources { accumulate(into: net, column: w + m * r4, times: src[m], count: r4) }
        // Gates, and the cells' f(net_c) from which g follows: one vectorised logistic for all rows.
        for q in stride(from: 0, to: r4, by: 4) { act.store4(Elementary.logistic(net.load4(q)), at: q) }
        let blocks = blocks, s = cellsPerBlock, row0 = cellRow0
        for j in 0..<blocks { yOut[j] = outputGates > 0 ? act[blocks + j] : 1 }
        for j in 0..<blocks {
            let yIn = act[j]
            let fpIn = yIn * (1 - yIn)
            for c in (j * s)..<(j * s + s) {
                let f = act[row0 + c]
                let fp = f * (1 - f)
                let gValue = symmetricG ? 4 * f - 2 : f
                let gDerivative = symmetricG ? 4 * fp : fp
                state[c] += yIn * gValue  // the CEC: s(t) = s(t-1) + y^in g(net_c)
                coefIn[c] = gValue * fpIn  // eq. (25): g(net_c) f'_in
                coefCell[c] = gDerivative * yIn  // eq. (27): g'(net_c) y^in
            }
        }
        // h(s) for all cells at once.
        if symmetricH {
            for q in stride(from: 0, to: cells, by: 4) {
                let f = Elementary.logistic(state.load4(q))
                hState.store4(2 * f - 1, at: q)
                hpState.store4(2 * f * (1 - f), at: q)
            }
        } else {
            for c in 0..<cells {
                hState[c] = state[c]
                hpState[c] = 1
            }
        }
        for j in 0..<blocks {
            for c in (j * s)..<(j * s + s) { yCell[c] = yOut[j] * hState[c] }
        }
        if learning { updatePartials() }
        // Phase 3: output units see this step's cell outputs (and, under B, this step's inputs).
        let wo = wOutput, k4 = outputs4, y = yOutput, offset = outputInputOffset
        for q in stride(from: 0, to: k4, by: 4) { y.store4(wo.load4((os - 1) * k4 + q), at: q) }
        if offset > 0 {
            if encoding == .dense {
                for m in 0..<inputs { accumulate(into: y, column: wo + m * k4, times: src[m], count: k4) }
            } else if active >= 0 {
                accumulate(into: y, column: wo + active * k4, times: 1, count: k4)
            }
        }
        for c in 0..<cells { accumulate(into: y, column: wo + (offset + c) * k4, times: yCell[c], count: k4) }
        for q in stride(from: 0, to: k4, by: 4) { y.store4(Elementary.logistic(y.load4(q)), at: q) }
    }

    /// Eqs. (25) and (27): ∂s/∂w_in += g(net_c) f'_in y^m and ∂s/∂w_c += g'(net_c) y^in y^m for every
    /// source m that is non-zero at this step (one-hot nets skip the zero inputs).
    @inline(__always)
    func updatePartials() {
        let src = src, stride = dsStride, inputs = inputs, hs = hs
        for c in 0..<cells {
            let pIn = dsInGate + c * stride, pCell = dsCell + c * stride
            let a = coefIn[c], b = coefCell[c]
            if encoding == .dense {
                for m in 0..<inputs {
                    pIn[m] += a * src[m]
                    pCell[m] += b * src[m]
                }
            } else if active >= 0 {
                pIn[active] += a
                pCell[active] += b
            }
            for m in inputs..<hs {
                pIn[m] += a * src[m]
                pCell[m] += b * src[m]
            }
        }
    }

    /// acc[0..<count] += column[0..<count] * x, in SIMD4 steps (count is a multiple of 4).
    @inline(__always)
    func accumulate(into acc: UnsafeMutablePointer<Double>, column: UnsafeMutablePointer<Double>, times x: Double, count: Int) {
        for q in stride(from: 0, to: count, by: 4) { acc.store4(acc.load4(q) + column.load4(q) * x, at: q) }
    }
}

extension UnsafeMutablePointer where Pointee == Double {
    /// Four doubles from self + offset. Every buffer of LSTMNetwork is padded to a multiple of 4.
    @inline(__always)
    func load4(_ offset: Int) -> SIMD4<Double> {
        UnsafeRawPointer(self + offset).loadUnaligned(as: SIMD4<Double>.self)
    }

    /// Stores four doubles at self + offset.
    @inline(__always)
    func store4(_ value: SIMD4<Double>, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: value, as: SIMD4<Double>.self)
    }
}

extension LSTMNetwork {
    // MARK: - Inspection

    /// The internal states s_c (the CEC contents) after the last step processed. Shape: [C].
    public var cellStates: [Double] { (0..<cells).map { state[$0] } }

    /// The input gate activations y^in after the last step processed. Shape: [b].
    public var inputGateActivations: [Double] { (0..<blocks).map { act[$0] } }
}
