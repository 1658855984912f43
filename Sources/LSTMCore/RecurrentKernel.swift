// The buffers, forward step and output-layer gradient shared by RTRLNetwork and BPTTNetwork
// (Williams & Zipser 1989, eqs. 1-2 for the forward step; paper eq. 3 for the logistic f).
//
// Legend: I inputs, H hidden units, K outputs, R recurrent columns of a hidden row (H, or 1 when
// self-recurrent), hw = hidden row width (I + R [+ 1]), ow = output row width ([I] + H [+ 1]),
// oi = input columns of an output row (I or 0), Wh = H·hw hidden weights, W = all weights,
// z = the sources of a hidden row at step t (x(t), h(t-1), 1), e_k = f'(net_k)(t_k - y_k) = −∂E/∂net_k.

/// The inputs of one step, read in place: dense values, or the one active index.
struct StepInput {
    /// Dense sequences: the I input values of this step. Nil for one-hot sequences.
    let values: UnsafePointer<Double>?
    /// One-hot sequences: the index of the input at 1.0, or -1 for none (dense: -1).
    let active: Int

    /// The inputs of step t of `sequence`, whose dense inputs are `xs` (valid while `xs` is).
    @inline(__always)
    init(_ sequence: SequenceExample, at t: Int, xs: UnsafeBufferPointer<Double>) {
        if sequence.encoding == .dense {
            values = xs.baseAddress.map { $0 + t * sequence.inputCount }
            active = -1
        } else {
            values = nil
            active = sequence.activeInput[t]
        }
    }
}

/// Weights, gradient accumulators and per-step output buffers of a fully recurrent net, in one
/// allocation (plus `extraCount` doubles the owning net carves its own buffers from).
final class RecurrentKernel {
    let topology: RecurrentTopology
    let I: Int, H: Int, K: Int, R: Int, hw: Int, ow: Int, oi: Int, Wh: Int, W: Int
    let selfOnly: Bool, hiddenBias: Bool, outputBias: Bool

    /// The one allocation all buffers below point into.
    let storage: UnsafeMutablePointer<Double>
    let storageCount: Int
    /// Weights. Shape: [W] = hidden rows [H, hw], then output rows [K, ow] (RecurrentTopology's layout).
    let w: UnsafeMutablePointer<Double>
    /// Gradient accumulators, −∂E/∂w summed over a sequence. Shape: [W], laid out as `w`.
    let g: UnsafeMutablePointer<Double>
    /// Output activations y_k and error signals e_k of the step being processed. Shape: [K] each.
    let y: UnsafeMutablePointer<Double>, e: UnsafeMutablePointer<Double>
    /// −∂E(t)/∂h_j(t): the output errors of this step reaching hidden unit j. Shape: [H].
    let dh: UnsafeMutablePointer<Double>
    /// The owning net's own buffers. Shape: [extraCount].
    let extra: UnsafeMutablePointer<Double>
    /// Tests only: compute the outputs and dh with the references `outputStepOneByOne` and
    /// `backpropagateOutputErrorsInPlace`.
    var referenceOutputLayer = false

    init(topology: RecurrentTopology, weights: [Double], extraCount: Int) {
        precondition(topology.problem == nil, topology.problem ?? "")
        precondition(
            weights.count == topology.weightCount, "expected \(topology.weightCount) weights, got \(weights.count)")
        self.topology = topology
        I = topology.inputCount
        H = topology.hiddenCount
        K = topology.outputCount
        R = topology.recurrentColumnCount
        hw = topology.hiddenRowWidth
        ow = topology.outputRowWidth
        oi = topology.outputInputColumnCount
        Wh = topology.hiddenWeightCount
        W = topology.weightCount
        selfOnly = topology.recurrence == .selfOnly
        hiddenBias = topology.hiddenBiases
        outputBias = topology.outputBiases
        storageCount = 2 * W + 2 * K + H + extraCount
        storage = .allocate(capacity: storageCount)
        storage.initialize(repeating: 0, count: storageCount)
        w = storage
        g = w + W
        y = g + W
        e = y + K
        dh = e + K
        extra = dh + H
        assert(extra + extraCount == storage + storageCount)
        for i in 0..<W { w[i] = weights[i] }
    }

