// The per-step kernels of LSTMNetwork (phases 2 and 3 of §1.5, eqs. 3-9, 25, 27) over a snapshot of the
// net's sizes and buffer pointers. The hot loop reads nothing through the class: a class `let` read after a
// store through an UnsafeMutablePointer must be reloaded (the store may alias it), and a class `var` costs
// an exclusivity check; a struct of lets held in registers costs neither.
//
// Legend as in Sources/LSTMCore/LSTMNetwork.swift: I inputs, S sources, R4 hidden stride, K4 output stride, C cells,
// b blocks, s cells per block, q a row (or column) quad. Every loop keeps the reference's order of
// floating-point operations per row, so results are bit-identical to ReferenceLSTM's operation order
// and to the previous kernels (GoldenTests).
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

/// The sizes and buffers one time step touches, copied out of an LSTMNetwork's KernelBuffers.
///
/// Valid only while the net is alive (the pointers are its buffers). Not thread-safe, like the net.
struct StepKernel {
    let inputs: Int, sources: Int, hs: Int  // I, S, S + 1
    let rows4: Int, outputs: Int, outputs4: Int, os: Int  // R4, K, K4, output sources + 1
    let blocks: Int, cellsPerBlock: Int, cells: Int, outputGates: Int, cellRow0: Int
    let outputInputOffset: Int, cells4: Int
    let symmetricG: Bool, symmetricH: Bool, full: Bool
    let gScale: Real, gShift: Real, hScale: Real, hShift: Real

    /// See LSTMNetwork for every buffer's shape.
    let src: UnsafeMutablePointer<Real>, wHidden: UnsafeMutablePointer<Real>, act: UnsafeMutablePointer<Real>
    let yOut: UnsafeMutablePointer<Real>, state: UnsafeMutablePointer<Real>
    let hState: UnsafeMutablePointer<Real>, hpState: UnsafeMutablePointer<Real>
    let yCell: UnsafeMutablePointer<Real>, coefIn: UnsafeMutablePointer<Real>
    let coefCell: UnsafeMutablePointer<Real>
    let wOutput: UnsafeMutablePointer<Real>, yOutput: UnsafeMutablePointer<Real>
    let gHidden: UnsafeMutablePointer<Real>, gOutput: UnsafeMutablePointer<Real>
    let dsInGate: UnsafeMutablePointer<Real>, dsCell: UnsafeMutablePointer<Real>
    let eOutput: UnsafeMutablePointer<Real>, delta: UnsafeMutablePointer<Real>
    let eState: UnsafeMutablePointer<Real>, eOutGate: UnsafeMutablePointer<Real>
    let touched: UnsafeMutablePointer<Int>, isTouched: UnsafeMutablePointer<Bool>
    let trainGateBias: Bool, trainCellBias: Bool, trainOutputBias: Bool

    /// Whether the sequence is dense; for one-hot sequences, the active input of the current step (-1
    /// for none) and the number of distinct inputs active so far (`touched`).
    let dense: Bool
    var active = -1
    var touchedCount: Int

    /// The kernel of one sequence: `dense` is its encoding; `touchedCount` carries the net's one-hot
    /// bookkeeping in (and `KernelRun` carries it back out).
    init(_ n: KernelBuffers<Real>, dense: Bool, touchedCount: Int) {
        (inputs, sources, hs) = (n.inputs, n.sources, n.hs)
        (rows4, outputs, outputs4, os) = (n.rows4, n.outputs, n.outputs4, n.os)
        (blocks, cellsPerBlock, cells, outputGates, cellRow0) = (n.blocks, n.cellsPerBlock, n.cells, n.outputGates, n.cellRow0)
        (outputInputOffset, cells4) = (n.outputInputOffset, n.cells4)
        (symmetricG, symmetricH, full) = (n.symmetricG, n.symmetricH, n.full)
        (gScale, gShift, hScale, hShift) = (n.gScale, n.gShift, n.hScale, n.hShift)
        (src, wHidden, act, yOut, state) = (n.src, n.wHidden, n.act, n.yOut, n.state)
        (hState, hpState, yCell, coefIn, coefCell) = (n.hState, n.hpState, n.yCell, n.coefIn, n.coefCell)
        (wOutput, yOutput, dsInGate, dsCell) = (n.wOutput, n.yOutput, n.dsInGate, n.dsCell)
        (gHidden, gOutput) = (n.gHidden, n.gOutput)
        (eOutput, delta, eState, eOutGate) = (n.eOutput, n.delta, n.eState, n.eOutGate)
        (touched, isTouched) = (n.touched, n.isTouched)
        (trainGateBias, trainCellBias, trainOutputBias) = (n.trainGateBias, n.trainCellBias, n.trainOutputBias)
        (self.dense, self.touchedCount) = (dense, touchedCount)
    }

    // MARK: - Phase 1

    /// Clamps the inputs of step t and, on full nets after the first step, moves step t-1's cell outputs
    /// and gate activations into the recurrent sources.
    /// - Parameters:
    ///   - x: the sequence's dense inputs, [length, I] (empty for one-hot sequences).
    ///   - activeInput: the sequence's one-hot inputs, [length] (empty for dense sequences).
    @inline(__always)
    mutating func clampInputs(_ x: UnsafeBufferPointer<Double>, _ activeInput: UnsafeBufferPointer<Int>, at t: Int) {
        if full && t > 0 {
            let base = src + inputs
            for c in 0..<cells { base[c] = yCell[c] }
            for j in 0..<(blocks + outputGates) { base[cells + j] = act[j] }  // in gates, then out gates
        }
        if dense {
            for m in 0..<inputs { src[m] = Real(x[t * inputs + m]) }
            return
        }
        if active >= 0 { src[active] = 0 }
        active = activeInput[t]
        if active >= 0 {
            src[active] = 1
            if !isTouched[active] {
                isTouched[active] = true
                touched[touchedCount] = active
                touchedCount += 1
            }
        }
    }

