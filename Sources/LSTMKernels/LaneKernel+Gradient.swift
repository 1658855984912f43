// The error figures (eq. 19) and the truncated gradient (eqs. 19-28) at a step where some lanes have
// a target, for those lanes only: every weight change is computed for all K lanes and written only
// where the lane learns at this step (a select, so other lanes' weights keep their bits). Same
// expressions and order per weight as StepKernel+Gradient.swift.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension LaneKernel {
    /// e_k into eOutput, and the step's error figures into the running figures of the lanes in `mask`
    /// (SequenceStats.addOutputErrors, lane-wise; figures in float64 at either precision).
    @inline(__always)
    func addOutputErrors(_ mask: LaneMask) {
        let wide = Self.wide(mask)
        #if !LSTM_LANES_8
            let (j0, j1, j2, j3) = (jobs[0], jobs[1], jobs[2], jobs[3])
            let (o0, o1, o2, o3) = (position[0] * outputs, position[1] * outputs, position[2] * outputs, position[3] * outputs)
        #endif
        var stepMax = LaneDoubles(repeating: 0), sum = squared
        for k in 0..<outputs {
            let y = yOutput[k]
            #if LSTM_LANES_8
                var target = LaneDoubles.zero
                for l in 0..<laneWidth where mask[l] { target[l] = jobs[l].targets[position[l] &* outputs &+ k] }
            #else
                let target = LaneDoubles(
                    mask[0] ? j0.targets[o0 + k] : 0, mask[1] ? j1.targets[o1 + k] : 0, mask[2] ? j2.targets[o2 + k] : 0,
                    mask[3] ? j3.targets[o3 + k] : 0)
            #endif
            let diff = target - Self.wide(y)
            eOutput[k] = y * (1 - y) * Self.narrow(diff)
            sum.replace(with: sum + diff * diff, where: wide)
            let magnitude = Self.magnitude(diff)
            stepMax.replace(with: magnitude, where: magnitude .>= stepMax)  // Swift.max: y >= x ? y : x
        }
        squared = sum
        maxAbs.replace(with: stepMax, where: wide .& (stepMax .>= maxAbs))
        finalMax.replace(with: stepMax, where: wide)
        for lane in 0..<laneWidth where mask[lane] { targetCount[lane] += outputs }
    }

    /// Adds `scale` × (−∂E(t)/∂w) to the weights (or the accumulators) of the lanes in `mask`;
    /// `everyLane` (a constant after inlining: the common case of per-step learning) says the mask is
    /// all lanes, so no write needs a select.
    @inline(__always)
    func backpropagate(_ mask: LaneMask, everyLane: Bool) {
        let destHidden = accumulating ? gHidden : wHidden, destOutput = accumulating ? gOutput : wOutput
        // eq. (19) is in eOutput; δ_c = Σ_k w_kc e_k, four cells at a time (then two, one).
        inChunks(of: cells, four: { cellDeltas($0, Four.self) }, two: { cellDeltas($0, Two.self) }, one: { cellDeltas($0, One.self) })
        // eqs. (21), (23).
        for j in 0..<blocks {
            var sum = LaneVector(repeating: 0)
            for v in 0..<cellsPerBlock {
                let c = j * cellsPerBlock + v
                sum = sum + hState[c] * delta[c]
                eState[c] = yOut[j] * hpState[c] * delta[c]
            }
            let y = act[blocks + j]
            eOutGate[j] = outputGates > 0 ? y * (1 - y) * sum : LaneVector(repeating: 0)
        }
        // eq. (22), output units and output gates (LaneKernel+OutputTerms.swift).
        addOutputTerms(into: destOutput, mask: mask, everyLane: everyLane)
        addOutputGateTerms(into: destHidden, mask: mask, everyLane: everyLane)
        // eqs. (26), (28): input gates and cells, over the input columns each lane has touched, the
        // recurrent sources and the biases (LaneKernel+StateTerms.swift).
        addStateTerms(into: destHidden, mask: mask, everyLane: everyLane)
    }

    /// δ_c = Σ_k w_kc e_k for the N.count cells from c0 (old weights), each sum from 0 in k order as
    /// StepKernel's, in its own register. Cell by cell, each add waited on the one before it, and the
    /// index arithmetic (checked for overflow) sat in the innermost loop.
    func cellDeltas<N: ChunkSize>(_ c0: Int, _: N.Type) {
        // Wrapping index arithmetic: every index is below os · K4, far inside Int.
        let n = N.count, k4 = outputs4, column0 = wOutput + (outputInputOffset &+ c0) &* k4
        let column1 = column0 + k4, column2 = column1 + k4, column3 = column2 + k4
        var s0 = LaneVector(repeating: 0), s1 = s0, s2 = s0, s3 = s0
        for k in 0..<outputs {
            let e = eOutput[k]
            s0 = s0 + column0[k] * e
            if n > 1 { s1 = s1 + column1[k] * e }
            if n > 2 { s2 = s2 + column2[k] * e }
            if n > 3 { s3 = s3 + column3[k] * e }
        }
        delta[c0] = s0
        if n > 1 { delta[c0 + 1] = s1 }
        if n > 2 { delta[c0 + 2] = s2 }
        if n > 3 { delta[c0 + 3] = s3 }
    }

    /// Writes `value` into the lanes of `mask` at p (all of them when `everyLane`).
    @inline(__always)
    static func put(_ value: LaneVector, into p: UnsafeMutablePointer<LaneVector>, where mask: LaneMask, everyLane: Bool) {
        if everyLane {
            p.pointee = value
        } else {
            p.pointee.replace(with: value, where: mask)
        }
    }

    /// A lane vector in float64 (the error figures' precision).
    @inline(__always)
    static func wide(_ v: LaneVector) -> LaneDoubles {
        #if LSTM_KERNELS_FLOAT
            var wide = LaneDoubles.zero
            for l in 0..<laneWidth { wide[l] = Double(v[l]) }
            return wide
        #else
            v
        #endif
    }

    /// A float64 vector rounded to the lanes' precision.
    @inline(__always)
    static func narrow(_ v: LaneDoubles) -> LaneVector {
        #if LSTM_KERNELS_FLOAT
            var narrow = LaneVector.zero
            for l in 0..<laneWidth { narrow[l] = Real(v[l]) }
            return narrow
        #else
            v
        #endif
    }

    /// |v| lane by lane: the sign bit cleared, as `abs` does.
    @inline(__always)
    static func magnitude(_ v: LaneDoubles) -> LaneDoubles {
        let bits = unsafeBitCast(v, to: LaneDoubleBits.self) & LaneDoubleBits(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        return unsafeBitCast(bits, to: LaneDoubles.self)
    }

    /// A lane mask for float64 vectors.
    @inline(__always)
    static func wide(_ mask: LaneMask) -> LaneWideMask {
        #if LSTM_KERNELS_FLOAT
            var wide = LaneWideMask(repeating: false)
            for lane in 0..<laneWidth { wide[lane] = mask[lane] }
            return wide
        #else
            mask
        #endif
    }
}
