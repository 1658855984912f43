// Each lane's outputs of a step, copied into its job's record ([T, K] per lane, row-major), and the lanes
// with a target at the step. The outputs sit lane-interleaved (yOutput[k][l]); copied element by
// element they cost an extract and a scalar store each (32 per step for 8 outputs). In float64, with
// every lane live (K = 4), four outputs of the four lanes are a 4 × 4 transpose: four shuffled vectors, one
// store per lane. The copied values are the same bits either way.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

extension LaneKernel {
    /// Copies this step's outputs of every live lane into its job's record; returns the lanes that
    /// have a target at this step.
    @inline(__always)
    func recordOutputs() -> LaneMask {
        // Which lanes have a target, as integers first: a mask built lane by lane in memory stalls its
        // first whole read until the lane's store retires (store forwarding fails).
        #if !LSTM_KERNELS_FLOAT && !LSTM_LANES_8
            if allLanes(live) {
                let o0 = outputRow(0), o1 = outputRow(1), o2 = outputRow(2), o3 = outputRow(3)
                var k = 0
                while k + 4 <= outputs {
                    let a = yOutput[k], b = yOutput[k + 1], c = yOutput[k + 2], d = yOutput[k + 3]
                    Self.store(LaneVector(a[0], b[0], c[0], d[0]), at: o0 + k)
                    Self.store(LaneVector(a[1], b[1], c[1], d[1]), at: o1 + k)
                    Self.store(LaneVector(a[2], b[2], c[2], d[2]), at: o2 + k)
                    Self.store(LaneVector(a[3], b[3], c[3], d[3]), at: o3 + k)
                    k += 4
                }
                while k < outputs {
                    let y = yOutput[k]
                    (o0[k], o1[k], o2[k], o3[k]) = (y[0], y[1], y[2], y[3])
                    k += 1
                }
                return LaneMaskBits(hasTarget(0), hasTarget(1), hasTarget(2), hasTarget(3)) .!= 0
            }
        #endif
        #if LSTM_LANES_8
            return LaneMaskBits(
                recordOutputs(0), recordOutputs(1), recordOutputs(2), recordOutputs(3), recordOutputs(4), recordOutputs(5),
                recordOutputs(6), recordOutputs(7)) .!= 0
        #else
            return LaneMaskBits(recordOutputs(0), recordOutputs(1), recordOutputs(2), recordOutputs(3)) .!= 0
        #endif
    }

    /// Copies lane `lane`'s outputs of this step into its job's record, and returns 1 when the lane
    /// has a target at this step (0 otherwise, and for an idle lane).
    @inline(__always)
    func recordOutputs(_ lane: Int) -> Real.SIMDMaskScalar {
        guard live[lane] else { return 0 }
        let out = outputRow(lane)
        for k in 0..<outputs { out[k] = Double(yOutput[k][lane]) }
        return hasTarget(lane)
    }

    /// Where lane `lane`'s outputs of its current step go (wrapping: the index is below T·K).
    @inline(__always)
    func outputRow(_ lane: Int) -> UnsafeMutablePointer<Double> {
        jobs[lane].out.baseAddress! + position[lane] &* outputs
    }

    /// 1 when the live lane `lane` has a target at its current step, else 0.
    @inline(__always)
    func hasTarget(_ lane: Int) -> Real.SIMDMaskScalar {
        jobs[lane].hasTarget[position[lane]] ? 1 : 0
    }

    /// Four doubles to p, which need not be aligned to a vector.
    @inline(__always)
    static func store(_ v: SIMD4<Double>, at p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD4<Double>.self)
    }
}