    // MARK: - Phases 2 and 3

    /// Gates, cells and outputs of one step. With `learning`, also the partials of eqs. (25) and (27).
    @inline(__always)
    func forward(learning: Bool) {
        hiddenActivations(dense: dense, active: active)
        cellStates()
        if learning { updatePartials(dense: dense, active: active) }
        outputActivations(dense: dense, active: active)
    }

    /// Eqs. (7)-(9) then f: act = f(bias + Σ_m w_m y^m) for all hidden rows, one row quad at a time with
    /// the sum held in a register. Per row the additions run bias, inputs, recurrent sources, as before.
    @inline(__always)
    func hiddenActivations(dense: Bool, active: Int) {
        let w = wHidden, r4 = rows4, src = src
        for q in stride(from: 0, to: r4, by: 4) {
            var sum = w.load4(sources * r4 + q)
            if dense {
                for m in 0..<inputs { sum = sum + w.load4(m * r4 + q) * src[m] }
            } else if active >= 0 {
                sum = sum + w.load4(active * r4 + q)  // x = 1: w·1 is w exactly
            }
            for m in inputs..<sources { sum = sum + w.load4(m * r4 + q) * src[m] }
            act.store4(Elementary.logistic(sum), at: q)
        }
    }

    /// The CEC update s += y^in g(net_c), the eq. (25)/(27) coefficients, h(s), h'(s) and y^c.
    @inline(__always)
    func cellStates() {
        let s = cellsPerBlock, row0 = cellRow0
        for j in 0..<blocks {
            let yIn = act[j]
            let fpIn = yIn * (1 - yIn)
            let yO = outputGates > 0 ? act[blocks + j] : 1
            yOut[j] = yO
            for c in (j * s)..<(j * s + s) {
                let f = act[row0 + c]
                let fp = f * (1 - f)
                let gValue = symmetricG ? gScale * f - gShift : f
                let gDerivative = symmetricG ? gScale * fp : fp
                state[c] += yIn * gValue
                coefIn[c] = gValue * fpIn
                coefCell[c] = gDerivative * yIn
            }
        }
        if symmetricH {
            for q in stride(from: 0, to: cells, by: 4) {
                let f = Elementary.logistic(state.load4(q))
                hState.store4(hScale * f - hShift, at: q)
                hpState.store4(hScale * f * (1 - f), at: q)
            }
        } else {
            for c in 0..<cells {
                hState[c] = state[c]
                hpState[c] = 1
            }
        }
        for j in 0..<blocks {
            let yO = yOut[j]
            for c in (j * s)..<(j * s + s) { yCell[c] = yO * hState[c] }
        }
    }

    /// Eqs. (25) and (27): ∂s/∂w_in += g f'_in y^m and ∂s/∂w_c += g' y^in y^m for every source m that
    /// is non-zero at this step (one-hot steps skip the zero inputs), all cells of a column at once.
    @inline(__always)
    func updatePartials(dense: Bool, active: Int) {
        if dense {
            for m in 0..<inputs { addToPartials(column: m, times: src[m]) }
        } else if active >= 0 {
            addToPartials(column: active, times: 1)  // coef·1 is coef exactly
        }
        for m in inputs..<hs { addToPartials(column: m, times: src[m]) }
    }

    /// Column m of both partials += coefficient × y^m, for every cell (the padding cells' coefficients
    /// stay 0).
    @inline(__always)
    func addToPartials(column m: Int, times x: Real) {
        let pIn = dsInGate + m * cells4, pCell = dsCell + m * cells4
        for q in stride(from: 0, to: cells4, by: 4) {
            pIn.store4(pIn.load4(q) + coefIn.load4(q) * x, at: q)
            pCell.store4(pCell.load4(q) + coefCell.load4(q) * x, at: q)
        }
    }

    /// Output quad q's net input before the cells: the bias, then (under B) the inputs, all of them
    /// or the active one; phase 3 adds the cells' terms to it, in this order.
    @inline(__always)
    func outputNetBeforeCells(quad q: Int, dense: Bool, active: Int) -> SIMD4<Real> {
        let wo = wOutput, k4 = outputs4
        var sum = wo.load4((os - 1) * k4 + q)
        if outputInputOffset > 0 {
            if dense {
                for m in 0..<inputs { sum = sum + wo.load4(m * k4 + q) * src[m] }
            } else if active >= 0 {
                sum = sum + wo.load4(active * k4 + q)
            }
        }
        return sum
    }

    /// Phase 3: y^k = f(bias + Σ w y^m) over this step's cell outputs (and, under B, inputs). A single
    /// output (K = 1) runs scalar: the scalar logistic equals a SIMD lane bit for bit.
    @inline(__always)
    func outputActivations(dense: Bool, active: Int) {
        let wo = wOutput, k4 = outputs4, offset = outputInputOffset
        if outputs == 1 {
            var sum = wo[(os - 1) * k4]
            if offset > 0 {
                if dense {
                    for m in 0..<inputs { sum = sum + wo[m * k4] * src[m] }
                } else if active >= 0 {
                    sum = sum + wo[active * k4]
                }
            }
            for c in 0..<cells { sum = sum + wo[(offset + c) * k4] * yCell[c] }
            yOutput[0] = Elementary.logistic(sum)
            return
        }
        for q in stride(from: 0, to: k4, by: 4) {
            var sum = outputNetBeforeCells(quad: q, dense: dense, active: active)
            for c in 0..<cells { sum = sum + wo.load4((offset + c) * k4 + q) * yCell[c] }
            yOutput.store4(Elementary.logistic(sum), at: q)
        }
    }
}
