// The error figures (eq. 19) and the truncated gradient (eqs. 19-28) at a step where some lanes have
// a target, for those lanes only: every weight change is computed for all four lanes and written only
// where the lane learns at this step (a select, so other lanes' weights keep their bits). Same
// expressions and order per weight as StepKernel+Gradient.swift.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension LaneKernel {
    /// e_k into eOutput, and the step's error figures into the running figures of the lanes in `mask`
    /// (SequenceStats.addOutputErrors, lane-wise; figures in float64 at either precision).
    @inline(__always)
    mutating func addOutputErrors(_ mask: LaneMask) {
        let wide = Self.wide(mask)
        let (j0, j1, j2, j3) = (jobs[0], jobs[1], jobs[2], jobs[3])
        let (o0, o1, o2, o3) = (position[0] * outputs, position[1] * outputs, position[2] * outputs, position[3] * outputs)
        var stepMax = SIMD4<Double>(repeating: 0), sum = squared
        for k in 0..<outputs {
            let y = yOutput[k]
            let target = SIMD4<Double>(
                mask[0] ? j0.targets[o0 + k] : 0, mask[1] ? j1.targets[o1 + k] : 0, mask[2] ? j2.targets[o2 + k] : 0,
                mask[3] ? j3.targets[o3 + k] : 0)
            let diff = target - Self.wide(y)
            eOutput[k] = y * (1 - y) * Self.narrow(diff)
            sum.replace(with: sum + diff * diff, where: wide)
            let magnitude = Self.magnitude(diff)
            stepMax.replace(with: magnitude, where: magnitude .>= stepMax)  // Swift.max: y >= x ? y : x
        }
        squared = sum
        maxAbs.replace(with: stepMax, where: wide .& (stepMax .>= maxAbs))
        finalMax.replace(with: stepMax, where: wide)
        for lane in 0..<4 where mask[lane] { targetCount[lane] += outputs }
    }

    /// Adds `scale` × (−∂E(t)/∂w) to the weights (or the accumulators) of the lanes in `mask`;
    /// `everyLane` (a constant after inlining: the common case of per-step learning) says the mask is
    /// all lanes, so no write needs a select.
    @inline(__always)
    func backpropagate(_ mask: LaneMask, everyLane: Bool) {
        let destHidden = accumulating ? gHidden : wHidden, destOutput = accumulating ? gOutput : wOutput
        let wo = wOutput, k4 = outputs4, offset = outputInputOffset, scale = scale
        @inline(__always) func add(_ p: UnsafeMutablePointer<LaneVector>, _ change: LaneVector) {
            Self.put(p.pointee + scale * change, into: p, where: mask, everyLane: everyLane)
        }
        // eq. (19) is in eOutput; δ_c = Σ_k w_kc e_k from 0 in k order (old weights).
        for c in 0..<cells {
            var sum = LaneVector(repeating: 0)
            for k in 0..<outputs { sum = sum + wo[(offset + c) * k4 + k] * eOutput[k] }
            delta[c] = sum
        }
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
        // eq. (22), output units: inputs (B), cells, bias.
        // Wrapping index arithmetic here and below: every index is below the matrix sizes, far inside Int.
        for k in 0..<outputs {
            let e = eOutput[k]
            if offset > 0 { addInputTerms(destOutput + k, stride: k4, e, mask: mask) }
            let column = destOutput + (offset &* k4 &+ k)
            for c in 0..<cells { add(column + c &* k4, e * yCell[c]) }
            if trainOutputBias { add(destOutput + ((os &- 1) &* k4 &+ k), e) }
        }
        // eq. (22), output gates: inputs, recurrent sources, bias.
        let r4 = rows4
        for j in 0..<outputGates {
            let d = destHidden + blocks + j
            let e = eOutGate[j]
            addInputTerms(d, stride: r4, e, mask: mask)
            for m in inputs..<sources { add(d + m &* r4, e * src[m]) }
            if trainGateBias { add(d + sources &* r4, e) }
        }
        // eqs. (26), (28): input gates and cells, over the input columns each lane has touched, the
        // recurrent sources and the biases.
        if dense {
            for m in 0..<inputs { addStateTerms(column: m, into: destHidden, mask: mask, everyLane: everyLane) }
        } else {
            for i in 0..<unionCount {
                let m = union[i]
                let lanes = mask .& (touched[m] .!= 0)
                if any(lanes) { addStateTerms(column: m, into: destHidden, mask: lanes, everyLane: false) }
            }
        }
        for m in inputs..<sources { addStateTerms(column: m, into: destHidden, mask: mask, everyLane: everyLane) }
        if trainGateBias {
            for j in 0..<blocks { add(destHidden + (sources &* r4 &+ j), blockSum(j &* cellsPerBlock, sources)) }
        }
        if trainCellBias {
            let bias = destHidden + (sources &* r4 &+ cellRow0), partials = dsCell + sources &* cells
            for c in 0..<cells { add(bias + c, eState[c] * partials[c]) }
        }
    }

    /// Eq. (26) for every input gate and eq. (28) for every cell, for source column m.
    @inline(__always)
    func addStateTerms(column m: Int, into destHidden: UnsafeMutablePointer<LaneVector>, mask: LaneMask, everyLane: Bool) {
        let d = destHidden + m &* rows4, scale = scale
        for j in 0..<blocks {
            Self.put(d[j] + scale * blockSum(j &* cellsPerBlock, m), into: d + j, where: mask, everyLane: everyLane)
        }
        let cellRows = d + cellRow0, partials = dsCell + m &* cells
        for c in 0..<cells {
            Self.put(cellRows[c] + scale * (eState[c] * partials[c]), into: cellRows + c, where: mask, everyLane: everyLane)
        }
    }

    /// Σ_v e_s(c0+v) ∂s_{c0+v}/∂w_{in m}, from 0 in v order.
    @inline(__always)
    func blockSum(_ c0: Int, _ m: Int) -> LaneVector {
        var sum = LaneVector(repeating: 0)
        let partials = dsInGate + (m &* cells &+ c0), errors = eState + c0
        for v in 0..<cellsPerBlock { sum = sum + errors[v] * partials[v] }
        return sum
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

    /// scale·(e·x_m) into the row at `d` (columns `stride` apart) for the step's non-zero inputs: every
    /// dense input, or each lane's active column (scale·e: x = 1).
    @inline(__always)
    func addInputTerms(_ d: UnsafeMutablePointer<LaneVector>, stride: Int, _ e: LaneVector, mask: LaneMask) {
        let scale = scale
        if dense {
            for m in 0..<inputs { d[m * stride].replace(with: d[m * stride] + scale * (e * src[m]), where: mask) }
            return
        }
        for j in 0..<activeCount {
            let p = d + activeColumn[j] * stride
            p.pointee.replace(with: p.pointee + scale * e, where: mask .& activeMask[j])
        }
    }

    /// A lane vector in float64 (the error figures' precision).
    @inline(__always)
    static func wide(_ v: LaneVector) -> SIMD4<Double> {
        #if LSTM_KERNELS_FLOAT
            SIMD4<Double>(Double(v[0]), Double(v[1]), Double(v[2]), Double(v[3]))
        #else
            v
        #endif
    }

    /// A float64 vector rounded to the lanes' precision.
    @inline(__always)
    static func narrow(_ v: SIMD4<Double>) -> LaneVector {
        #if LSTM_KERNELS_FLOAT
            LaneVector(Real(v[0]), Real(v[1]), Real(v[2]), Real(v[3]))
        #else
            v
        #endif
    }

    /// |v| lane by lane: the sign bit cleared, as `abs` does.
    @inline(__always)
    static func magnitude(_ v: SIMD4<Double>) -> SIMD4<Double> {
        let bits = unsafeBitCast(v, to: SIMD4<UInt64>.self) & SIMD4(repeating: 0x7FFF_FFFF_FFFF_FFFF)
        return unsafeBitCast(bits, to: SIMD4<Double>.self)
    }

    /// A lane mask for float64 vectors.
    @inline(__always)
    static func wide(_ mask: LaneMask) -> SIMDMask<SIMD4<Int64>> {
        #if LSTM_KERNELS_FLOAT
            var wide = SIMDMask<SIMD4<Int64>>(repeating: false)
            for lane in 0..<4 { wide[lane] = mask[lane] }
            return wide
        #else
            mask
        #endif
    }
}
