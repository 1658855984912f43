// What the sequence kernels are handed: a net's sizes, flags and buffer pointers (LSTMNetwork owns the
// memory and describes every buffer's shape), what to do at a target step, and what a run leaves
// behind. These types are shared by the portable kernels and their AVX2 copy (LSTMKernelsHaswell).

/// One LSTM net's sizes, flags and working buffers of `Scalar` (Double or Float, the net's precision):
/// the net's one 64-byte-aligned allocation, carved here so that the layout has a single home. See
/// Sources/LSTMCore/LSTMNetwork.swift for each buffer's shape.
///
/// A value type of pointers: copies share the memory, which the owning net frees with `deallocate()`.
/// Not thread-safe, like the net.
package struct KernelBuffers<Scalar: SIMDScalar & BinaryFloatingPoint> {
    package let inputs: Int, sources: Int, hs: Int  // I, S, S + 1
    package let rows4: Int, outputs: Int, outputs4: Int, os: Int  // R4, K, K4, output sources + 1
    package let blocks: Int, cellsPerBlock: Int, cells: Int, outputGates: Int, cellRow0: Int
    package let outputInputOffset: Int, cells4: Int
    package let symmetricG: Bool, symmetricH: Bool, full: Bool
    /// g = gScale f - gShift and h = hScale f - hShift when symmetric (2R and R: 4 and 2, or 2 and 1).
    package let gScale: Scalar, gShift: Scalar, hScale: Scalar, hShift: Scalar
    package let trainGateBias: Bool, trainCellBias: Bool, trainOutputBias: Bool

    /// The one allocation every buffer points into; wHidden then wOutput come first, so
    /// `storage[0..<matricesCount]` are all the weights.
    package let storage: UnsafeMutablePointer<Scalar>
    package let storageCount: Int, matricesCount: Int
    package let wHidden: UnsafeMutablePointer<Scalar>, wOutput: UnsafeMutablePointer<Scalar>
    package let gHidden: UnsafeMutablePointer<Scalar>, gOutput: UnsafeMutablePointer<Scalar>
    package let src: UnsafeMutablePointer<Scalar>, act: UnsafeMutablePointer<Scalar>
    package let yOut: UnsafeMutablePointer<Scalar>, state: UnsafeMutablePointer<Scalar>
    package let hState: UnsafeMutablePointer<Scalar>, hpState: UnsafeMutablePointer<Scalar>
    package let yCell: UnsafeMutablePointer<Scalar>, coefIn: UnsafeMutablePointer<Scalar>
    package let coefCell: UnsafeMutablePointer<Scalar>
    package let yOutput: UnsafeMutablePointer<Scalar>, eOutput: UnsafeMutablePointer<Scalar>
    package let delta: UnsafeMutablePointer<Scalar>, eState: UnsafeMutablePointer<Scalar>
    package let eOutGate: UnsafeMutablePointer<Scalar>
    package let dsInGate: UnsafeMutablePointer<Scalar>, dsCell: UnsafeMutablePointer<Scalar>
    /// The input columns touched since the sequence start, and whether each is. Shape: [I] each.
    package let touched: UnsafeMutablePointer<Int>, isTouched: UnsafeMutablePointer<Bool>

    /// Allocates and zeroes the buffers of a net of this shape; the bias source src[S] is set to 1.
    /// Every buffer is padded to a multiple of 4 elements, so SIMD4 loads never leave it.
    package init(_ shape: KernelShape) {
        (inputs, outputs, blocks, cellsPerBlock) = (shape.inputs, shape.outputs, shape.blocks, shape.cellsPerBlock)
        (outputGates, sources, hs, os) = (shape.outputGates, shape.sources, shape.sources + 1, shape.outputSources + 1)
        (rows4, outputs4, cellRow0) = (shape.hiddenStride, shape.outputStride, shape.cellRow0)
        cells = blocks * cellsPerBlock
        cells4 = Self.round4(cells)
        outputInputOffset = shape.layered ? inputs : 0
        (symmetricG, symmetricH, full) = (shape.symmetricG, shape.symmetricH, shape.full)
        (gScale, gShift, hScale, hShift) = shape.squashingConstants(Scalar.self)
        (trainGateBias, trainCellBias, trainOutputBias) = (shape.trainGateBias, shape.trainCellBias, shape.trainOutputBias)

        matricesCount = shape.hiddenSize + shape.outputSize
        let sizes = [
            shape.hiddenSize, shape.outputSize, shape.hiddenSize, shape.outputSize,  // weights, gradients
            Self.round4(hs), rows4, Self.round4(blocks),  // src, act, yOut
            cells4, cells4, cells4, cells4, cells4, cells4,  // state, hState, hpState, yCell, coefIn, coefCell
            outputs4, outputs4, cells4, cells4, Self.round4(blocks),  // yOutput, eOutput, delta, eState, eOutGate
            hs * cells4, hs * cells4,  // dsInGate, dsCell
        ]
        storageCount = sizes.reduce(0, +)
        let starts: [UnsafeMutablePointer<Scalar>]
        (storage, starts) = KernelArena.carve(sizes, zero: 0)
        (wHidden, wOutput, gHidden, gOutput) = (starts[0], starts[1], starts[2], starts[3])
        (src, act, yOut) = (starts[4], starts[5], starts[6])
        (state, hState, hpState, yCell, coefIn, coefCell) = (starts[7], starts[8], starts[9], starts[10], starts[11], starts[12])
        (yOutput, eOutput, delta, eState, eOutGate) = (starts[13], starts[14], starts[15], starts[16], starts[17])
        (dsInGate, dsCell) = (starts[18], starts[19])
        touched = .allocate(capacity: inputs)
        isTouched = .allocate(capacity: inputs)
        isTouched.initialize(repeating: false, count: inputs)
        src[sources] = 1
    }

    /// Whether the one-quad kernel (StepKernel+Compact.swift) applies: the gate rows and the cells each
    /// fit one SIMD4 quad (then cellRow0 = 4 and R4 = 8), and so do the outputs.
    package var isCompact: Bool { blocks + outputGates <= 4 && cells <= 4 && outputs <= 4 }

    /// Frees the memory; no copy may be used afterwards.
    package func deallocate() {
        UnsafeMutableRawPointer(storage).deallocate()
        touched.deallocate()
        isTouched.deallocate()
    }

    static func round4(_ n: Int) -> Int { (n + 3) & ~3 }
}