    deinit { storage.deallocate() }

    // MARK: - Forward step

    /// Σ_m w_m x_m(t) over the row's input columns, touching only the active input when one-hot.
    @inline(__always)
    func inputSum(_ row: UnsafePointer<Double>, _ input: StepInput) -> Double {
        if let x = input.values {
            var sum = 0.0
            for m in 0..<I { sum += row[m] * x[m] }
            return sum
        }
        return input.active >= 0 ? row[input.active] : 0
    }

    /// h_i(t) = f(Σ_m w_im z_m(t)) for every hidden unit (W&Z eqs. 1-2), from x(t) and h(t-1).
    @inline(__always)
    func hiddenStep(_ input: StepInput, hPrev: UnsafePointer<Double>, h: UnsafeMutablePointer<Double>) {
        for i in 0..<H {
            let row = w + i * hw
            var sum = hiddenBias ? row[hw - 1] : 0
            sum += inputSum(row, input)
            if selfOnly {
                sum += row[I] * hPrev[i]
            } else {
                for j in 0..<H { sum += row[I + j] * hPrev[j] }
            }
            h[i] = Elementary.logistic(sum)
        }
    }

    /// y_k(t) = f(Σ_m w_km [x(t), h(t), 1]_m) for every output (same step: "each layer sees all below").
    ///
    /// The net inputs are summed first, each in `outputNet`'s order, and f is then applied four
    /// outputs at a time: the SIMD logistic equals the scalar one lane by lane, so every y_k has the
    /// bits of `outputStepOneByOne`'s. With one-hot inputs the logistics are most of a step (Task 2a
    /// at p = 100: 101 of them against a few hundred multiply-adds).
    @inline(__always)
    func outputStep(_ input: StepInput, h: UnsafePointer<Double>) {
        if referenceOutputLayer { return outputStepOneByOne(input, h: h) }
        for k in 0..<K { y[k] = outputNet(k, input, h: h) }
        Elementary.logistic(y, into: y, count: K)
    }

    /// The reference for `outputStep`: each output's net input and logistic in turn (the form every
    /// baseline used until 2026-12-02; tests check the two agree bit for bit).
    func outputStepOneByOne(_ input: StepInput, h: UnsafePointer<Double>) {
        for k in 0..<K { y[k] = Elementary.logistic(outputNet(k, input, h: h)) }
    }

    /// net_k(t) = Σ_m w_km [x(t), h(t), 1]_m, summed bias first, then the inputs, then the hidden units.
    @inline(__always)
    func outputNet(_ k: Int, _ input: StepInput, h: UnsafePointer<Double>) -> Double {
        let row = w + Wh + k * ow
        var sum = outputBias ? row[ow - 1] : 0
        if oi > 0 { sum += inputSum(row, input) }
        for j in 0..<H { sum += row[oi + j] * h[j] }
        return sum
    }

    // MARK: - Output errors

    /// e_k = y_k(1 - y_k)(t_k - y_k) at step t from the outputs in `y`, adding the step's error
    /// figures to `stats` (E = ½ Σ (t - y)²; the factor 2 is dropped as in paper eqs. 16-18).
    @inline(__always)
    func outputErrors(_ sequence: SequenceExample, at t: Int, stats: inout SequenceStats) {
        sequence.targets.withUnsafeBufferPointer { target in
            stats.addOutputErrors(targets: target, at: t, outputs: y, count: K, errors: e)
        }
    }

    /// dh_j = Σ_k w_kj e_k: the output errors carried back to the hidden units (current weights).
    ///
    /// Each dh_j is summed in a register over k = 0, 1, … (the order of the reference
    /// `backpropagateOutputErrorsInPlace`), not through memory, whose store-to-load round trip per
    /// output doubled the time of this chain of K dependent additions.
    @inline(__always)
    func backpropagateOutputErrors() {
        if referenceOutputLayer { return backpropagateOutputErrorsInPlace() }
        let column = w + Wh + oi
        for j in 0..<H {
            var sum = 0.0
            for k in 0..<K { sum += column[k * ow + j] * e[k] }
            dh[j] = sum
        }
    }

