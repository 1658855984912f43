// The partials of eqs. (25) and (27) for the K lanes at once: ∂s_c/∂w_{in_j m} += g f'_in y^m and
// ∂s_c/∂w_{c m} += g' y^in y^m for every cell and every source column that is non-zero in some lane.
// Per lane and per partial, the same expression as StepKernel.addToPartials (one-hot inputs add the
// coefficient: coef·1 is coef exactly); each partial is written once per step, so the order of the
// cells and columns does not touch the bits.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension LaneKernel {
    /// Eqs. (25) and (27) for every cell, four cells at a time (then two, then one), each chunk down
    /// every column with its coefficients in registers.
    @inline(__always)
    func updatePartials() {
        inChunks(of: cells, four: { partials($0, Four.self) }, two: { partials($0, Two.self) }, one: { partials($0, One.self) })
    }

    /// The partials of the N.count cells from c0, down every column: the dense inputs or each lane's
    /// active column, the recurrent sources and the bias.
    func partials<N: ChunkSize>(_ c0: Int, _: N.Type) {
        // Loaded once: a store through the partials' pointers could alias the coefficients, so inside
        // the column loop they would be loaded again for every column.
        let n = N.count, cellCount = cells
        let i0 = coefIn[c0], i1 = n > 1 ? coefIn[c0 + 1] : .zero, i2 = n > 2 ? coefIn[c0 + 2] : .zero
        let i3 = n > 3 ? coefIn[c0 + 3] : .zero
        let k0 = coefCell[c0], k1 = n > 1 ? coefCell[c0 + 1] : .zero, k2 = n > 2 ? coefCell[c0 + 2] : .zero
        let k3 = n > 3 ? coefCell[c0 + 3] : .zero
        // Wrapping index arithmetic: every index is below hs · C, far inside Int.
        let pIn0 = dsInGate + c0, pCell0 = dsCell + c0
        @inline(__always) func add(column m: Int, times x: LaneVector) {
            let pIn = pIn0 + m &* cellCount, pCell = pCell0 + m &* cellCount
            pIn[0] = pIn[0] + i0 * x
            pCell[0] = pCell[0] + k0 * x
            if n > 1 {
                pIn[1] = pIn[1] + i1 * x
                pCell[1] = pCell[1] + k1 * x
            }
            if n > 2 {
                pIn[2] = pIn[2] + i2 * x
                pCell[2] = pCell[2] + k2 * x
            }
            if n > 3 {
                pIn[3] = pIn[3] + i3 * x
                pCell[3] = pCell[3] + k3 * x
            }
        }
        if dense {
            for m in 0..<inputs { add(column: m, times: src[m]) }
        } else {
            for j in 0..<laneWidth {
                let pIn = pIn0 + activeColumn[j] &* cellCount, pCell = pCell0 + activeColumn[j] &* cellCount
                let mask = activeMask[j]
                pIn[0].replace(with: pIn[0] + i0, where: mask)
                pCell[0].replace(with: pCell[0] + k0, where: mask)
                if n > 1 {
                    pIn[1].replace(with: pIn[1] + i1, where: mask)
                    pCell[1].replace(with: pCell[1] + k1, where: mask)
                }
                if n > 2 {
                    pIn[2].replace(with: pIn[2] + i2, where: mask)
                    pCell[2].replace(with: pCell[2] + k2, where: mask)
                }
                if n > 3 {
                    pIn[3].replace(with: pIn[3] + i3, where: mask)
                    pCell[3].replace(with: pCell[3] + k3, where: mask)
                }
            }
        }
        for m in inputs..<hs { add(column: m, times: src[m]) }
    }
}