/// The sizes and flags of a net, from which KernelBuffers lays out its buffers.
package struct KernelShape {
    package var inputs = 0, outputs = 0, blocks = 0, cellsPerBlock = 0, outputGates = 0
    package var sources = 0, outputSources = 0  // S, and an output unit's sources (without bias)
    package var hiddenStride = 0, outputStride = 0, hiddenSize = 0, outputSize = 0, cellRow0 = 0
    /// `layered`: the outputs see the inputs (B); `full`: cells and gates see the last step's cells
    /// and gates (F). Both hold for B with recurrence (`Connectivity.layeredRecurrent`).
    package var layered = false, full = false
    /// The half-range R of g = 2R f - R and of h = 2R f - R (A14), or nil for the logistic g and the
    /// identity h.
    package var gHalfRange: Double? = nil, hHalfRange: Double? = nil
    package var symmetricG: Bool { gHalfRange != nil }
    package var symmetricH: Bool { hHalfRange != nil }
    package var trainGateBias = false, trainCellBias = false, trainOutputBias = false
    package init() {}

    /// (2R, R) of g and of h, or (0, 0) where the function is not symmetric (the kernels then skip them).
    package func squashingConstants<Scalar: BinaryFloatingPoint>(_: Scalar.Type) -> (Scalar, Scalar, Scalar, Scalar) {
        let g = gHalfRange ?? 0, h = hHalfRange ?? 0
        return (Scalar(2 * g), Scalar(g), Scalar(2 * h), Scalar(h))
    }
}

/// Which specialised kernels a run may take; each gives the generic kernels' bits, and tests turn
/// them off to compare.
package struct KernelPaths: OptionSet, Sendable {
    package let rawValue: Int
    package init(rawValue: Int) { self.rawValue = rawValue }
    /// The one-quad kernel for small nets (StepKernel+Compact.swift).
    package static let compact = KernelPaths(rawValue: 1)
    /// The fused output pass of one-cell nets (StepKernel+OneCell.swift).
    package static let oneCell = KernelPaths(rawValue: 2)
}

/// One sequence's buffers, as the kernels read them.
package struct SequenceBuffers {
    /// Dense inputs [length, I] (empty for one-hot sequences).
    package var x: UnsafeBufferPointer<Double>
    /// One-hot inputs [length], -1 for none (empty for dense sequences).
    package var activeInput: UnsafeBufferPointer<Int>
    /// Targets [length, K], and whether step t has one [length].
    package var targets: UnsafeBufferPointer<Double>, hasTarget: UnsafeBufferPointer<Bool>
    /// Where the outputs of every step go, [length, K].
    package var out: UnsafeMutableBufferPointer<Double>
    package var length: Int
    /// Whether the inputs are dense (else one-hot).
    package var dense: Bool

    package init(
        x: UnsafeBufferPointer<Double>, activeInput: UnsafeBufferPointer<Int>, targets: UnsafeBufferPointer<Double>,
        hasTarget: UnsafeBufferPointer<Bool>, out: UnsafeMutableBufferPointer<Double>, length: Int, dense: Bool
    ) {
        (self.x, self.activeInput, self.targets, self.hasTarget) = (x, activeInput, targets, hasTarget)
        (self.out, self.length, self.dense) = (out, length, dense)
    }
}

/// What a run does at each step that carries a target.
package enum TargetAction {
    /// Per-step learning (paper §2.3): add α(−∂E(t)/∂w) to the weights at once.
    case update(learningRate: Double)
    /// Add −∂E(t)/∂w to the gradient accumulators (per-sequence updates, or the gradient alone).
    case accumulate
    /// Only measure the error; no partials are kept (evaluation).
    case measure
}

/// What a run leaves behind besides the buffers: the error figures and the one-hot bookkeeping.
package struct KernelRun {
    package var stats: SequenceStats
    /// How many input columns the sequence touched (their partials are zeroed at the next reset).
    package var touchedCount: Int

    package init(stats: SequenceStats, touchedCount: Int) {
        (self.stats, self.touchedCount) = (stats, touchedCount)
    }
}

extension UnsafeMutablePointer where Pointee: SIMDScalar {
    /// Four values from self + offset. Every buffer of KernelBuffers is padded to a multiple of 4.
    @inlinable @inline(__always)
    package func load4(_ offset: Int) -> SIMD4<Pointee> {
        UnsafeRawPointer(self + offset).loadUnaligned(as: SIMD4<Pointee>.self)
    }

    /// Stores four values at self + offset.
    @inlinable @inline(__always)
    package func store4(_ value: SIMD4<Pointee>, at offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: value, as: SIMD4<Pointee>.self)
    }
}
