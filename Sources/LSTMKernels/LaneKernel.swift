// K nets of one shape, one per SIMD lane, each on its own stream of sequences: the loop, and what
// happens when a lane's sequence ends (its statistics out, its next job in, its state reset) while the
// other lanes are mid-sequence. Compiled per precision and instruction set, like SequenceKernel.swift.
//
// Bit-identity with a net run alone (LaneTests): every value of lane l is computed with the single
// kernels' operations in the single kernels' order (StepKernel*.swift); SIMD arithmetic is lane-wise
// IEEE, Swift never fuses a*b+c, and the scalar and SIMD exps agree bit for bit. What a lane must not
// do (a masked lane, or one-hot inputs a single net skips) is selected away, never added as +0.
// Legend as in StepKernel.swift; V = LaneVector (K lanes of Real), lane l of every V belongs to net l.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

// The lane width K is the copy's: 4 for float64 (one AVX2 register), 8 for float32 (LSTM_LANES_8, set
// for the float32 copies in Package.swift: eight floats fill the same register). Nothing below depends
// on K but these aliases; LaneBuffers is generic over the vector.
#if LSTM_LANES_8
    package typealias LaneVector = SIMD8<Real>
    /// The lanes' bit patterns, mask scalars, float64 figures and integer counts.
    typealias LaneBits = SIMD8<RealBits>
    typealias LaneMaskBits = SIMD8<Real.SIMDMaskScalar>
    typealias LaneDoubles = SIMD8<Double>
    typealias LaneDoubleBits = SIMD8<UInt64>
    typealias LaneWideMask = SIMDMask<SIMD8<Int64>>
    typealias LaneCounts = SIMD8<Int>
#else
    package typealias LaneVector = SIMD4<Real>
    typealias LaneBits = SIMD4<RealBits>
    typealias LaneMaskBits = SIMD4<Real.SIMDMaskScalar>
    typealias LaneDoubles = SIMD4<Double>
    typealias LaneDoubleBits = SIMD4<UInt64>
    typealias LaneWideMask = SIMDMask<SIMD4<Int64>>
    typealias LaneCounts = SIMD4<Int>
#endif
typealias LaneMask = SIMDMask<LaneMaskBits>

/// The number of lanes, K (a constant of the copy).
@inline(__always)
var laneWidth: Int { LaneVector.scalarCount }

/// The bitwise or (`orOfLanes`) and and (`andOfLanes`) of the lanes of `bits`, written out term by
/// term (the width is a constant, so one line survives): LLVM turns `x0 | x1 | x2 | x3 != 0` into one
/// `vptest`, where a loop over the lanes left a chain of extracts.
@inline(__always)
func orOfLanes<V: SIMD>(_ b: V) -> V.Scalar where V.Scalar: FixedWidthInteger {
    if V.scalarCount == 4 { return b[0] | b[1] | b[2] | b[3] }
    return b[0] | b[1] | b[2] | b[3] | b[4] | b[5] | b[6] | b[7]
}

@inline(__always)
func andOfLanes<V: SIMD>(_ b: V) -> V.Scalar where V.Scalar: FixedWidthInteger {
    if V.scalarCount == 4 { return b[0] & b[1] & b[2] & b[3] }
    return b[0] & b[1] & b[2] & b[3] & b[4] & b[5] & b[6] & b[7]
}

/// Whether some lane of `mask` is set: one `vptest` of the mask's bits. The standard `any` compiles
/// to a reduction of the lanes (extracts to scalars, or compares and blends where the mask was just
/// computed: about 8 instructions in one dependency chain) on every step and at every column of
/// the gradient's touched-column loop.
@inline(__always)
func anyLane(_ mask: LaneMask) -> Bool {
    orOfLanes(unsafeBitCast(mask, to: LaneMaskBits.self)) != 0  // each lane 0 or all ones
}

/// Whether every lane of `mask` is set (see `anyLane`).
@inline(__always)
func allLanes(_ mask: LaneMask) -> Bool {
    andOfLanes(unsafeBitCast(mask, to: LaneMaskBits.self)) != 0
}

