// Eqs. (26) and (28) for the K lanes at once: Δw_{in_j m} = α Σ_v e_s(v) ∂s_v/∂w_{in_j m} and
// Δw_{c m} = α e_s(c) ∂s_c/∂w_{c m}, for every source column that is non-zero in some learning lane.
// Per lane and weight, the expression of StepKernel+Gradient.swift: w + α·blockSum (the sum from 0 in
// v order) and w + α·(e_s·∂s); each weight is written once per step, so the order of the columns and
// rows does not touch the bits. Specialised by chunk and block size so that no short loop is left
// inside the column loops, and with the errors in registers.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension LaneKernel {
    /// Eqs. (26) and (28) into destHidden (weights or accumulators) for the lanes in `mask`.
    @inline(__always)
    func addStateTerms(into destHidden: UnsafeMutablePointer<LaneVector>, mask: LaneMask, everyLane: Bool) {
        inChunks(
            of: cells, four: { cellTerms($0, Four.self, into: destHidden, mask: mask, everyLane: everyLane) },
            two: { cellTerms($0, Two.self, into: destHidden, mask: mask, everyLane: everyLane) },
            one: { cellTerms($0, One.self, into: destHidden, mask: mask, everyLane: everyLane) })
        switch cellsPerBlock {
        case 1: gateTerms(One.self, into: destHidden, mask: mask, everyLane: everyLane)
        case 2: gateTerms(Two.self, into: destHidden, mask: mask, everyLane: everyLane)
        case 4: gateTerms(Four.self, into: destHidden, mask: mask, everyLane: everyLane)
        default: gateTerms(AnySize.self, into: destHidden, mask: mask, everyLane: everyLane)
        }
    }

    /// Calls `body(m, lanes, everyLane)` for each column m whose weights change: the dense inputs (or
    /// the input columns touched in some lane of `mask`, with the lanes that touched it), the recurrent
    /// sources, and the bias column when `bias`.
    @inline(__always)
    func forEachStateColumn(
        _ mask: LaneMask, everyLane: Bool, bias: Bool, _ body: (Int, LaneMask, Bool) -> Void
    ) {
        if dense {
            for m in 0..<inputs { body(m, mask, everyLane) }
        } else {
            for i in 0..<unionCount {
                let m = union[i]
                let lanes = mask .& (touched[m] .!= 0)
                if anyLane(lanes) { body(m, lanes, false) }
            }
        }
        for m in inputs..<sources { body(m, mask, everyLane) }
        if bias { body(sources, mask, everyLane) }
    }

    /// Eq. (28) for the N.count cells from c0, down every column, with e_s in registers.
    func cellTerms<N: ChunkSize>(
        _ c0: Int, _: N.Type, into destHidden: UnsafeMutablePointer<LaneVector>, mask: LaneMask, everyLane: Bool
    ) {
        let n = N.count, scale = scale, r4 = rows4, cellCount = cells
        let e0 = eState[c0], e1 = n > 1 ? eState[c0 + 1] : .zero, e2 = n > 2 ? eState[c0 + 2] : .zero
        let e3 = n > 3 ? eState[c0 + 3] : .zero
        let rows0 = destHidden + (cellRow0 &+ c0), partials0 = dsCell + c0
        // Wrapping index arithmetic: every index is below the matrix sizes, far inside Int.
        forEachStateColumn(mask, everyLane: everyLane, bias: trainCellBias) { m, lanes, every in
            let d = rows0 + m &* r4, p = partials0 + m &* cellCount
            Self.put(d[0] + scale * (e0 * p[0]), into: d, where: lanes, everyLane: every)
            if n > 1 { Self.put(d[1] + scale * (e1 * p[1]), into: d + 1, where: lanes, everyLane: every) }
            if n > 2 { Self.put(d[2] + scale * (e2 * p[2]), into: d + 2, where: lanes, everyLane: every) }
            if n > 3 { Self.put(d[3] + scale * (e3 * p[3]), into: d + 3, where: lanes, everyLane: every) }
        }
    }

    /// Eq. (26) for every input gate, down every column; B.count cells per block (`AnySize`: any number).
    func gateTerms<B: ChunkSize>(
        _: B.Type, into destHidden: UnsafeMutablePointer<LaneVector>, mask: LaneMask, everyLane: Bool
    ) {
        let s = B.count == 0 ? cellsPerBlock : B.count, scale = scale, r4 = rows4, cellCount = cells
        forEachStateColumn(mask, everyLane: everyLane, bias: trainGateBias) { m, lanes, every in
            let d = destHidden + m &* r4, partials = dsInGate + m &* cellCount
            for j in 0..<blocks {
                // Σ_v e_s(c0+v) ∂s_{c0+v}/∂w_{in m}, from 0 in v order.
                let c0 = j &* s, errors = eState + c0, p = partials + c0
                var sum = LaneVector(repeating: 0) + errors[0] * p[0]
                if B.count == 0 {
                    for v in 1..<s { sum = sum + errors[v] * p[v] }
                } else {
                    if s > 1 { sum = sum + errors[1] * p[1] }
                    if s > 2 { sum = sum + errors[2] * p[2] }
                    if s > 3 { sum = sum + errors[3] * p[3] }
                }
                Self.put(d[j] + scale * sum, into: d + j, where: lanes, everyLane: every)
            }
        }
    }
}

/// A size read at run time (gateTerms' general case).
enum AnySize: ChunkSize { static var count: Int { 0 } }
