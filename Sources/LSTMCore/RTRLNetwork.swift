// Real-time recurrent learning (Williams & Zipser 1989) on a RecurrentTopology: the exact gradient
// of the error at each step, carried forward in the sensitivities p^j_{im} = ∂h_j(t)/∂w_{im} of
// the hidden units (W&Z eqs. 12-13). The outputs are non-recurrent, so their own weights get the
// direct gradient e_k z_m and the hidden weights get Σ_j (Σ_k w_kj e_k) p^j. Whole sequences and the
// SequenceLearner conformance are in RTRLNetwork+Sequence.swift.
//
// Legend: as RecurrentKernel (I, H, K, R, hw, Wh, z), plus p (current sensitivities) and
// pOld (those of step t-1), f'_j = h_j(1 - h_j), δ_ij the Kronecker delta.

/// A fully recurrent net of logistic units trained by exact RTRL, with all buffers allocated once.
///
/// Not thread-safe: a trial owns one net. Nothing is allocated per time step or per sequence,
/// except when a sequence longer than any before grows `stepOutputs`. Cost per step: O(H²·Wh)
/// under full recurrence (W&Z's O(n⁴)), O(Wh) when self-recurrent only.
///
/// ```swift
/// let topology = RecurrentTopology.task2a(p: 4)  // 36 weights
/// var rng = SplitMix64(seed: 1, stream: .weights)
/// let net = RTRLNetwork(topology: topology, weights: FullyRecurrentInitialization().weights(for: topology, rng: &rng))
/// let stats = net.train(sequence, learningRate: 1.0, timing: .perStep)
/// ```
public final class RTRLNetwork {
    /// The shape of the net.
    public let topology: RecurrentTopology
    /// Weights, gradient accumulators and the shared forward step.
    let kernel: RecurrentKernel
    let I: Int, H: Int, hw: Int, Wh: Int, selfOnly: Bool

    /// h(t) and h(t-1). Shape: [H] each; swapped after every step.
    var h: UnsafeMutablePointer<Double>, hPrev: UnsafeMutablePointer<Double>
    /// f'(net_j(t)) = h_j(1 - h_j). Shape: [H].
    let fp: UnsafeMutablePointer<Double>
    /// Sensitivities at step t. Under `.full`, shape [H, Wh]: p[j·Wh + i·hw + m] = ∂h_j/∂w_{im}.
    /// Under `.selfOnly` only unit j's own row can be non-zero, so shape [H, hw]: p[j·hw + m] = ∂h_j/∂w_{jm}.
    var p: UnsafeMutablePointer<Double>
    /// Sensitivities at step t-1 (`.full` only; swapped with `p` every step). Shape as `p`.
    var pOld: UnsafeMutablePointer<Double>

    /// The input columns touched since the sequence start (the only input columns whose
    /// sensitivities may be non-zero). One-hot sequences only. Shape: [I].
    let touched: UnsafeMutablePointer<Int>
    var touchedCount = 0
    /// Whether each input column is in `touched`. Shape: [I].
    let isTouched: UnsafeMutablePointer<Bool>
    /// Whether the current sequence is dense (every input column active).
    var dense = true

    /// Output activations recorded at every step of the last sequence. Shape: [capacity, K].
    public internal(set) var stepOutputs: [Double] = []

    /// Creates a net with the given flat weights (RecurrentTopology's layout).
    public init(topology: RecurrentTopology, weights: [Double]) {
        self.topology = topology
        I = topology.inputCount
        H = topology.hiddenCount
        hw = topology.hiddenRowWidth
        Wh = topology.hiddenWeightCount
        selfOnly = topology.recurrence == .selfOnly
        let pSize = selfOnly ? H * hw : H * Wh
        let pCount = selfOnly ? 1 : 2
        kernel = RecurrentKernel(topology: topology, weights: weights, extraCount: 3 * H + pCount * pSize)
        h = kernel.extra
        hPrev = h + H
        fp = hPrev + H
        p = fp + H
        pOld = selfOnly ? p : p + pSize
        touched = .allocate(capacity: I)
        isTouched = .allocate(capacity: I)
        isTouched.initialize(repeating: false, count: I)
    }

    deinit {
        touched.deallocate()
        isTouched.deallocate()
    }

    /// The number of trainable weights.
    public var weightCount: Int { kernel.W }
    /// The flat weight vector (RecurrentTopology's layout).
    public var weights: [Double] { kernel.weights }
    /// Whether every weight is finite.
    public var weightsAreFinite: Bool { kernel.weightsAreFinite }

    // MARK: - Sequence start

