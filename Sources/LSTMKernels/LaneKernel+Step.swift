// Phases 1-3 of one time step (§1.5, eqs. 3-9, 25, 27) for the K lanes at once, each at its own step
// of its own sequence. Per lane, every value takes StepKernel.swift's operations in its order: bias,
// inputs, recurrent sources per row; one-hot inputs add w (not w·1) and only at the lane's active column.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension LaneKernel {
    // MARK: - Phase 1

    /// Clamps each lane's inputs at its own step; on full nets, moves y^c and the gates of the lane's
    /// previous step into the recurrent sources (a lane at step 0 was zeroed by its reset).
    @inline(__always)
    func clampInputs() {
        if full {
            let base = src + inputs
            for c in 0..<cells { base[c] = yCell[c] }
            for j in 0..<(blocks + outputGates) { base[cells + j] = act[j] }
        }
        if dense {
            #if LSTM_LANES_8
                for m in 0..<inputs {
                    var x = LaneVector.zero
                    for l in 0..<laneWidth where live[l] { x[l] = Real(jobs[l].x[position[l] &* inputs &+ m]) }
                    src[m] = x
                }
            #else
                let (j0, j1, j2, j3) = (jobs[0], jobs[1], jobs[2], jobs[3])
                let (o0, o1, o2, o3) = (position[0] * inputs, position[1] * inputs, position[2] * inputs, position[3] * inputs)
                let (l0, l1, l2, l3) = (live[0], live[1], live[2], live[3])
                for m in 0..<inputs {
                    src[m] = LaneVector(
                        l0 ? Real(j0.x[o0 + m]) : 0, l1 ? Real(j1.x[o1 + m]) : 0, l2 ? Real(j2.x[o2 + m]) : 0,
                        l3 ? Real(j3.x[o3 + m]) : 0)
                }
            #endif
            return
        }
        // One-hot: each lane's active column, in the lane's slot. The masks are built from whole
        // vectors: a lane written alone into a vector in memory and read back whole stalls the read
        // until the write retires (store forwarding fails).
        let none = LaneMask(repeating: false)
        #if LSTM_LANES_8
            let actives = LaneCounts(
                activeInput(0), activeInput(1), activeInput(2), activeInput(3), activeInput(4), activeInput(5),
                activeInput(6), activeInput(7))
        #else
            let actives = LaneCounts(activeInput(0), activeInput(1), activeInput(2), activeInput(3))
        #endif
        for lane in 0..<laneWidth {
            let a = actives[lane]
            guard a >= 0 else {
                (activeColumn[lane], activeMask[lane]) = (0, none)
                continue
            }
            (activeColumn[lane], activeMask[lane]) = (a, singleLane[lane])
            if touched[a][lane] == 0 {  // the single kernel's touched list: zeroed at the lane's next reset
                touched[a].replace(with: 1, where: singleLane[lane])
                if !inUnion[a] {
                    inUnion[a] = true
                    union[unionCount] = a
                    unionCount += 1
                }
            }
        }
        inputLanes = LaneMaskBits(truncatingIfNeeded: actives) .>= 0
        everyInput = allLanes(inputLanes)
    }

    /// Lane `lane`'s active input column at its step (-1 for none or an idle lane).
    @inline(__always)
    func activeInput(_ lane: Int) -> Int {
        live[lane] ? jobs[lane].activeInput[position[lane]] : -1
    }

    /// Row r of each lane's own column of a matrix (lane l's entry from its active column's `c_l[r]`),
    /// as bitwise ands and ors with constant masks, which compile to a load and blends from memory.
    /// Built from the lanes (`LaneVector(c0[r][0], c1[r][1], …)`), LLVM loaded them as scalars and split
    /// the sum it feeds into partial adds with shuffles around them (hiddenRows: ~11 instructions a row).
    struct ActiveColumns {
        let c0: UnsafeMutablePointer<LaneVector>, c1: UnsafeMutablePointer<LaneVector>
        let c2: UnsafeMutablePointer<LaneVector>, c3: UnsafeMutablePointer<LaneVector>
        #if LSTM_LANES_8
            let c4: UnsafeMutablePointer<LaneVector>, c5: UnsafeMutablePointer<LaneVector>
            let c6: UnsafeMutablePointer<LaneVector>, c7: UnsafeMutablePointer<LaneVector>
        #endif

        /// The columns of the lanes' active inputs (column 0 for a lane without one) in the matrix at
        /// `w` with `stride` entries a column.
        @inline(__always)
        init(_ w: UnsafeMutablePointer<LaneVector>, stride: Int, _ active: UnsafeMutablePointer<Int>) {
            (c0, c1, c2, c3) = (w + active[0] &* stride, w + active[1] &* stride, w + active[2] &* stride, w + active[3] &* stride)
            #if LSTM_LANES_8
                (c4, c5, c6, c7) = (w + active[4] &* stride, w + active[5] &* stride, w + active[6] &* stride, w + active[7] &* stride)
            #endif
        }

        @inline(__always)
        func pick(_ r: Int) -> LaneVector {
            let (on, off) = (~RealBits(0), RealBits(0))
            @inline(__always) func bits(_ v: LaneVector) -> LaneBits { unsafeBitCast(v, to: LaneBits.self) }
            #if LSTM_LANES_8
                let low = (bits(c0[r]) & LaneBits(on, off, off, off, off, off, off, off))
                    | (bits(c1[r]) & LaneBits(off, on, off, off, off, off, off, off))
                    | (bits(c2[r]) & LaneBits(off, off, on, off, off, off, off, off))
                    | (bits(c3[r]) & LaneBits(off, off, off, on, off, off, off, off))
                let high = (bits(c4[r]) & LaneBits(off, off, off, off, on, off, off, off))
                    | (bits(c5[r]) & LaneBits(off, off, off, off, off, on, off, off))
                    | (bits(c6[r]) & LaneBits(off, off, off, off, off, off, on, off))
                    | (bits(c7[r]) & LaneBits(off, off, off, off, off, off, off, on))
                return unsafeBitCast(low | high, to: LaneVector.self)
            #else
                let l0 = bits(c0[r]) & LaneBits(on, off, off, off), l1 = bits(c1[r]) & LaneBits(off, on, off, off)
                let l2 = bits(c2[r]) & LaneBits(off, off, on, off), l3 = bits(c3[r]) & LaneBits(off, off, off, on)
                return unsafeBitCast(l0 | l1 | l2 | l3, to: LaneVector.self)
            #endif
        }
    }

    // MARK: - Phases 2 and 3

    /// Eqs. (7)-(9) then f for every hidden row (`rowList`: the gate rows, then the cell rows), four
    /// rows at a time (then two, then one), with the sums in registers.
    @inline(__always)
    func hiddenActivations() {
        let count = blocks + outputGates + cells
        inChunks(of: count, four: { hiddenRows($0, Four.self) }, two: { hiddenRows($0, Two.self) }, one: { hiddenRows($0, One.self) })
        Self.logistic(act, into: act, count: blocks + outputGates)
        Self.logistic(act + cellRow0, into: act + cellRow0, count: cells)
    }

    /// act = f(bias + Σ_m w_m y^m) for the N.count rows from entry i of `rowList`. Generic so that each
    /// chunk size is a specialisation with the count a constant: no test of it is left in the loops.
    func hiddenRows<N: ChunkSize>(_ i: Int, _: N.Type) {
        // Wrapping index arithmetic: every index is below the buffer sizes (hs · R4), far inside Int;
        // the overflow checks would sit in the innermost loop.
        let n = N.count, w = wHidden, r4 = rows4
        let r0 = rowList[i], r1 = n > 1 ? rowList[i + 1] : r0, r2 = n > 2 ? rowList[i + 2] : r0
        let r3 = n > 3 ? rowList[i + 3] : r0
        let bias = w + sources &* r4
        var s0 = bias[r0], s1 = n > 1 ? bias[r1] : .zero, s2 = n > 2 ? bias[r2] : .zero, s3 = n > 3 ? bias[r3] : .zero
        if dense {
            for m in 0..<inputs {
                let x = src[m], column = w + m &* r4
                s0 = s0 + column[r0] * x
                if n > 1 { s1 = s1 + column[r1] * x }
                if n > 2 { s2 = s2 + column[r2] * x }
                if n > 3 { s3 = s3 + column[r3] * x }
            }
        } else {
            // Lane l adds w at its own active column (x = 1: w·1 is w exactly): the four columns'
            // entries picked lane by lane into one vector, added where a lane has an input.
            let columns = ActiveColumns(w, stride: r4, activeColumn)
            @inline(__always) func add(_ s: inout LaneVector, _ r: Int) {
                let picked = columns.pick(r)
                if everyInput { s = s + picked } else { s.replace(with: s + picked, where: inputLanes) }
            }
            add(&s0, r0)
            if n > 1 { add(&s1, r1) }
            if n > 2 { add(&s2, r2) }
            if n > 3 { add(&s3, r3) }
        }
        for m in inputs..<sources {
            let x = src[m], column = w + m &* r4
            s0 = s0 + column[r0] * x
            if n > 1 { s1 = s1 + column[r1] * x }
            if n > 2 { s2 = s2 + column[r2] * x }
            if n > 3 { s3 = s3 + column[r3] * x }
        }
        act[r0] = s0  // net inputs: hiddenActivations applies f to every row afterwards
        if n > 1 { act[r1] = s1 }
        if n > 2 { act[r2] = s2 }
        if n > 3 { act[r3] = s3 }
    }

    /// The CEC update, the eq. (25)/(27) coefficients, h(s), h'(s) and y^c (StepKernel.cellStates):
    /// the states first, then h(s) over all cells in a loop of its own (`logistic(_:into:count:)`; inlined
    /// into the cell loop, LLVM split the polynomial into scalar and 128-bit pieces), then y^c.
    @inline(__always)
    func cellStates() {
        let s = cellsPerBlock, row0 = cellRow0
        for j in 0..<blocks {
            let yIn = act[j]
            let fpIn = yIn * (1 - yIn)
            yOut[j] = outputGates > 0 ? act[blocks + j] : LaneVector(repeating: 1)
            for c in (j * s)..<(j * s + s) {
                let f = act[row0 + c]
                let fp = f * (1 - f)
                let gValue = symmetricG ? gScale * f - gShift : f
                let gDerivative = symmetricG ? gScale * fp : fp
                state[c] = state[c] + yIn * gValue
                coefIn[c] = gValue * fpIn
                coefCell[c] = gDerivative * yIn
            }
        }
        if symmetricH {
            Self.logistic(state, into: hpState, count: cells)  // f(s), turned into h'(s) below
            for c in 0..<cells {
                let fs = hpState[c]
                hState[c] = hScale * fs - hShift
                hpState[c] = hScale * fs * (1 - fs)
            }
        } else {
            for c in 0..<cells {
                hState[c] = state[c]
                hpState[c] = LaneVector(repeating: 1)
            }
        }
        for j in 0..<blocks {
            let yO = yOut[j]
            for c in (j * s)..<(j * s + s) { yCell[c] = yO * hState[c] }
        }
    }

    /// y[i] = f(x[i]) for `count` vectors (x and y may be the same).
    @inline(never)
    static func logistic(_ x: UnsafeMutablePointer<LaneVector>, into y: UnsafeMutablePointer<LaneVector>, count: Int) {
        for i in 0..<count { y[i] = Elementary.logistic(x[i]) }
    }

    /// Phase 3: y^k = f(bias + Σ w y^m) over the cell outputs (and, under B, the inputs), four
    /// outputs at a time (then two, then one).
    @inline(__always)
    func outputActivations() {
        inChunks(of: outputs, four: { outputUnits($0, Four.self) }, two: { outputUnits($0, Two.self) }, one: { outputUnits($0, One.self) })
        Self.logistic(yOutput, into: yOutput, count: outputs)
    }

    /// The N.count outputs from k0, each sum in its own register, in StepKernel's order per output.
    func outputUnits<N: ChunkSize>(_ k0: Int, _: N.Type) {
        let n = N.count, wo = wOutput + k0, k4 = outputs4, offset = outputInputOffset
        let bias = wo + (os &- 1) &* k4  // wrapping: below os · K4
        var s0 = bias[0], s1 = n > 1 ? bias[1] : .zero, s2 = n > 2 ? bias[2] : .zero, s3 = n > 3 ? bias[3] : .zero
        @inline(__always) func add(_ column: UnsafeMutablePointer<LaneVector>, _ x: LaneVector) {
            s0 = s0 + column[0] * x
            if n > 1 { s1 = s1 + column[1] * x }
            if n > 2 { s2 = s2 + column[2] * x }
            if n > 3 { s3 = s3 + column[3] * x }
        }
        if offset > 0 {
            if dense {
                for m in 0..<inputs { add(wo + m &* k4, src[m]) }
            } else {
                let columns = ActiveColumns(wo, stride: k4, activeColumn)
                @inline(__always) func add(_ s: inout LaneVector, _ k: Int) {  // as in hiddenRows
                    let picked = columns.pick(k)
                    if everyInput { s = s + picked } else { s.replace(with: s + picked, where: inputLanes) }
                }
                add(&s0, 0)
                if n > 1 { add(&s1, 1) }
                if n > 2 { add(&s2, 2) }
                if n > 3 { add(&s3, 3) }
            }
        }
        for c in 0..<cells { add(wo + (offset &+ c) &* k4, yCell[c]) }
        yOutput[k0] = s0  // net inputs: outputActivations applies f afterwards
        if n > 1 { yOutput[k0 + 1] = s1 }
        if n > 2 { yOutput[k0 + 2] = s2 }
        if n > 3 { yOutput[k0 + 3] = s3 }
    }
}

/// A chunk size as a type, so that a generic kernel's specialisations each have it as a constant.
protocol ChunkSize { static var count: Int { get } }

enum One: ChunkSize { static var count: Int { 1 } }
enum Two: ChunkSize { static var count: Int { 2 } }
enum Four: ChunkSize { static var count: Int { 4 } }

extension LaneKernel {
    /// Covers 0..<count in chunks of four, then at most one of two, then at most one of one: the order
    /// of every lane loop over rows, cells and outputs. Each closure gets its chunk's start.
    @inline(__always)
    func inChunks(of count: Int, four: (Int) -> Void, two: (Int) -> Void, one: (Int) -> Void) {
        var i = 0
        while i + 4 <= count {
            four(i)
            i += 4
        }
        if i + 2 <= count {
            two(i)
            i += 2
        }
        if i < count { one(i) }
    }
}
