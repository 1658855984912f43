// Backpropagation through time (Williams & Zipser 1995; Werbos 1990) on a RecurrentTopology: the
// forward pass stores h(t) for the whole sequence, the backward pass runs
// δ_j(t) = f'_j(t) [Σ_k w_kj e_k(t) + Σ_i w_ij δ_i(t+1)] from the last step to the first, and
// −∂E/∂w_im = Σ_t δ_i(t) z_m(t). With a truncation depth h, the error injected at step τ flows back
// through at most h recurrent connections (steps τ, τ-1, …, τ-h): BPTT(h) of Williams & Peng 1990.
// Under A23's `.previousStep` the outputs of step τ see h(τ-1), so their error enters the hidden
// units one step earlier (at τ-1, and the h steps before it); the outputs of step 0 see h(-1) = 0.
//
// Legend: as RecurrentKernel (I, H, K, hw, z, e), plus δ (delta: −∂E/∂net of the hidden units),
// τ a target step, T the sequence length.

/// A fully recurrent net of logistic units trained by BPTT, one update per sequence.
///
/// Not thread-safe: a trial owns one net. Fixed-size buffers are allocated once; the activation
/// history grows (doubling) only when a sequence longer than any before arrives, never per step.
/// Full BPTT costs O(T·W) per sequence; truncated BPTT costs O(#targets · min(h+1, T) · Wh).
///
/// ```swift
/// let net = BPTTNetwork(topology: .task2a(p: 100), weights: w)  // 2a-bptt-p100: 10404 weights
/// let stats = net.train(sequence, learningRate: 1.0, timing: .perSequence)
/// ```
public final class BPTTNetwork {
    /// The shape of the net.
    public let topology: RecurrentTopology
    /// The truncation depth h: how many recurrent connections an error crosses (nil: all, full BPTT).
    /// Any h ≥ T - 1 gives the full gradient of a T-step sequence.
    public let truncation: Int?
    /// Weights, gradient accumulators and the shared forward step.
    let kernel: RecurrentKernel
    let I: Int, H: Int, hw: Int, selfOnly: Bool
    /// 1 when the outputs of step t see h(t-1) (A23's `.previousStep`), else 0.
    let outputLag: Int

    /// δ(t) and δ(t+1) of the backward pass. Shape: [H] each; swapped after every step.
    var delta: UnsafeMutablePointer<Double>, deltaNext: UnsafeMutablePointer<Double>

    /// Hidden activations of the sequence; row 0 is h(-1) = 0, row t+1 is h(t).
    /// Shape: [historyCapacity + 1, H], row-major.
    var history: UnsafeMutablePointer<Double>
    /// The number of steps `history` holds without growing.
    public private(set) var historyCapacity: Int

    /// Output activations recorded at every step of the last sequence. Shape: [capacity, K].
    public internal(set) var stepOutputs: [Double] = []

    /// Creates a net with the given flat weights (RecurrentTopology's layout) and truncation depth
    /// (nil: full BPTT).
    public init(topology: RecurrentTopology, weights: [Double], truncation: Int? = nil) {
        precondition(truncation.map { $0 >= 0 } ?? true, "the truncation depth must be >= 0")
        self.topology = topology
        self.truncation = truncation
        I = topology.inputCount
        H = topology.hiddenCount
        hw = topology.hiddenRowWidth
        selfOnly = topology.recurrence == .selfOnly
        outputLag = topology.outputTiming == .previousStep ? 1 : 0
        kernel = RecurrentKernel(topology: topology, weights: weights, extraCount: 2 * H)
        delta = kernel.extra
        deltaNext = delta + H
        historyCapacity = 16
        history = .allocate(capacity: (historyCapacity + 1) * H)
        history.initialize(repeating: 0, count: (historyCapacity + 1) * H)
    }

    deinit { history.deallocate() }

    /// The number of trainable weights.
    public var weightCount: Int { kernel.W }
    /// The flat weight vector (RecurrentTopology's layout).
    public var weights: [Double] { kernel.weights }
    /// Whether every weight is finite.
    public var weightsAreFinite: Bool { kernel.weightsAreFinite }

    /// Makes room for a T-step sequence: reallocates the history (doubling) and the output record
    /// only when T exceeds every length seen before.
    func reserve(steps T: Int) {
        if T > historyCapacity {
            history.deallocate()
            historyCapacity = max(T, 2 * historyCapacity)
            history = .allocate(capacity: (historyCapacity + 1) * H)
            history.initialize(repeating: 0, count: (historyCapacity + 1) * H)  // row 0 stays h(-1) = 0
        }
        let needed = T * kernel.K
        if stepOutputs.count < needed { stepOutputs = [Double](repeating: 0, count: max(needed, 2 * stepOutputs.count)) }
    }

    // MARK: - Forward pass

