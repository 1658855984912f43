// K 1997 LSTM nets of one topology and precision trained side by side, one per SIMD lane (issue 15; K = 4
// in float64, 8 in float32):
// each lane has its own weights, learning rate and stream of sequences, and computes exactly the bits
// an LSTMNetwork with the same weights computes on the same sequences (LaneTests). The lane kernels are
// in Sources/LSTMKernels/LaneKernel*.swift; the driving loop is in LaneNetwork+Run.swift.
import LSTMKernels

/// K LSTM nets of one topology and precision (`laneCount`: 4 in float64, 8 in float32), interleaved so
/// that one vector instruction steps them all.
///
/// Each lane is an independent net: `setWeights(_:lane:)` loads one, `run(_:)` trains and evaluates
/// every lane on the sequences its callback hands out, and a lane's weights, outputs and error figures
/// equal those of an `LSTMNetwork` given the same weights and sequences, bit for bit.
/// Not thread-safe, like LSTMNetwork.
///
/// ```swift
/// let lanes = LaneNetwork(topology: topo)
/// for lane in 0..<lanes.laneCount { lanes.setWeights(initial[lane], lane: lane) }
/// lanes.run { lane, finished in
///     if let finished { record(lane, finished, lanes.stepOutputs(lane: lane)) }
///     return nextWork(lane)  // nil idles the lane; run returns when every lane is idle
/// }
/// ```
public final class LaneNetwork {
    /// The lane vectors of each precision: one 256-bit register, 4 doubles or 8 floats. They must be
    /// the kernel copies' `LaneVector`s (KernelVariant+Lanes.swift takes LaneBuffers of these).
    typealias Float64Lanes = SIMD4<Double>
    typealias Float32Lanes = SIMD8<Float>

    /// The number of lanes (nets) at `precision`.
    public static func laneCount(_ precision: Precision) -> Int {
        switch precision {
        case .float64: Float64Lanes.scalarCount
        case .float32: Float32Lanes.scalarCount
        }
    }

    /// The number of lanes (nets) of this network.
    public var laneCount: Int { Self.laneCount(precision) }

    /// The shape of every lane's net.
    public let topology: LSTMTopology
    /// Where each weight sits in the flat vector.
    public let layout: WeightLayout
    /// The precision of every lane's net.
    public let precision: Precision
    /// Which compiled copy of the lane kernels runs (the same bits either way); it must be supported.
    public var kernelVariant = KernelVariant.preferred {
        didSet { precondition(kernelVariant.isSupported, "this CPU cannot run the \(kernelVariant) kernels") }
    }

    /// The nets' buffers (LaneBuffers: every scalar of LSTMNetwork's buffers as a vector of K lanes,
    /// lane l for net l), at the precision.
    let buffers: Buffers

    enum Buffers {
        case float64(LaneBuffers<Float64Lanes>)
        case float32(LaneBuffers<Float32Lanes>)
    }

    /// Padded index of every flat weight (as LSTMNetwork's).
    let paddedMap: [Int]
    /// Per lane: its current sequence and output record (LaneNetwork+Run.swift).
    var stages: [LaneStage]

    /// Creates `laneCount(precision)` nets of `topology` in `precision`, every weight 0 until `setWeights(_:lane:)`.
    public init(topology: LSTMTopology, precision: Precision = .float64) {
        precondition(topology.problem == nil, topology.problem ?? "")
        self.topology = topology
        self.precision = precision
        layout = WeightLayout(topology)
        paddedMap = layout.paddedIndices()
        let shape = LSTMNetwork.kernelShape(topology, layout)
        switch precision {
        case .float64: buffers = .float64(LaneBuffers(shape))
        case .float32: buffers = .float32(LaneBuffers(shape))
        }
        stages = (0..<Self.laneCount(precision)).map { _ in
            LaneStage(inputs: topology.inputCount, outputs: topology.outputCount)
        }
    }

    deinit {
        switch buffers {
        case .float64(let b): b.deallocate()
        case .float32(let b): b.deallocate()
        }
        for stage in stages { stage.deallocate() }
    }

    /// The number of trainable weights of each lane's net.
    public var weightCount: Int { layout.count }

    // The weight accessors are written per precision, not generically over LaneBuffers' scalar: an
    // unspecialised generic element access looks up type metadata, and a trial's stopping checks copy
    // its lane's weights often (LaneLearner).

    /// Lane `lane`'s flat weight vector, in WeightLayout order. A lane the callback idles has its
    /// weights set to 0, so read them in the callback before returning nil.
    public func weights(lane: Int) -> [Double] {
        switch buffers {
        case .float64(let b): return paddedMap.map { b.storage[$0][lane] }
        case .float32(let b): return paddedMap.map { Double(b.storage[$0][lane]) }
        }
    }

    /// Replaces every weight of lane `lane` (WeightLayout order; float32 rounds them), and clears its
    /// accumulated changes: the lane now holds a fresh net, as `LSTMNetwork(topology:weights:)` would.
    public func setWeights(_ values: [Double], lane: Int) {
        precondition(values.count == layout.count, "expected \(layout.count) weights, got \(values.count)")
        precondition((0..<laneCount).contains(lane))
        // Every position to 0 first (padding, absent biases, the accumulators), as in a fresh net.
        switch buffers {
        case .float64(let b):
            for i in 0..<b.matricesCount { (b.storage[i][lane], b.gHidden[i][lane]) = (0, 0) }
            for i in 0..<values.count { b.storage[paddedMap[i]][lane] = values[i] }
        case .float32(let b):
            for i in 0..<b.matricesCount { (b.storage[i][lane], b.gHidden[i][lane]) = (0, 0) }
            for i in 0..<values.count { b.storage[paddedMap[i]][lane] = Float(values[i]) }
        }
    }

    /// Whether every weight of lane `lane` is finite.
    public func weightsAreFinite(lane: Int) -> Bool {
        switch buffers {
        case .float64(let b): return (0..<b.matricesCount).allSatisfy { b.storage[$0][lane].isFinite }
        case .float32(let b): return (0..<b.matricesCount).allSatisfy { b.storage[$0][lane].isFinite }
        }
    }

    /// The outputs of every step of lane `lane`'s last finished sequence. Shape: [length, K] (the array
    /// may be longer). Valid inside `run`'s callback for the lane that just finished, and after `run`.
    public func stepOutputs(lane: Int) -> [Double] {
        stages[lane].publishOutputs()
        return stages[lane].outputs
    }
}

/// What a lane does next: train on a sequence, or run it forward to measure it.
public struct LaneWork {
    /// What happens at the sequence's target steps.
    public enum Kind {
        /// Training as `LSTMNetwork.train(_:learningRate:timing:)` does.
        case train(learningRate: Double, timing: UpdateTiming)
        /// Evaluation as `LSTMNetwork.evaluate(_:)` does: no weight changes.
        case evaluate
    }

    /// The sequence; LaneNetwork copies it, so the caller may refill its buffer at once.
    public var sequence: SequenceExample
    public var kind: Kind

    /// Creates a work item.
    public init(_ sequence: SequenceExample, _ kind: Kind) {
        self.sequence = sequence
        self.kind = kind
    }
}
