// The truncated gradient of paper §2.3, eqs. (19)-(28), at one step that carries a target.
// All error signals are computed with the weights as they are at this step; only then are the
// weight changes written, so per-step updates never mix old and new weights within one step.
// The factor 2 of the squared error is dropped, as in the paper (eqs. 16-18): the published
// learning rates assume it.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension StepKernel {
    /// Computes e_k, e_out and e_s at step t and adds `scale` × (−∂E(t)/∂w) to the hidden and output
    /// matrices at `destHidden` / `destOutput` (the weights for per-step updates, scale α; the
    /// gradient accumulators for per-sequence updates, scale 1).
    @inline(__always)
    func backpropagate(
        _ target: UnsafeBufferPointer<Double>, at t: Int, into destHidden: UnsafeMutablePointer<Real>,
        _ destOutput: UnsafeMutablePointer<Real>, scale: Real, stats: inout SequenceStats
    ) {
        // eq. (19): e_k = f'(net_k) (t_k - y_k), with f' = y(1 - y). `target` is [length, K].
        // In the same pass over k, delta_c = sum_k w_kc e_k: the error reaching cell c's output (old
        // weights), each sum from 0 in k order as before; with many outputs (2a: 101) the
        // independent sums overlap instead of running one after another.
        let wo = wOutput, k4 = outputs4, offset = outputInputOffset
        if cells == 1 {
            // One cell (2a/2b's net when the one-cell kernel is off; 2c's blocks of one are 2 cells): the sum
            // stays in a register.
            var sum: Real = 0
            let column = wo + offset * k4
            stats.addOutputErrors(targets: target, at: t, outputs: yOutput, count: outputs, errors: eOutput) { k, e in
                sum += column[k] * e
            }
            delta[0] = sum
        } else {
            for c in 0..<cells { delta[c] = 0 }
            stats.addOutputErrors(targets: target, at: t, outputs: yOutput, count: outputs, errors: eOutput) { k, e in
                for c in 0..<cells { delta[c] += wo[(offset + c) * k4 + k] * e }
            }
        }
        cellErrors()

        // eq. (22) for output units: Δw_km = α e_k y^m, sources = this step's inputs (B) and cells. Four
        // outputs at a time down each source column; every weight gets the scalar expression
        // w + α (e_k y^m), and the padding outputs' e_k = 0 add +0 to padding weights that are +0.
        for q in stride(from: 0, to: k4, by: 4) {
            let e = eOutput.load4(q)
            if offset > 0 { addInputTerms4(destOutput + q, stride: k4, e, scale: scale) }
            for c in 0..<cells {
                let at = (offset + c) * k4 + q
                destOutput.store4(destOutput.load4(at) + scale * (e * yCell[c]), at: at)
            }
            if trainOutputBias {
                let at = (os - 1) * k4 + q
                destOutput.store4(destOutput.load4(at) + scale * e, at: at)
            }
        }
        addOutputGateTerms(into: destHidden, scale: scale)
        let r4 = rows4
        // eq. (26): Δw_{in_j m} = α sum_v e_s_v ∂s_v/∂w_{in_j m}; eq. (28): Δw_{c m} = α e_s ∂s/∂w_{c m}.
        for j in 0..<blocks {
            let d = destHidden + j
            let c0 = j * cellsPerBlock
            for i in 0..<touchedCount {
                let m = touched[i]
                d[m * r4] += scale * blockSum(c0, m)
            }
            for m in inputs..<sources { d[m * r4] += scale * blockSum(c0, m) }
            if trainGateBias { d[sources * r4] += scale * blockSum(c0, sources) }
        }
        // Eq. (28) four cells at a time down each source column (cell rows start at a quad, and the
        // partials are column-major [hs, C4]); the padding cells' e_s and partials are 0.
        for i in 0..<touchedCount { addCellTerms(column: touched[i], scale: scale, into: destHidden) }
        for m in inputs..<sources { addCellTerms(column: m, scale: scale, into: destHidden) }
        if trainCellBias { addCellTerms(column: sources, scale: scale, into: destHidden) }
    }

    /// Eq. (21): e_out_j = f'(net_out_j) Σ_v h(s_v) δ_v; eq. (23): e_s = y^out h'(s) δ, from `delta`.
    @inline(__always)
    func cellErrors() {
        for j in 0..<blocks {
            var sum: Real = 0
            for v in 0..<cellsPerBlock {
                let c = j * cellsPerBlock + v
                sum += hState[c] * delta[c]
                eState[c] = yOut[j] * hpState[c] * delta[c]
            }
            let y = act[blocks + j]
            eOutGate[j] = outputGates > 0 ? y * (1 - y) * sum : 0
        }
    }

    /// Eq. (22) for output gates: Δw_{out_j m} = α e_out_j y^m(t-1).
    @inline(__always)
    func addOutputGateTerms(into destHidden: UnsafeMutablePointer<Real>, scale: Real) {
        let r4 = rows4
        for j in 0..<outputGates {
            let d = destHidden + blocks + j
            let e = eOutGate[j]
            addInputTerms(d, stride: r4, e, scale: scale)
            for m in inputs..<sources { d[m * r4] += scale * (e * src[m]) }
            if trainGateBias { d[sources * r4] += scale * e }
        }
    }

    /// Eq. (28) for source column m: Δw_{c m} = α e_s(c) ∂s_c/∂w_{c m} for every cell c.
    @inline(__always)
    func addCellTerms(column m: Int, scale: Real, into destHidden: UnsafeMutablePointer<Real>) {
        for q in stride(from: 0, to: cells4, by: 4) {
            let at = m * rows4 + cellRow0 + q
            destHidden.store4(destHidden.load4(at) + scale * (eState.load4(q) * dsCell.load4(m * cells4 + q)), at: at)
        }
    }

    /// addInputTerms for four rows at once: the row quad at `d` gets scale·(e·x_m) per row.
    @inline(__always)
    func addInputTerms4(_ d: UnsafeMutablePointer<Real>, stride: Int, _ e: SIMD4<Real>, scale: Real) {
        if dense {
            for m in 0..<inputs { d.store4(d.load4(m * stride) + scale * (e * src[m]), at: m * stride) }
        } else if active >= 0 {
            d.store4(d.load4(active * stride) + scale * e, at: active * stride)
        }
    }

    /// sum_v e_s(c0+v) ∂s_{c0+v}/∂w_{in m}: the input gate's error for column m (eq. 26).
    @inline(__always)
    func blockSum(_ c0: Int, _ m: Int) -> Real {
        var sum: Real = 0
        for v in 0..<cellsPerBlock { sum += eState[c0 + v] * dsInGate[m * cells4 + c0 + v] }
        return sum
    }

    /// Adds scale·e·x_m for this step's non-zero inputs to the row starting at `d` (columns 0..<I,
    /// `stride` apart).
    @inline(__always)
    func addInputTerms(_ d: UnsafeMutablePointer<Real>, stride: Int, _ e: Real, scale: Real) {
        if dense {
            for m in 0..<inputs { d[m * stride] += scale * (e * src[m]) }
        } else if active >= 0 {
            d[active * stride] += scale * e
        }
    }
}