    /// Runs the sequence forward, storing h(t) and y(t), and returns its error figures.
    func forward(_ sequence: SequenceExample, xs: UnsafeBufferPointer<Double>) -> SequenceStats {
        let K = kernel.K
        var stats = SequenceStats()
        for t in 0..<sequence.length {
            let input = StepInput(sequence, at: t, xs: xs)
            let h = history + (t + 1) * H
            kernel.hiddenStep(input, hPrev: history + t * H, h: h)
            kernel.outputStep(input, h: h - outputLag * H)
            stepOutputs.withUnsafeMutableBufferPointer { out in
                for k in 0..<K { out[t * K + k] = kernel.y[k] }
            }
            if sequence.hasTarget[t] { kernel.outputErrors(sequence, at: t, stats: &stats) }
        }
        return stats
    }

    // MARK: - Backward pass

    /// Sets e(τ) and dh = Σ_k w_kj e_k(τ) from the recorded outputs of step τ, and adds the output
    /// weights' gradient e_k(τ) [x(τ), h(τ - lag), 1] to the accumulators.
    @inline(__always)
    func injectOutputErrors(_ sequence: SequenceExample, at tau: Int, _ input: StepInput) {
        let K = kernel.K
        stepOutputs.withUnsafeBufferPointer { out in
            for k in 0..<K { kernel.y[k] = out[tau * K + k] }
        }
        var ignored = SequenceStats()  // the forward pass already measured this step
        kernel.outputErrorsCarriedBack(sequence, at: tau, stats: &ignored)
        kernel.addOutputGradient(into: kernel.g, input, h: history + (tau + 1 - outputLag) * H, scale: 1)
    }

    /// One backward step at t: δ_j(t) = f'_j(t) [dh_j + Σ_i w_ij δ_i(t+1)] with δ(t+1) in `deltaNext`,
    /// then −∂E/∂w_im += δ_i(t) z_m(t). Clears dh and leaves δ(t) in `deltaNext`.
    @inline(__always)
    func backwardStep(at t: Int, _ input: StepInput) {
        let h = history + (t + 1) * H
        let w = kernel.w, dh = kernel.dh
        for j in 0..<H {
            var sum = dh[j]
            if selfOnly {
                sum += w[j * hw + I] * deltaNext[j]
            } else {
                for i in 0..<H { sum += w[i * hw + I + j] * deltaNext[i] }  // w_ij: from j into i
            }
            delta[j] = h[j] * (1 - h[j]) * sum
            dh[j] = 0
        }
        kernel.addHiddenGradient(into: kernel.g, delta: delta, input, hPrev: history + t * H, scale: 1)
        swap(&delta, &deltaNext)
    }

    /// Accumulates −∂E/∂w of the sequence into the accumulators, after `forward`.
    func backward(_ sequence: SequenceExample, xs: UnsafeBufferPointer<Double>) {
        let T = sequence.length
        for j in 0..<H {
            kernel.dh[j] = 0
            deltaNext[j] = 0
        }
        guard let depth = truncation else {
            // Full BPTT: one sweep from T-1 to 0; the errors of step τ enter at step τ - lag.
            for t in stride(from: T - 1, through: 0, by: -1) {
                let input = StepInput(sequence, at: t, xs: xs)
                let tau = t + outputLag
                if tau < T && sequence.hasTarget[tau] { injectOutputErrors(sequence, at: tau, StepInput(sequence, at: tau, xs: xs)) }
                backwardStep(at: t, input)
            }
            injectOutputsOfStepZero(sequence, xs: xs)
            return
        }
        // BPTT(h): a separate sweep for each target step τ, from τ - lag down to max(0, τ - lag - h).
        for tau in 0..<T where sequence.hasTarget[tau] {
            if tau < outputLag { continue }
            for j in 0..<H { deltaNext[j] = 0 }
            injectOutputErrors(sequence, at: tau, StepInput(sequence, at: tau, xs: xs))
            let first = tau - outputLag
            backwardStep(at: first, StepInput(sequence, at: first, xs: xs))
            for t in stride(from: first - 1, through: max(0, first - depth), by: -1) {
                backwardStep(at: t, StepInput(sequence, at: t, xs: xs))
            }
        }
        injectOutputsOfStepZero(sequence, xs: xs)
    }

    /// Under `.previousStep`, the output weights' gradient of step 0, whose outputs see h(-1) = 0 and
    /// so send no error into the hidden units.
    func injectOutputsOfStepZero(_ sequence: SequenceExample, xs: UnsafeBufferPointer<Double>) {
        guard outputLag == 1, sequence.length > 0, sequence.hasTarget[0] else { return }
        injectOutputErrors(sequence, at: 0, StepInput(sequence, at: 0, xs: xs))
        for j in 0..<H { kernel.dh[j] = 0 }
    }
}