    /// The reference for `backpropagateOutputErrors`: dh accumulated in place, output by output.
    func backpropagateOutputErrorsInPlace() {
        for j in 0..<H { dh[j] = 0 }
        for k in 0..<K {
            let row = w + Wh + k * ow + oi
            let ek = e[k]
            for j in 0..<H { dh[j] += row[j] * ek }
        }
    }

    /// `outputErrors` and then `backpropagateOutputErrors`, in one pass over the outputs when there is
    /// one hidden unit (Task 2a's nets): dh's sum rides along with the error sums, in the same order,
    /// so the two chains of K dependent additions overlap.
    /// Not inlined: alone, the loop keeps its three running sums in registers (inlined into a
    /// learner's step loop, the squared error's sum was spilled to the stack on every output).
    @inline(never)
    func outputErrorsCarriedBack(_ sequence: SequenceExample, at t: Int, stats: inout SequenceStats) {
        guard H == 1 && !referenceOutputLayer else {
            outputErrors(sequence, at: t, stats: &stats)
            return backpropagateOutputErrors()
        }
        let column = w + Wh + oi
        var sum = 0.0
        sequence.targets.withUnsafeBufferPointer { target in
            stats.addOutputErrors(targets: target, at: t, outputs: y, count: K, errors: e) { k, ek in
                sum += column[k * ow] * ek
            }
        }
        dh[0] = sum
    }

    // MARK: - Gradient terms

    /// Adds coef · x_m(t) to the row's input columns (only the active one when one-hot).
    @inline(__always)
    func addInputTerms(_ row: UnsafeMutablePointer<Double>, _ coef: Double, _ input: StepInput) {
        if let x = input.values {
            for m in 0..<I { row[m] += coef * x[m] }
        } else if input.active >= 0 {
            row[input.active] += coef
        }
    }

    /// Adds scale · e_k · [x(t), h(t), 1] to every output row of `dest` (a [W] vector).
    @inline(__always)
    func addOutputGradient(into dest: UnsafeMutablePointer<Double>, _ input: StepInput, h: UnsafePointer<Double>, scale: Double) {
        for k in 0..<K {
            let row = dest + Wh + k * ow
            let coef = scale * e[k]
            if oi > 0 { addInputTerms(row, coef, input) }
            for j in 0..<H { row[oi + j] += coef * h[j] }
            if outputBias { row[ow - 1] += coef }
        }
    }

    /// Adds scale · δ_i · z(t) to every hidden row of `dest` (BPTT: δ_i = −∂E/∂net_i(t)).
    @inline(__always)
    func addHiddenGradient(
        into dest: UnsafeMutablePointer<Double>, delta: UnsafePointer<Double>, _ input: StepInput,
        hPrev: UnsafePointer<Double>, scale: Double
    ) {
        for i in 0..<H {
            let row = dest + i * hw
            let coef = scale * delta[i]
            addInputTerms(row, coef, input)
            if selfOnly {
                row[I] += coef * hPrev[i]
            } else {
                for j in 0..<H { row[I + j] += coef * hPrev[j] }
            }
            if hiddenBias { row[hw - 1] += coef }
        }
    }

    // MARK: - Weights

    /// w += α g, then clears the accumulators (per-sequence updates).
    func applyAccumulated(learningRate: Double) {
        for i in 0..<W {
            w[i] += learningRate * g[i]
            g[i] = 0
        }
    }

    /// The accumulated gradient as a flat vector; clears the accumulators.
    func takeAccumulated() -> [Double] {
        var result = [Double](repeating: 0, count: W)
        for i in 0..<W {
            result[i] = g[i]
            g[i] = 0
        }
        return result
    }

    /// The weights as a flat vector.
    var weights: [Double] { (0..<W).map { w[$0] } }

    /// Whether every weight is finite.
    var weightsAreFinite: Bool {
        for i in 0..<W where !w[i].isFinite { return false }
        return true
    }
}