extension LaneKernel {
    /// Runs every lane until `next` has no more work for any: `next(lane, stats)` is called once per
    /// lane at the start (stats nil) and whenever that lane's sequence ends (with its figures; `steps`
    /// is 0, the lane's outputs are in its job's `out`), and returns the lane's next job, or nil to
    /// leave the lane idle. Each job starts from a fresh state (§1.5), as `SequenceKernel.run` does.
    package static func run(_ net: LaneBuffers<LaneVector>, next: (Int, SequenceStats?) -> LaneJob?) {
        let kernel = LaneKernel(net)
        defer { kernel.deallocate() }
        kernel.runLanes(next)
    }
}

/// The sizes and buffers of K interleaved nets, and each lane's place in its own sequence; its
/// `run` is the entry point LaneNetwork calls (through KernelVariant).
///
/// Every stored property is a `let`; what changes from step to step (which lanes live and learn, the
/// step's input lanes, the running error figures) lives in `LaneProgress`, behind a pointer. With
/// `var`s here the loop was `mutating`, and Swift copied the whole struct (some 700 bytes, a memcpy)
/// before each call from it to a step function that is not inlined, four or more per step; the
/// callee's first reads of that copy then waited for the memcpy's stores.
package struct LaneKernel {
    let inputs: Int, sources: Int, hs: Int, rows4: Int, outputs: Int, outputs4: Int, os: Int
    let blocks: Int, cellsPerBlock: Int, cells: Int, outputGates: Int, cellRow0: Int, outputInputOffset: Int
    let symmetricG: Bool, symmetricH: Bool, full: Bool
    let gScale: Real, gShift: Real, hScale: Real, hShift: Real
    let trainGateBias: Bool, trainCellBias: Bool, trainOutputBias: Bool
    let matricesCount: Int
    /// See LaneBuffers for every buffer's shape.
    let wHidden: UnsafeMutablePointer<LaneVector>, wOutput: UnsafeMutablePointer<LaneVector>
    let gHidden: UnsafeMutablePointer<LaneVector>, gOutput: UnsafeMutablePointer<LaneVector>
    let src: UnsafeMutablePointer<LaneVector>, act: UnsafeMutablePointer<LaneVector>
    let yOut: UnsafeMutablePointer<LaneVector>, state: UnsafeMutablePointer<LaneVector>
    let hState: UnsafeMutablePointer<LaneVector>, hpState: UnsafeMutablePointer<LaneVector>
    let yCell: UnsafeMutablePointer<LaneVector>, coefIn: UnsafeMutablePointer<LaneVector>
    let coefCell: UnsafeMutablePointer<LaneVector>
    let yOutput: UnsafeMutablePointer<LaneVector>, eOutput: UnsafeMutablePointer<LaneVector>
    let delta: UnsafeMutablePointer<LaneVector>, eState: UnsafeMutablePointer<LaneVector>
    let eOutGate: UnsafeMutablePointer<LaneVector>
    let dsInGate: UnsafeMutablePointer<LaneVector>, dsCell: UnsafeMutablePointer<LaneVector>
    let touched: UnsafeMutablePointer<LaneVector>
    let union: UnsafeMutablePointer<Int>, inUnion: UnsafeMutablePointer<Bool>
    /// The state of the loop (LaneKernel+Progress.swift). [1].
    let progress: UnsafeMutablePointer<LaneProgress>

    /// The hidden rows in use, [b + b_out + C]: the gate rows, then the cell rows (from cellRow0).
    let rowList: UnsafeMutablePointer<Int>
    /// Per lane: the job, the step it is at, and what it does at target steps. [K] each.
    let jobs: UnsafeMutablePointer<SequenceBuffers>
    let position: UnsafeMutablePointer<Int>
    /// For one-hot sequences: this step's active column of each lane (0 for none) and the mask of the
    /// lane if it has one (else no lane), and each lane's mask alone. [K] each. One slot per lane, not
    /// per distinct column: the loops over the slots then always run K times, which the branch
    /// predictor learns, where a step's count of distinct columns (1-4) mispredicted the exit of every
    /// such loop.
    let activeColumn: UnsafeMutablePointer<Int>, activeMask: UnsafeMutablePointer<LaneMask>
    let singleLane: UnsafeMutablePointer<LaneMask>

    init(_ n: LaneBuffers<LaneVector>) {
        (inputs, sources, hs, rows4, outputs, outputs4, os) = (n.inputs, n.sources, n.hs, n.rows4, n.outputs, n.outputs4, n.os)
        (blocks, cellsPerBlock, cells, outputGates, cellRow0) = (n.blocks, n.cellsPerBlock, n.cells, n.outputGates, n.cellRow0)
        (outputInputOffset, symmetricG, symmetricH, full) = (n.outputInputOffset, n.symmetricG, n.symmetricH, n.full)
        (gScale, gShift, hScale, hShift) = (n.gScale, n.gShift, n.hScale, n.hShift)
        (trainGateBias, trainCellBias, trainOutputBias) = (n.trainGateBias, n.trainCellBias, n.trainOutputBias)
        matricesCount = n.matricesCount
        (wHidden, wOutput, gHidden, gOutput, src, act) = (n.wHidden, n.wOutput, n.gHidden, n.gOutput, n.src, n.act)
        (yOut, state, hState, hpState, yCell) = (n.yOut, n.state, n.hState, n.hpState, n.yCell)
        (coefIn, coefCell, yOutput, eOutput) = (n.coefIn, n.coefCell, n.yOutput, n.eOutput)
        (delta, eState, eOutGate, dsInGate, dsCell) = (n.delta, n.eState, n.eOutGate, n.dsInGate, n.dsCell)
        (touched, union, inUnion) = (n.touched, n.union, n.inUnion)
        for m in 0..<inputs where inUnion[m] { inUnion[m] = false }  // no lane has touched anything yet
        for m in 0..<inputs { touched[m] = .zero }
        let gates = blocks + outputGates
        rowList = .allocate(capacity: gates + cells)
        for r in 0..<gates { rowList[r] = r }
        for c in 0..<cells { rowList[gates + c] = cellRow0 + c }
        jobs = .allocate(capacity: laneWidth)
        let empty = SequenceBuffers(
            x: UnsafeBufferPointer(start: nil, count: 0), activeInput: UnsafeBufferPointer(start: nil, count: 0),
            targets: UnsafeBufferPointer(start: nil, count: 0), hasTarget: UnsafeBufferPointer(start: nil, count: 0),
            out: UnsafeMutableBufferPointer(start: nil, count: 0), length: 0, dense: true)
        jobs.initialize(repeating: empty, count: laneWidth)
        position = .allocate(capacity: laneWidth)
        position.initialize(repeating: 0, count: laneWidth)
        activeColumn = .allocate(capacity: laneWidth)
        activeColumn.initialize(repeating: 0, count: laneWidth)
        activeMask = .allocate(capacity: laneWidth)
        activeMask.initialize(repeating: LaneMask(repeating: false), count: laneWidth)
        singleLane = .allocate(capacity: laneWidth)
        progress = .allocate(capacity: 1)
        progress.initialize(to: LaneProgress())
        for lane in 0..<laneWidth {
            var mask = LaneMask(repeating: false)
            mask[lane] = true
            singleLane[lane] = mask
        }
    }

    func deallocate() {
        rowList.deallocate()
        jobs.deallocate()
        position.deallocate()
        activeColumn.deallocate()
        activeMask.deallocate()
        singleLane.deallocate()
        progress.deallocate()
    }

    // MARK: - The loop

    /// Steps every lane at its own position until no lane has a job.
    func runLanes(_ next: (Int, SequenceStats?) -> LaneJob?) {
        for lane in 0..<laneWidth { start(lane, next(lane, nil)) }
        while anyLane(live) {
            clampInputs()
            hiddenActivations()
            cellStates()
            if anyLane(learning) { updatePartials() }
            outputActivations()
            let targets = recordOutputs()  // LaneKernel+Outputs.swift
            if anyLane(targets) {
                addOutputErrors(targets)
                let learners = targets .& learning
                if allLanes(learners) {
                    backpropagate(learners, everyLane: true)
                } else if anyLane(learners) {
                    backpropagate(learners, everyLane: false)
                }
            }
            for lane in 0..<laneWidth where live[lane] {
                position[lane] += 1
                if position[lane] == jobs[lane].length { finish(lane, next) }
            }
        }
    }

    /// Hands lane `lane`'s figures out, applies its accumulated changes (per-sequence updates), and
    /// starts its next job.
    func finish(_ lane: Int, _ next: (Int, SequenceStats?) -> LaneJob?) {
        var stats = SequenceStats()
        (stats.squaredError, stats.maxAbsError) = (squared[lane], maxAbs[lane])
        (stats.finalMaxAbsError, stats.targetCount) = (finalMax[lane], targetCount[lane])
        (squared[lane], maxAbs[lane], finalMax[lane], targetCount[lane]) = (0, 0, 0, 0)
        if accumulating && learning[lane] && applies[lane] {
            // SequenceKernel.applyAccumulated, lane by lane: w += α g (0 where nothing is trained).
            let rate = Real(rates[lane])
            for i in 0..<matricesCount {
                wHidden[i][lane] += rate * gHidden[i][lane]
                gHidden[i][lane] = 0
            }
        }
        start(lane, next(lane, stats))
    }

    /// Resets lane `lane` (§1.5, as StepKernel.resetSequence) and gives it `job`, or idles it.
    func start(_ lane: Int, _ job: LaneJob?) {
        resetLane(lane)
        position[lane] = 0
        guard let job else {
            // An idle lane keeps stepping with the others: with its weights at 0 its state, partials
            // and error signals stay 0 (or grow tamely), never denormal (whose arithmetic costs a
            // microcode assist on every vector op that holds one).
            Self.clear(wHidden, count: matricesCount, lane: lane)
            Self.clear(gHidden, count: matricesCount, lane: lane)
            live[lane] = false
            learning[lane] = false
            return
        }
        assert(job.sequence.length > 0)
        jobs[lane] = job.sequence
        dense = job.sequence.dense
        live[lane] = true
        switch job.action {
        case .update(let rate):
            precondition(!(any(learning) && accumulating), "lanes mix per-step and per-sequence updates")
            (learning[lane], accumulating, scale[lane], rates[lane]) = (true, false, Real(rate), rate)
        case .accumulate:
            precondition(!(any(learning) && !accumulating), "lanes mix per-step and per-sequence updates")
            (learning[lane], accumulating, scale[lane]) = (true, true, 1)
            (applies[lane], rates[lane]) = (job.applyRate != nil, job.applyRate ?? 0)
        case .measure:
            (learning[lane], scale[lane]) = (false, 0)
        }
    }

    /// Zeroes lane `lane`'s state, sources, activations and the partial columns it may have touched,
    /// a whole vector at a time (see `clear`).
    func resetLane(_ lane: Int) {
        Self.clear(state, count: cells, lane: lane)
        Self.clear(yCell, count: cells, lane: lane)
        Self.clear(act, count: rows4, lane: lane)
        Self.clear(src, count: sources, lane: lane)
        if dense {
            Self.clear(dsInGate, count: hs * cells, lane: lane)
            Self.clear(dsCell, count: hs * cells, lane: lane)
            return
        }
        // Every listed column, whether this lane touched it or not: a column it did not touch holds
        // +0 in its lane already (written only where the lane was active), and a test per column
        // mispredicted about as often as it held (a string of Reber's touches most of the 7 symbols).
        for i in 0..<unionCount {
            let m = union[i]
            Self.clear(touched + m, count: 1, lane: lane)
            Self.clear(dsInGate + m * cells, count: cells, lane: lane)
            Self.clear(dsCell + m * cells, count: cells, lane: lane)
        }
        Self.clear(dsInGate + inputs * cells, count: (hs - inputs) * cells, lane: lane)
        Self.clear(dsCell + inputs * cells, count: (hs - inputs) * cells, lane: lane)
        // Drop the columns no lane has touched any more, so the gradient's column list stays short;
        // without branches (each column's fate is data), and the test on the bits (touched is +0 or
        // 1 in each lane): `touched[m] == .zero` compiled to a scalar compare and branch per lane.
        var kept = 0
        for i in 0..<unionCount {
            let m = union[i]
            let stays = orOfLanes(unsafeBitCast(touched[m], to: LaneBits.self)) != 0
            inUnion[m] = stays
            union[kept] = m
            kept &+= stays ? 1 : 0  // below unionCount <= I
        }
        unionCount = kept
    }

    /// Zeroes lane `lane` of `count` vectors from p, keeping the other lanes' bits: a bitwise and of
    /// whole vectors. A lane stored alone and then loaded as part of a vector (as the next step does)
    /// makes the load wait until the store retires; a select with a mask known only at run time
    /// compiles to shuffles.
    @inline(__always)
    static func clear(_ p: UnsafeMutablePointer<LaneVector>, count: Int, lane: Int) {
        var keep = LaneBits(repeating: ~0)
        keep[lane] = 0
        for i in 0..<count { p[i] = unsafeBitCast(unsafeBitCast(p[i], to: LaneBits.self) & keep, to: LaneVector.self) }
    }
}
