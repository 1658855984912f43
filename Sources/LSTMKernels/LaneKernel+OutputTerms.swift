// Eq. (22) for the K lanes at once: Δw_{k m} = α e_k y^m for the output units (sources: the inputs under
// B, the cells, the bias) and Δw_{out_j m} = α e_out_j y^m(t-1) for the output gates (the inputs, the
// recurrent sources, the bias). Per lane and weight, StepKernel+Gradient.swift's expression w + α (e·y^m)
// (w + α e where y^m = 1: one-hot inputs and the bias); each weight is written once per step, so the
// order of the rows and columns does not touch the bits. The rows go four at a time (then two, then
// one) down every column, with their errors in registers.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension LaneKernel {
    /// Eq. (22) for the output units, into destOutput (weights or accumulators), lanes in `mask`.
    @inline(__always)
    func addOutputTerms(into destOutput: UnsafeMutablePointer<LaneVector>, mask: LaneMask, everyLane: Bool) {
        let offset = outputInputOffset, bias = trainOutputBias ? os - 1 : nil
        inChunks(
            of: outputs,
            four: {
                rowTerms($0, Four.self, into: destOutput, stride: outputs4, errors: eOutput, inputs: offset > 0,
                         sources: yCell, from: offset, count: cells, bias: bias, mask: mask, everyLane: everyLane)
            },
            two: {
                rowTerms($0, Two.self, into: destOutput, stride: outputs4, errors: eOutput, inputs: offset > 0,
                         sources: yCell, from: offset, count: cells, bias: bias, mask: mask, everyLane: everyLane)
            },
            one: {
                rowTerms($0, One.self, into: destOutput, stride: outputs4, errors: eOutput, inputs: offset > 0,
                         sources: yCell, from: offset, count: cells, bias: bias, mask: mask, everyLane: everyLane)
            })
    }

    /// Eq. (22) for the output gates (rows blocks..<blocks + outputGates of destHidden).
    @inline(__always)
    func addOutputGateTerms(into destHidden: UnsafeMutablePointer<LaneVector>, mask: LaneMask, everyLane: Bool) {
        let rows = destHidden + blocks, errors = eOutGate, recurrent = src + inputs
        let count = sources - inputs, bias = trainGateBias ? sources : nil
        inChunks(
            of: outputGates,
            four: {
                rowTerms($0, Four.self, into: rows, stride: rows4, errors: errors, inputs: true, sources: recurrent,
                         from: inputs, count: count, bias: bias, mask: mask, everyLane: everyLane)
            },
            two: {
                rowTerms($0, Two.self, into: rows, stride: rows4, errors: errors, inputs: true, sources: recurrent,
                         from: inputs, count: count, bias: bias, mask: mask, everyLane: everyLane)
            },
            one: {
                rowTerms($0, One.self, into: rows, stride: rows4, errors: errors, inputs: true, sources: recurrent,
                         from: inputs, count: count, bias: bias, mask: mask, everyLane: everyLane)
            })
    }

    /// Rows r0..<r0 + N.count of the matrix at `matrix` (column m of row r at m·stride + r), with
    /// errors e_r = errors[r]: w += α (e·x) for this step's non-zero inputs (under `inputs`: every
    /// dense input, or each lane's active column, where x = 1), for the `count` columns from `from`
    /// with x = sources[i], and at column `bias` (x = 1). Input columns are written under `mask`
    /// with a select, as StepKernel adds them only for the lanes that learn.
    func rowTerms<N: ChunkSize>(
        _ r0: Int, _: N.Type, into matrix: UnsafeMutablePointer<LaneVector>, stride: Int,
        errors: UnsafeMutablePointer<LaneVector>, inputs hasInputs: Bool, sources: UnsafeMutablePointer<LaneVector>,
        from: Int, count: Int, bias: Int?, mask: LaneMask, everyLane: Bool
    ) {
        let n = N.count, scale = scale, base = matrix + r0
        let e0 = errors[r0], e1 = n > 1 ? errors[r0 + 1] : .zero, e2 = n > 2 ? errors[r0 + 2] : .zero
        let e3 = n > 3 ? errors[r0 + 3] : .zero
        // Wrapping index arithmetic: every index is below the matrix sizes, far inside Int.
        @inline(__always) func column(_ m: Int, _ x: LaneVector, _ lanes: LaneMask, _ every: Bool) {
            let d = base + m &* stride
            Self.put(d[0] + scale * (e0 * x), into: d, where: lanes, everyLane: every)
            if n > 1 { Self.put(d[1] + scale * (e1 * x), into: d + 1, where: lanes, everyLane: every) }
            if n > 2 { Self.put(d[2] + scale * (e2 * x), into: d + 2, where: lanes, everyLane: every) }
            if n > 3 { Self.put(d[3] + scale * (e3 * x), into: d + 3, where: lanes, everyLane: every) }
        }
        @inline(__always) func unit(_ m: Int, _ lanes: LaneMask, _ every: Bool) {  // x = 1: α e
            let d = base + m &* stride
            Self.put(d[0] + scale * e0, into: d, where: lanes, everyLane: every)
            if n > 1 { Self.put(d[1] + scale * e1, into: d + 1, where: lanes, everyLane: every) }
            if n > 2 { Self.put(d[2] + scale * e2, into: d + 2, where: lanes, everyLane: every) }
            if n > 3 { Self.put(d[3] + scale * e3, into: d + 3, where: lanes, everyLane: every) }
        }
        if hasInputs {
            if dense {
                for m in 0..<inputs { column(m, src[m], mask, false) }
            } else {
                for j in 0..<laneWidth { unit(activeColumn[j], mask .& activeMask[j], false) }
            }
        }
        for i in 0..<count { column(from &+ i, sources[i], mask, everyLane) }
        if let bias { unit(bias, mask, everyLane) }
    }
}
