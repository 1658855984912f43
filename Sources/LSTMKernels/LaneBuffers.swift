// The buffers of K nets of one shape trained side by side, one per SIMD lane: every scalar of a
// single net's KernelBuffers becomes a vector of K lanes (SIMD4<Double>, SIMD8<Float>) whose lane l
// belongs to net l. The lane kernels
// (LaneKernel*.swift) run each lane through the single kernels' operations in the same order, so a net
// in a lane computes the bits it computes alone. Shared by every compiled copy, like KernelBuffers.

/// K nets of one shape, interleaved lane by lane: element i of a single net's buffer is
/// `buffer[i][l]` for the net in lane l. Shapes as in KernelBuffers (see LSTMNetwork), with
/// rows and outputs padded in the same way, so a single net's padded weight index is valid here.
///
/// A value type of pointers: copies share the memory, which the owner frees with `deallocate()`.
package struct LaneBuffers<Vector: SIMD> where Vector.Scalar: BinaryFloatingPoint {
    package typealias Scalar = Vector.Scalar
    /// The number of lanes, K.
    package static var width: Int { Vector.scalarCount }

    package let inputs: Int, sources: Int, hs: Int  // I, S, S + 1
    package let rows4: Int, outputs: Int, outputs4: Int, os: Int  // R4, K, K4, output sources + 1
    package let blocks: Int, cellsPerBlock: Int, cells: Int, outputGates: Int, cellRow0: Int
    package let outputInputOffset: Int
    package let symmetricG: Bool, symmetricH: Bool, full: Bool
    /// As KernelBuffers': g = gScale f - gShift, h = hScale f - hShift when symmetric.
    package let gScale: Scalar, gShift: Scalar, hScale: Scalar, hShift: Scalar
    package let trainGateBias: Bool, trainCellBias: Bool, trainOutputBias: Bool

    /// The one allocation; wHidden then wOutput come first, so `storage[0..<matricesCount]` are
    /// all the weights (lane l of element i: the single net's padded weight i).
    package let storage: UnsafeMutablePointer<Vector>
    package let matricesCount: Int
    /// [hs, R4] and [os, K4]: the weights; gHidden, gOutput: the per-sequence accumulators.
    package let wHidden: UnsafeMutablePointer<Vector>, wOutput: UnsafeMutablePointer<Vector>
    package let gHidden: UnsafeMutablePointer<Vector>, gOutput: UnsafeMutablePointer<Vector>
    /// [hs]: the step's sources (dense inputs, y^c(t-1), gates(t-1), then 1); [R4]: f(net) of the rows.
    package let src: UnsafeMutablePointer<Vector>, act: UnsafeMutablePointer<Vector>
    /// [b]: y^out per block.
    package let yOut: UnsafeMutablePointer<Vector>
    /// [C] each: s_c, h(s), h'(s), y^c and the eq. (25)/(27) coefficients.
    package let state: UnsafeMutablePointer<Vector>, hState: UnsafeMutablePointer<Vector>
    package let hpState: UnsafeMutablePointer<Vector>, yCell: UnsafeMutablePointer<Vector>
    package let coefIn: UnsafeMutablePointer<Vector>, coefCell: UnsafeMutablePointer<Vector>
    /// [K4] each: y^k and e_k.
    package let yOutput: UnsafeMutablePointer<Vector>, eOutput: UnsafeMutablePointer<Vector>
    /// [C], [C], [b]: Σ_k w_kc e_k, e_s, e_out.
    package let delta: UnsafeMutablePointer<Vector>, eState: UnsafeMutablePointer<Vector>
    package let eOutGate: UnsafeMutablePointer<Vector>
    /// [hs, C] each: ∂s_c/∂w_{in_j m} and ∂s_c/∂w_{c m}, column-major by source (no cell padding).
    package let dsInGate: UnsafeMutablePointer<Vector>, dsCell: UnsafeMutablePointer<Vector>
    /// [I]: lane l of column m is 1 when lane l's sequence has touched input m since its start (one-hot
    /// sequences; the single kernel's `isTouched`), else 0.
    package let touched: UnsafeMutablePointer<Vector>
    /// The input columns some lane has touched (`unionCount` of them), and whether each is listed. [I].
    package let union: UnsafeMutablePointer<Int>, inUnion: UnsafeMutablePointer<Bool>

    /// Allocates and zeroes the buffers of K nets of this shape; the bias source src[S] is 1.
    package init(_ shape: KernelShape) {
        (inputs, outputs, blocks, cellsPerBlock) = (shape.inputs, shape.outputs, shape.blocks, shape.cellsPerBlock)
        (outputGates, sources, hs, os) = (shape.outputGates, shape.sources, shape.sources + 1, shape.outputSources + 1)
        (rows4, outputs4, cellRow0) = (shape.hiddenStride, shape.outputStride, shape.cellRow0)
        cells = blocks * cellsPerBlock
        outputInputOffset = shape.layered ? inputs : 0
        (symmetricG, symmetricH, full) = (shape.symmetricG, shape.symmetricH, shape.full)
        (gScale, gShift, hScale, hShift) = shape.squashingConstants(Scalar.self)
        (trainGateBias, trainCellBias, trainOutputBias) = (shape.trainGateBias, shape.trainCellBias, shape.trainOutputBias)
        matricesCount = shape.hiddenSize + shape.outputSize
        let sizes = [
            shape.hiddenSize, shape.outputSize, shape.hiddenSize, shape.outputSize,  // weights, accumulators
            hs, rows4, blocks,  // src, act, yOut
            cells, cells, cells, cells, cells, cells,  // state, hState, hpState, yCell, coefIn, coefCell
            outputs4, outputs4, cells, cells, blocks,  // yOutput, eOutput, delta, eState, eOutGate
            hs * cells, hs * cells, inputs,  // dsInGate, dsCell, touched
        ]
        let starts: [UnsafeMutablePointer<Vector>]
        (storage, starts) = KernelArena.carve(sizes, zero: .zero)
        (wHidden, wOutput, gHidden, gOutput) = (starts[0], starts[1], starts[2], starts[3])
        (src, act, yOut) = (starts[4], starts[5], starts[6])
        (state, hState, hpState, yCell, coefIn, coefCell) = (starts[7], starts[8], starts[9], starts[10], starts[11], starts[12])
        (yOutput, eOutput, delta, eState, eOutGate) = (starts[13], starts[14], starts[15], starts[16], starts[17])
        (dsInGate, dsCell, touched) = (starts[18], starts[19], starts[20])
        union = .allocate(capacity: max(inputs, 1))
        inUnion = .allocate(capacity: max(inputs, 1))
        inUnion.initialize(repeating: false, count: max(inputs, 1))
        src[sources] = Vector(repeating: 1)
    }

    /// Frees the memory; no copy may be used afterwards.
    package func deallocate() {
        UnsafeMutableRawPointer(storage).deallocate()
        union.deallocate()
        inUnion.deallocate()
    }
}
