// The 1997 LSTM net (paper §1-2): its weights and buffers, and the sequence start. The arithmetic, the
// three-phase forward step with the partials of eqs. (25)/(27) and the gradient of eqs. (19)-(28), lives
// in the LSTMKernels module (StepKernel*.swift); whole sequences are in LSTMNetwork+Sequence.swift.
//
// Legend: I inputs, K outputs, b blocks, s cells per block, C = b·s cells, S = sources of a cell or
// gate (I, plus C + b + b_out recurrent under F), hs = S + 1 (with the bias column), R = hidden rows
// (b input gates, b_out output gates, C cells, in that order), R4/K4/C4 = R/K/C rounded up to 4.
// Weight matrices are column-major ([source, row]) so that one source updates every row's net input
// in SIMD4 steps; the reference implementation in Reference/ReferenceLSTM.swift is the plain version.
import LSTMKernels

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

    /// The precision of the weights, activations and partials (error figures are float64 either way).
    public let precision: Precision

    /// The sizes, flags and working buffers, in one 64-byte-aligned allocation (every buffer starts at
    /// a multiple of 4 elements, so SIMD4 loads are aligned). Shapes, in the legend above:
    ///
    /// - wHidden [hs, R4]: hidden weights, column-major by source; column S is the bias (0 if absent).
    /// - wOutput [os, K4]: output weights; sources: inputs (B only), cells, then the bias.
    /// - gHidden, gOutput: gradient accumulators for per-sequence updates, laid out as the weights.
    /// - src [hs4]: sources of the current step: inputs, cell outputs(t-1), in gates(t-1),
    ///   out gates(t-1), then 1 (the bias unit).
    /// - act [R4]: logistic activations f(net) of the hidden rows (net inputs live only in registers).
    /// - yOut [b]: per block, y^out (1 without output gates).
    /// - state, hState, hpState, yCell, coefIn, coefCell [C4]: per cell, s_c (the CEC), h(s), h'(s),
    ///   y^c, and the eq. (25)/(27) coefficients.
    /// - yOutput, eOutput [K4]: output activations y^k and error signals e_k (eq. 19).
    /// - delta, eState [C4], eOutGate [b4]: per cell Σ_k w_kc e_k and e_s (eq. 23); per block e_out
    ///   (eq. 21).
    /// - dsInGate, dsCell [hs, C4]: ∂s_c/∂w_{in_j m} (eq. 25) and ∂s_c/∂w_{c m} (eq. 27), column-major
    ///   by source, so that one source updates the partials of every cell in SIMD4 steps.
    /// - touched [I], isTouched [I]: the input columns touched since the sequence start (their
    ///   partials may be non-zero); dense nets list every input, one-hot nets the distinct active ones.
    let buffers: Buffers

    /// The buffers at the net's precision.
    enum Buffers {
        case float64(KernelBuffers<Double>)
        case float32(KernelBuffers<Float>)
    }

    /// The buffers' per-trial and inspection operations, either precision (the kernels' entry points
    /// switch on `buffers` themselves, to reach the copy compiled for the concrete type).
    var access: any NetBufferAccess {
        switch buffers {
        case .float64(let b): b
        case .float32(let b): b
        }
    }

    /// How many input columns are in `touched`.
    var touchedCount = 0

    /// Whether sequences of small nets run on the one-quad kernel (StepKernel+Compact.swift); tests
    /// turn it off to compare it with the generic kernels bit for bit.
    var usesCompactKernel = true
    /// Whether training sequences of one-cell nets (2a/2b) run on the one-cell kernel
    /// (StepKernel+OneCell.swift); tests turn it off to compare it with the generic kernels bit for bit.
    var usesOneCellKernel = true
    /// Which compiled copy of the kernels runs this net's sequences (the same bits either way); it must
    /// be supported by this CPU.
    public var kernelVariant = KernelVariant.preferred {
        didSet { precondition(kernelVariant.isSupported, "this CPU cannot run the \(kernelVariant) kernels") }
    }

    /// Output activations recorded at every step of the last sequence. Shape: [capacity, K].
    public internal(set) var stepOutputs: [Double] = []

    /// Creates a net with the given flat weights (WeightLayout order), computing in `precision`
    /// (float32 rounds the weights).
    public init(topology: LSTMTopology, weights: [Double], precision: Precision = .float64) {
        precondition(topology.problem == nil, topology.problem ?? "")
        self.topology = topology
        self.precision = precision
        layout = WeightLayout(topology)
        precondition(weights.count == layout.count, "expected \(layout.count) weights, got \(weights.count)")
        let shape = Self.kernelShape(topology, layout)
        switch precision {
        case .float64: buffers = .float64(KernelBuffers(shape))
        case .float32: buffers = .float32(KernelBuffers(shape))
        }
        setWeights(weights)
    }

    deinit {
        access.deallocate()
    }

    /// The sizes and flags the kernels lay a net of this topology out by (LaneNetwork's too).
    static func kernelShape(_ topology: LSTMTopology, _ layout: WeightLayout) -> KernelShape {
        var shape = KernelShape()
        (shape.inputs, shape.outputs) = (topology.inputCount, topology.outputCount)
        (shape.blocks, shape.cellsPerBlock, shape.outputGates) =
            (topology.blockCount, topology.cellsPerBlock, topology.outputGateCount)
        (shape.sources, shape.outputSources) = (topology.sourceCount, topology.outputSourceCount)
        (shape.hiddenStride, shape.outputStride, shape.cellRow0) = (layout.hiddenStride, layout.outputStride, layout.cellRow0)
        (shape.hiddenSize, shape.outputSize) = (layout.hiddenSize, layout.outputSize)
        (shape.layered, shape.full) = (topology.connectivity.outputsSeeInputs, topology.connectivity.hasRecurrentSources)
        (shape.gHalfRange, shape.hHalfRange) = (topology.cellInput.symmetricHalfRange, topology.cellOutput.symmetricHalfRange)
        (shape.trainGateBias, shape.trainCellBias, shape.trainOutputBias) =
            (topology.biases.gates, topology.biases.cells, topology.biases.outputs)
        return shape
    }

    /// The number of trainable weights.
    public var weightCount: Int { layout.count }

    /// The flat weight vector, in WeightLayout order.
    public var weights: [Double] {
        access.weights(paddedMap)
    }

    /// Replaces every weight (WeightLayout order).
    public func setWeights(_ values: [Double]) {
        precondition(values.count == layout.count)
        // Per precision rather than through `access`: unspecialised, each element would look up type
        // metadata, and lanes copy a trial's weights into its net before every stopping check.
        let map = paddedMap
        switch buffers {
        case .float64(let b): for i in 0..<values.count { b.storage[map[i]] = values[i] }
        case .float32(let b): for i in 0..<values.count { b.storage[map[i]] = Float(values[i]) }
        }
    }

    /// Padded index of every flat weight, relative to the buffers' `storage` (= wHidden; wOutput
    /// follows it).
    lazy var paddedMap: [Int] = layout.paddedIndices()

    /// Whether every weight is finite.
    public var weightsAreFinite: Bool {
        access.weightsAreFinite
    }

    /// Whether the net's sequences can take the one-quad kernel.
    var isCompact: Bool {
        access.isCompact
    }
}

extension LSTMNetwork {
    // MARK: - Inspection

    /// The internal states s_c (the CEC contents) after the last step processed. Shape: [C].
    public var cellStates: [Double] {
        access.cellStates
    }

    /// The input gate activations y^in after the last step processed. Shape: [b].
    public var inputGateActivations: [Double] {
        access.inputGateActivations
    }
}
