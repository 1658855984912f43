// The one-cell kernel: training sequences of a net with a single memory cell (b = s = 1) and many
// outputs, the shape of 2a/2b (101 outputs). The generic step spends most of its time in three
// passes over the outputs (phase 3; eq. 19 with its running sums; the eq. 22 changes) and in the
// eq. (26)/(28) changes of every input column touched so far. Here the three output passes are one,
// four outputs at a time: the logistic, e_k, (t - y)², w_kc e_k and the eq. (22) changes of a quad are
// computed in SIMD registers, and only the two sums whose order shows (the squared error and δ_c) run
// lane by lane in k order, overlapping the next quad's logistic instead of waiting for each other.
// The touched columns' changes run without the generic loops over blocks and cells.
//
// Every value is the generic kernels' expression with the same operands in the same order (the
// largest |t - y| is a maximum, which no order changes), so the bits are theirs (OneCellKernelTests).
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension StepKernel {
    /// Runs a whole sequence with learning (see `run`): at target steps, adds `scale` × (−∂E(t)/∂w) to
    /// `destHidden` / `destOutput`, as `backpropagate` does. Needs `cells == 1`.
    @inline(__always)
    mutating func runOneCell(
        _ sequence: SequenceBuffers, into destHidden: UnsafeMutablePointer<Real>,
        _ destOutput: UnsafeMutablePointer<Real>, scale: Real, stats: inout SequenceStats
    ) {
        assert(cells == 1 && blocks == 1)
        let (x, activeInput, targets, hasTarget, out) =
            (sequence.x, sequence.activeInput, sequence.targets, sequence.hasTarget, sequence.out)
        for t in 0..<sequence.length {
            clampInputs(x, activeInput, at: t)
            hiddenActivations(dense: dense, active: active)
            cellStates()
            updatePartials(dense: dense, active: active)
            guard hasTarget[t] else {
                outputActivations(dense: dense, active: active)
                for k in 0..<outputs { out[t * outputs + k] = Double(yOutput[k]) }
                continue
            }
            outputsAndErrors(targets, at: t, out, into: destOutput, scale: scale, stats: &stats)
            cellErrors()
            addOutputGateTerms(into: destHidden, scale: scale)
            addOneCellTerms(into: destHidden, scale: scale)
        }
    }

    /// Phase 3, eq. (19) and eq. (22) for the output units at target step t, in one pass of output
    /// quads: y^k into `yOutput` and `out`, e_k into `eOutput`, δ_c = Σ_k w_kc e_k (old weights) into
    /// `delta`, the error figures into `stats`, and scale·e_k·y^m onto `destOutput`.
    @inline(__always)
    func outputsAndErrors(
        _ targets: UnsafeBufferPointer<Double>, at t: Int, _ out: UnsafeMutableBufferPointer<Double>,
        into destOutput: UnsafeMutablePointer<Real>, scale: Real, stats: inout SequenceStats
    ) {
        let count = outputs, target = targets.baseAddress! + t * count, row = out.baseAddress! + t * count
        var sums = OutputSums(squared: stats.squaredError)
        let whole = count & ~3
        for q in stride(from: 0, to: whole, by: 4) {
            outputQuad(q, live: 4, target, row, into: destOutput, scale: scale, &sums)
        }
        if whole < count { outputQuad(whole, live: count - whole, target, row, into: destOutput, scale: scale, &sums) }
        var finalMax = 0.0
        for l in 0..<4 { finalMax = max(finalMax, sums.maxima[l]) }
        stats.squaredError = sums.squared
        stats.maxAbsError = max(stats.maxAbsError, finalMax)
        stats.finalMaxAbsError = finalMax
        stats.targetCount += count
        delta[0] = sums.delta
    }

    /// The running figures of one step's output pass: the two ordered sums from where they stand, and
    /// per lane the largest |t - y| so far (≥ +0, never NaN).
    struct OutputSums {
        var squared: Double
        var delta: Real = 0
        var maxima = SIMD4<Double>()
    }

    /// Outputs q..<q+4 of `outputsAndErrors`, of which the first `live` are real (the rest padding);
    /// `target` and `row` point at step t's targets and recorded outputs.
    @inline(__always)
    func outputQuad(
        _ q: Int, live: Int, _ target: UnsafePointer<Double>, _ row: UnsafeMutablePointer<Double>,
        into destOutput: UnsafeMutablePointer<Real>, scale: Real, _ sums: inout OutputSums
    ) {
        let wo = wOutput, k4 = outputs4, offset = outputInputOffset, yc = yCell[0]
        // Phase 3: bias, inputs (B), the cell; as outputActivations.
        var net = outputNetBeforeCells(quad: q, dense: dense, active: active)
        let cellWeights = wo.load4(offset * k4 + q)
        net = net + cellWeights * yc
        let y = Elementary.logistic(net)
        yOutput.store4(y, at: q)
        // Eq. (19) as SequenceStats.addOutputErrors: diff in float64, e_k = y(1 - y) diff.
        let wide = Self.widen(y)
        var goal = SIMD4<Double>()
        if live == 4 {
            goal = UnsafeRawPointer(target + q).loadUnaligned(as: SIMD4<Double>.self)
            UnsafeMutableRawPointer(row + q).storeBytes(of: wide, as: SIMD4<Double>.self)
        } else {
            for l in 0..<live {
                goal[l] = target[q + l]
                row[q + l] = wide[l]
            }
        }
        var diff = goal - wide
        var e = y * (1 - y) * Self.narrow(diff)
        if live < 4 {  // padding outputs: no error, e_k = +0 as the generic eOutput's padding
            diff.replace(with: 0, where: SIMD4<Double>(0, 1, 2, 3) .>= Double(live))
            e.replace(with: 0, where: SIMD4<Real>(0, 1, 2, 3) .>= Real(live))
        }
        eOutput.store4(e, at: q)
        let squares = diff * diff, terms = cellWeights * e
        for l in 0..<live {
            sums.squared += squares[l]
            sums.delta += terms[l]
        }
        let magnitude = unsafeBitCast(unsafeBitCast(diff, to: SIMD4<UInt64>.self) & 0x7FFF_FFFF_FFFF_FFFF, to: SIMD4<Double>.self)
        sums.maxima.replace(with: magnitude, where: magnitude .>= sums.maxima)  // max(m, |d|) = |d| >= m ? |d| : m
        // Eq. (22) for this quad, after every read of its old weights.
        if offset > 0 { addInputTerms4(destOutput + q, stride: k4, e, scale: scale) }
        let at = offset * k4 + q
        destOutput.store4(destOutput.load4(at) + scale * (e * yc), at: at)
        if trainOutputBias {
            let bias = (os - 1) * k4 + q
            destOutput.store4(destOutput.load4(bias) + scale * e, at: bias)
        }
    }

    /// Eqs. (26) and (28) for the one cell: each touched input column's gate and cell weight in one
    /// visit, then the recurrent columns and the biases as `backpropagate` does.
    /// Not inlined: on its own, the loop keeps its pointers in registers.
    @inline(never)
    func addOneCellTerms(into destHidden: UnsafeMutablePointer<Real>, scale: Real) {
        let (r4, c4, touched, count) = (rows4, cells4, touched, touchedCount)
        let (gateIn, gateCell, partialsIn, partialsCell) = (destHidden, destHidden + cellRow0, dsInGate, dsCell)
        let es = eState[0], es4 = eState.load4(0)
        for i in 0..<count {
            let m = touched[i]
            let w = m &* r4, p = m &* c4  // m < I: no overflow
            gateIn[w] += scale * (0 + es * partialsIn[p])  // blockSum: a sum from 0
            gateCell.store4(gateCell.load4(w) + scale * (es4 * partialsCell.load4(p)), at: w)
        }
        for m in inputs..<sources { destHidden[m * r4] += scale * blockSum(0, m) }
        if trainGateBias { destHidden[sources * r4] += scale * blockSum(0, sources) }
        for m in inputs..<sources { addCellTerms(column: m, scale: scale, into: destHidden) }
        if trainCellBias { addCellTerms(column: sources, scale: scale, into: destHidden) }
    }

    /// The lanes in float64 (exact).
    @inline(__always)
    static func widen(_ v: SIMD4<Real>) -> SIMD4<Double> {
        #if LSTM_KERNELS_FLOAT
            SIMD4<Double>(Double(v[0]), Double(v[1]), Double(v[2]), Double(v[3]))
        #else
            v
        #endif
    }

    /// The lanes rounded to the precision, as `Real(_:)` rounds a scalar.
    @inline(__always)
    static func narrow(_ v: SIMD4<Double>) -> SIMD4<Real> {
        #if LSTM_KERNELS_FLOAT
            SIMD4<Float>(Float(v[0]), Float(v[1]), Float(v[2]), Float(v[3]))
        #else
            v
        #endif
    }
}
