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
    let cellRow0: Int  // the first cell row: b + b_out rounded up to 4
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
    /// Sources of the current step. Shape: [hs4]: inputs, cell outputs(t-1), in gates(t-1),
    /// out gates(t-1), then 1 (the bias unit).
    let src: UnsafeMutablePointer<Double>
    /// Logistic activations f(net) of the hidden rows (net inputs live only in registers). Shape: [R4].
    let act: UnsafeMutablePointer<Double>
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
    /// ∂s_c/∂w_{in_j m} (eq. 25) and ∂s_c/∂w_{c m} (eq. 27). Shape: [hs, C4], column-major by
    /// source, so that one source updates the partials of every cell in SIMD4 steps.
    let dsInGate: UnsafeMutablePointer<Double>, dsCell: UnsafeMutablePointer<Double>
    let cells4: Int  // C rounded up to 4: the stride of a partials column

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

    /// Whether sequences of small nets run on the one-quad kernel (LSTMNetwork+CompactKernel.swift);
    /// tests turn it off to compare it with the generic kernels bit for bit.
    var usesCompactKernel = true

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
        cellRow0 = layout.cellRow0
        trainGateBias = topology.biases.gates
        trainCellBias = topology.biases.cells
        trainOutputBias = topology.biases.outputs
        symmetricG = topology.cellInput == .symmetric2
        symmetricH = topology.cellOutput == .symmetric1
        cells4 = (cells + 3) & ~3

        func round4(_ n: Int) -> Int { (n + 3) & ~3 }
        matricesCount = layout.hiddenSize + layout.outputSize
        let sizes = [
            layout.hiddenSize, layout.outputSize, layout.hiddenSize, layout.outputSize,  // weights, gradients
            round4(hs), rows4, round4(blocks),  // src, act, yOut
            cells4, cells4, cells4, cells4, cells4, cells4,  // state, hState, hpState, yCell, coefIn, coefCell
            outputs4, outputs4, cells4, cells4, round4(blocks),  // yOutput, eOutput, delta, eState, eOutGate
            hs * cells4, hs * cells4,  // dsInGate, dsCell
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
        (src, act, yOut) = (pointers[4], pointers[5], pointers[6])
        (state, hState, hpState, yCell, coefIn, coefCell) = (pointers[7], pointers[8], pointers[9], pointers[10], pointers[11], pointers[12])
        (yOutput, eOutput, delta, eState, eOutGate) = (pointers[13], pointers[14], pointers[15], pointers[16], pointers[17])
        (dsInGate, dsCell) = (pointers[18], pointers[19])
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
            (dsInGate + m * cells4).update(repeating: 0, count: cells4)
            (dsCell + m * cells4).update(repeating: 0, count: cells4)
            isTouched[m] = false
        }
        (dsInGate + inputs * cells4).update(repeating: 0, count: (hs - inputs) * cells4)
        (dsCell + inputs * cells4).update(repeating: 0, count: (hs - inputs) * cells4)
        for c in 0..<cells { state[c] = 0 }
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
