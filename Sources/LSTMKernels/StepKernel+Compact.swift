// The one-quad kernel: a whole sequence of a net with at most 4 gate rows, 4 cells and 4 outputs (the
// paper's 4-1, 2c and many small nets), with the per-step state in SIMD4 registers. The generic
// kernels of StepKernel.swift pass every value through memory, and a SIMD4 load of values
// just stored one by one cannot be forwarded from the store buffer; here the dependency chain from one
// step to the next (net inputs, gate logistic, CEC, h logistic, y^c) never touches memory.
//
// Same legend as Sources/LSTMCore/LSTMNetwork.swift; G = the gate quad (rows 0..<4: b input gates, then b_out output
// gates), F = the cell quad (rows 4..<8). Every value is computed with the generic kernels' operations
// in the same order, so results are bit-identical to them (tested in CompactKernelTests).
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension StepKernel {
    /// Runs a whole sequence (see `runSequence`); `out` is [length, K].
    @inline(__always)
    mutating func runCompact(
        _ x: UnsafeBufferPointer<Double>, _ activeInput: UnsafeBufferPointer<Int>,
        _ targets: UnsafeBufferPointer<Double>, _ hasTarget: UnsafeBufferPointer<Bool>,
        _ out: UnsafeMutableBufferPointer<Double>, length: Int, learning: Bool, stats: inout SequenceStats,
        atTarget: (StepKernel, UnsafeBufferPointer<Double>, Int, inout SequenceStats) -> Void
    ) {
        assert(blocks + outputGates <= 4 && cellRow0 == 4 && rows4 == 8 && cells4 == 4 && outputs4 == 4)
        let w = wHidden, wo = wOutput, I = inputs, C = cells, gates = blocks + outputGates
        // Lane c of the cell quad takes its block's gates: y^in = G[c / s], y^out = G[b + c / s] (or 1).
        // Selection by bit masks moves values exactly and needs no memory round trip.
        let zero = SIMD4<RealBits>(repeating: 0)
        var inM = (zero, zero, zero, zero), outM = (zero, zero, zero, zero)
        var outOne = zero  // 1.0 in the cell lanes when there are no output gates
        for c in 0..<C {
            let j = c / cellsPerBlock
            var lane = zero
            lane[c] = ~0
            Self.orInto(&inM, lane: j, lane)
            if outputGates > 0 { Self.orInto(&outM, lane: blocks + j, lane) } else { outOne[c] = Real(1).bitPattern }
        }
        let pattern: LanePattern =
            blocks == 2 && outputGates == 2 && cellsPerBlock == 2
            ? .twoBlocksOfTwo : blocks == 2 && outputGates == 2 && cellsPerBlock == 1 ? .twoBlocksOfOne : .masks
        var g = SIMD4<Real>(), yc = SIMD4<Real>(), s = SIMD4<Real>()  // gates(t-1), y^c(t-1), the CEC
        for t in 0..<length {
            let gPrev = g, ycPrev = yc
            var active = -1
            if !dense {
                active = activeInput[t]
                noteActive(active)
            }
            // Eqs. (7)-(9): bias, inputs, cell outputs, input gates, output gates; the generic order.
            var gSum = w.load4(sources * 8), cSum = w.load4(sources * 8 + 4)
            if dense {
                for m in 0..<I {
                    let v = Real(x[t * I + m])
                    gSum = gSum + w.load4(m * 8) * v
                    cSum = cSum + w.load4(m * 8 + 4) * v
                }
            } else if active >= 0 {
                gSum = gSum + w.load4(active * 8)
                cSum = cSum + w.load4(active * 8 + 4)
            }
            if full {
                Self.addLanes(&gSum, &cSum, w + I * 8, ycPrev, count: C)
                Self.addLanes(&gSum, &cSum, w + (I + C) * 8, gPrev, count: gates)
            }
            g = Elementary.logistic(gSum)
            let f = Elementary.logistic(cSum)
            let yIn: SIMD4<Real>, yOutC: SIMD4<Real>
            switch pattern {
            case .twoBlocksOfTwo:  // 4-1: (in0, in0, in1, in1), (out0, out0, out1, out1)
                yIn = SIMD4(lowHalf: SIMD2(repeating: g[0]), highHalf: SIMD2(repeating: g[1]))
                yOutC = SIMD4(lowHalf: SIMD2(repeating: g[2]), highHalf: SIMD2(repeating: g[3]))
            case .twoBlocksOfOne:  // 2c: (in0, in1, 0, 0), (out0, out1, 0, 0)
                yIn = SIMD4(lowHalf: g.lowHalf, highHalf: .zero)
                yOutC = SIMD4(lowHalf: g.highHalf, highHalf: .zero)
            case .masks:
                yIn = Self.select(g, inM, or: zero)
                yOutC = Self.select(g, outM, or: outOne)
            }
            // The CEC and the eq. (25)/(27) coefficients, lane by lane as in cellStates().
            let fpIn = yIn * (1 - yIn)
            let fp = f * (1 - f)
            let gValue = symmetricG ? gScale * f - gShift : f
            let gDerivative = symmetricG ? gScale * fp : fp
            s = s + yIn * gValue
            let coefIn = gValue * fpIn, coefCell = gDerivative * yIn
            let h: SIMD4<Real>, hp: SIMD4<Real>
            if symmetricH {
                let fs = Elementary.logistic(s)
                h = hScale * fs - hShift
                hp = hScale * fs * (1 - fs)
            } else {
                h = s
                hp = SIMD4(repeating: 1)
            }
            yc = yOutC * h
            if learning {
                addPartials(Partials(step: t, active: active, coefIn: coefIn, coefCell: coefCell, yc: ycPrev, g: gPrev), x)
            }
            // Phase 3.
            if outputs == 1 {  // one output: a scalar sum, as the generic kernel's
                var sum = wo[(os - 1) * 4]
                if outputInputOffset > 0 {
                    if dense {
                        for m in 0..<I { sum = sum + wo[m * 4] * Real(x[t * I + m]) }
                    } else if active >= 0 {
                        sum = sum + wo[active * 4]
                    }
                }
                let wc = wo + outputInputOffset * 4
                for c in 0..<C { sum = sum + wc[c * 4] * yc[c] }
                let y = SIMD4<Real>(Elementary.logistic(sum), 0, 0, 0)
                out[t] = Double(y[0])
                if hasTarget[t] || t == length - 1 {
                    storeState(g, f, s, h, hp, yc, y)  // for the gradient, and the last step's for inspection
                    if hasTarget[t] {
                        storeSources(x, at: t, ycPrev, gPrev)
                        atTarget(self, targets, t, &stats)
                    }
                }
                continue
            }
            var ySum = wo.load4((os - 1) * 4)
            if outputInputOffset > 0 {
                if dense {
                    for m in 0..<I { ySum = ySum + wo.load4(m * 4) * Real(x[t * I + m]) }
                } else if active >= 0 {
                    ySum = ySum + wo.load4(active * 4)
                }
            }
            let wc = wo + outputInputOffset * 4
            for c in 0..<C { ySum = ySum + wc.load4(c * 4) * yc[c] }
            let y = Elementary.logistic(ySum)
            for k in 0..<outputs { out[t * outputs + k] = Double(y[k]) }
            if hasTarget[t] || t == length - 1 {
                storeState(g, f, s, h, hp, yc, y)
                if hasTarget[t] {
                    storeSources(x, at: t, ycPrev, gPrev)
                    atTarget(self, targets, t, &stats)
                }
            }
        }
    }

    /// One step's contribution to the partials of eqs. (25) and (27).
    struct Partials {
        var step: Int, active: Int
        var coefIn: SIMD4<Real>, coefCell: SIMD4<Real>
        var yc: SIMD4<Real>, g: SIMD4<Real>  // the step's recurrent sources: y^c(t-1), gates(t-1)
    }

    /// Eqs. (25), (27), one source column at a time: inputs, then y^c(t-1), gates(t-1), bias.
    @inline(__always)
    func addPartials(_ p: Partials, _ x: UnsafeBufferPointer<Double>) {
        let pIn = dsInGate, pCell = dsCell, I = inputs, C = cells
        @inline(__always) func add(_ m: Int, _ v: Real) {
            pIn.store4(pIn.load4(m * 4) + p.coefIn * v, at: m * 4)
            pCell.store4(pCell.load4(m * 4) + p.coefCell * v, at: m * 4)
        }
        if dense {
            for m in 0..<I { add(m, Real(x[p.step * I + m])) }
        } else if p.active >= 0 {
            add(p.active, 1)
        }
        if full {
            for c in 0..<C { add(I + c, p.yc[c]) }
            for j in 0..<(blocks + outputGates) { add(I + C + j, p.g[j]) }
        }
        add(sources, 1)
    }

    /// One-hot bookkeeping of clampInputs, without the source writes the registers make unneeded.
    @inline(__always)
    mutating func noteActive(_ a: Int) {
        active = a
        if a >= 0 && !isTouched[a] {
            isTouched[a] = true
            touched[touchedCount] = a
            touchedCount += 1
        }
    }

    /// Writes the registers into the buffers the gradient and the inspection properties read.
    @inline(__always)
    func storeState(
        _ g: SIMD4<Real>, _ f: SIMD4<Real>, _ s: SIMD4<Real>, _ h: SIMD4<Real>, _ hp: SIMD4<Real>,
        _ yc: SIMD4<Real>, _ y: SIMD4<Real>
    ) {
        act.store4(g, at: 0)
        act.store4(f, at: 4)
        state.store4(s, at: 0)
        hState.store4(h, at: 0)
        hpState.store4(hp, at: 0)
        yCell.store4(yc, at: 0)
        yOutput.store4(y, at: 0)
        for j in 0..<blocks { yOut[j] = outputGates > 0 ? g[blocks + j] : 1 }
    }

    /// Writes the sources of step t (inputs, y^c(t-1), gates(t-1)) for the gradient.
    @inline(__always)
    func storeSources(_ x: UnsafeBufferPointer<Double>, at t: Int, _ ycPrev: SIMD4<Real>, _ gPrev: SIMD4<Real>) {
        if dense {
            for m in 0..<inputs { src[m] = Real(x[t * inputs + m]) }
        } else {
            for m in 0..<inputs { src[m] = m == active ? 1 : 0 }
        }
        guard full else { return }
        for c in 0..<cells { src[inputs + c] = ycPrev[c] }
        for j in 0..<(blocks + outputGates) { src[inputs + cells + j] = gPrev[j] }
    }

    /// sum += column(m)[rows 0..<4] · v[m], sum2 += column(m)[rows 4..<8] · v[m] for m < count, with
    /// constant lane indices (register shuffles, not memory).
    @inline(__always)
    static func addLanes(
        _ sum: inout SIMD4<Real>, _ sum2: inout SIMD4<Real>, _ w: UnsafeMutablePointer<Real>,
        _ v: SIMD4<Real>, count: Int
    ) {
        if count > 0 {
            sum = sum + w.load4(0) * v[0]
            sum2 = sum2 + w.load4(4) * v[0]
        }
        if count > 1 {
            sum = sum + w.load4(8) * v[1]
            sum2 = sum2 + w.load4(12) * v[1]
        }
        if count > 2 {
            sum = sum + w.load4(16) * v[2]
            sum2 = sum2 + w.load4(20) * v[2]
        }
        if count > 3 {
            sum = sum + w.load4(24) * v[3]
            sum2 = sum2 + w.load4(28) * v[3]
        }
    }

    /// How the gate quad spreads over the cell lanes: two common shapes by shuffles, others by masks.
    enum LanePattern { case twoBlocksOfTwo, twoBlocksOfOne, masks }

    typealias Masks = (SIMD4<RealBits>, SIMD4<RealBits>, SIMD4<RealBits>, SIMD4<RealBits>)

    /// Sets `bits` in mask number `lane`.
    static func orInto(_ m: inout Masks, lane: Int, _ bits: SIMD4<RealBits>) {
        switch lane {
        case 0: m.0 |= bits
        case 1: m.1 |= bits
        case 2: m.2 |= bits
        default: m.3 |= bits
        }
    }

    /// Lane c of the result is g[l] where mask l has lane c set (else `base`'s bits): an exact move.
    @inline(__always)
    static func select(_ g: SIMD4<Real>, _ m: Masks, or base: SIMD4<RealBits>) -> SIMD4<Real> {
        let b0 = SIMD4<Real>(repeating: g[0]).bitPattern, b1 = SIMD4<Real>(repeating: g[1]).bitPattern
        let b2 = SIMD4<Real>(repeating: g[2]).bitPattern, b3 = SIMD4<Real>(repeating: g[3]).bitPattern
        let bits = ((b0 & m.0) | (b1 & m.1)) | ((b2 & m.2) | (b3 & m.3)) | base
        return SIMD4<Real>(bitPattern: bits)
    }
}

extension SIMD4 where Scalar == Real {
    /// The lanes' bit patterns.
    @inline(__always)
    var bitPattern: SIMD4<RealBits> { unsafeBitCast(self, to: SIMD4<RealBits>.self) }

    /// The doubles with the given bit patterns.
    @inline(__always)
    init(bitPattern: SIMD4<RealBits>) { self = unsafeBitCast(bitPattern, to: SIMD4<Real>.self) }
}