    /// Zeroes activations and every sensitivity that may be non-zero (paper §3: activations are
    /// reset after every sequence; W&Z: p(t0) = 0).
    func resetSequence(encoding: SequenceExample.Encoding) {
        let rows = selfOnly ? H : H * H  // rows of width hw in each sensitivity buffer
        for b in 0..<(selfOnly ? 1 : 2) {
            let buffer = b == 0 ? p : pOld
            for r in 0..<rows {
                let row = buffer + r * hw
                if dense {
                    for m in 0..<I { row[m] = 0 }
                } else {
                    for n in 0..<touchedCount { row[touched[n]] = 0 }
                }
                for m in I..<hw { row[m] = 0 }
            }
        }
        for n in 0..<touchedCount { isTouched[touched[n]] = false }
        touchedCount = 0
        for j in 0..<H { hPrev[j] = 0 }
        dense = encoding == .dense
    }

    /// Records a one-hot step's active input among the touched columns.
    @inline(__always)
    func touch(_ input: StepInput) {
        let m = input.active
        if !dense && m >= 0 && !isTouched[m] {
            isTouched[m] = true
            touched[touchedCount] = m
            touchedCount += 1
        }
    }

    // MARK: - Active-column kernels (rows of width hw; untouched input columns are zero and skipped)

    /// row[c] = 0 on the active columns.
    @inline(__always)
    func zeroActive(_ row: UnsafeMutablePointer<Double>) {
        if dense {
            for m in 0..<hw { row[m] = 0 }
        } else {
            for n in 0..<touchedCount { row[touched[n]] = 0 }
            for m in I..<hw { row[m] = 0 }
        }
    }

    /// row[c] *= a on the active columns.
    @inline(__always)
    func scaleActive(_ row: UnsafeMutablePointer<Double>, _ a: Double) {
        if dense {
            for m in 0..<hw { row[m] *= a }
        } else {
            for n in 0..<touchedCount { row[touched[n]] *= a }
            for m in I..<hw { row[m] *= a }
        }
    }

    /// dst[c] += a · src[c] on the active columns.
    @inline(__always)
    func axpyActive(_ dst: UnsafeMutablePointer<Double>, _ src: UnsafePointer<Double>, _ a: Double) {
        if dense {
            for m in 0..<hw { dst[m] += a * src[m] }
        } else {
            for n in 0..<touchedCount {
                let m = touched[n]
                dst[m] += a * src[m]
            }
            for m in I..<hw { dst[m] += a * src[m] }
        }
    }

    /// row[m] += z_m(t), the sources of hidden unit j's row: x(t), h(t-1) (all, or h_j alone), 1.
    @inline(__always)
    func addSources(_ row: UnsafeMutablePointer<Double>, unit j: Int, _ input: StepInput) {
        kernel.addInputTerms(row, 1, input)
        if selfOnly {
            row[I] += hPrev[j]
        } else {
            for l in 0..<H { row[I + l] += hPrev[l] }
        }
        if topology.hiddenBiases { row[hw - 1] += 1 }
    }

    // MARK: - Sensitivities

    /// Carries the sensitivities from t-1 to t (W&Z eq. 12):
    /// p^j_{im}(t) = f'_j(t) [Σ_l w_jl p^l_{im}(t-1) + δ_ij z_m(t)]. Needs h(t), fp and h(t-1).
    @inline(__always)
    func updateSensitivities(_ input: StepInput) {
        if selfOnly {
            // Only l = j = i survives: p^j_{jm}(t) = f'_j (w_jj p^j_{jm}(t-1) + z_m), in place.
            for j in 0..<H {
                let row = p + j * hw
                scaleActive(row, kernel.w[j * hw + I])
                addSources(row, unit: j, input)
                scaleActive(row, fp[j])
            }
            return
        }
        swap(&p, &pOld)
        for j in 0..<H {
            let pj = p + j * Wh
            for i in 0..<H { zeroActive(pj + i * hw) }
            for l in 0..<H {
                let v = kernel.w[j * hw + I + l]  // w_jl: from hidden unit l into hidden unit j
                let pl = pOld + l * Wh
                for i in 0..<H { axpyActive(pj + i * hw, pl + i * hw, v) }
            }
            addSources(pj + j * hw, unit: j, input)
            for i in 0..<H { scaleActive(pj + i * hw, fp[j]) }
        }
    }

    /// Adds scale · Σ_j dh_j p^j_{im} to the hidden rows of `dest` (W&Z eq. 13 with e_j → dh_j).
    @inline(__always)
    func addHiddenGradient(into dest: UnsafeMutablePointer<Double>, scale: Double) {
        for j in 0..<H {
            let a = scale * kernel.dh[j]
            if selfOnly {
                axpyActive(dest + j * hw, p + j * hw, a)
            } else {
                let pj = p + j * Wh
                for i in 0..<H { axpyActive(dest + i * hw, pj + i * hw, a) }
            }
        }
    }
}
