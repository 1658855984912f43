// Whole sequences for RTRL: reset, then per step the forward pass, the sensitivity update
// (W&Z eq. 12) and, at target steps, the exact gradient of that step's error (W&Z eqs. 13-14),
// applied at once (real-time, per-step) or summed and applied at the end (per-sequence). Under
// A23's `.previousStep` the outputs (and their gradient) come before the hidden step.

extension RTRLNetwork: SequenceLearner {
    /// Trains on one sequence and returns its error figures (measured before each step's update).
    ///
    /// With `.perStep`, each target step's change is written into the weights at once and the
    /// sensitivities carried forward mix old and new weights (W&Z's real-time approximation, A15).
    /// With `.perSequence`, the changes are summed and applied at the end: the exact gradient of
    /// the whole sequence, equal to full BPTT's.
    public func train(_ sequence: SequenceExample, learningRate: Double, timing: UpdateTiming) -> SequenceStats {
        var stats: SequenceStats
        switch timing {
        case .perStep:
            stats = run(sequence, learning: true, into: kernel.w, scale: learningRate)
        case .perSequence:
            stats = run(sequence, learning: true, into: kernel.g, scale: 1)
            kernel.applyAccumulated(learningRate: learningRate)
        }
        stats.steps = sequence.length
        return stats
    }

    /// Runs one sequence forward and returns its error figures; no weight changes.
    public func evaluate(_ sequence: SequenceExample) -> SequenceStats {
        var stats = run(sequence, learning: false, into: kernel.g, scale: 0)
        stats.steps = sequence.length
        return stats
    }

    /// The exact gradient −∂E/∂w of the whole sequence (E = ½ Σ (t - y)²), in the flat weight order,
    /// without changing any weight.
    public func gradient(for sequence: SequenceExample) -> [Double] {
        _ = run(sequence, learning: true, into: kernel.g, scale: 1)
        return kernel.takeAccumulated()
    }

    /// The shared loop. With `learning`, adds scale · (−∂E(t)/∂w) at every target step t to the [W]
    /// vector `dest` (the weights for per-step updates, the accumulators otherwise).
    func run(
        _ sequence: SequenceExample, learning: Bool, into dest: UnsafeMutablePointer<Double>, scale: Double
    ) -> SequenceStats {
        let K = kernel.K
        precondition(
            sequence.inputCount == I && sequence.outputCount == K,
            "sequence has \(sequence.inputCount) inputs and \(sequence.outputCount) outputs; net has \(I) and \(K)")
        resetSequence(encoding: sequence.encoding)
        let needed = sequence.length * K
        if stepOutputs.count < needed { stepOutputs = [Double](repeating: 0, count: max(needed, 2 * stepOutputs.count)) }
        var stats = SequenceStats()
        let outputsSeePrevious = topology.outputTiming == .previousStep
        sequence.denseInputs.withUnsafeBufferPointer { xs in
            for t in 0..<sequence.length {
                let input = StepInput(sequence, at: t, xs: xs)
                touch(input)
                if outputsSeePrevious {
                    // A23: y(t) reads h(t-1), so its error's gradient needs p(t-1), which the hidden step
                    // below then carries on to p(t) (after this step's change, as in W&Z's real-time rule).
                    outputs(at: t, sequence, input, h: hPrev, learning: learning, into: dest, scale: scale, &stats)
                    hiddenStep(input, learning: learning)
                } else {
                    hiddenStep(input, learning: learning)
                    outputs(at: t, sequence, input, h: h, learning: learning, into: dest, scale: scale, &stats)
                }
                swap(&h, &hPrev)
            }
        }
        return stats
    }

    /// h(t) from x(t) and h(t-1), and with `learning` the sensitivities carried from t-1 to t.
    @inline(__always)
    func hiddenStep(_ input: StepInput, learning: Bool) {
        kernel.hiddenStep(input, hPrev: hPrev, h: h)
        if learning {
            for j in 0..<H { fp[j] = h[j] * (1 - h[j]) }
            updateSensitivities(input)
        }
    }

    /// The outputs of step t from x(t) and the hidden values `h` they see; at a target step, the
    /// error figures and, with `learning`, scale · (−∂E(t)/∂w) added to `dest` (the sensitivities in
    /// `p` must be those of `h`).
    @inline(__always)
    func outputs(
        at t: Int, _ sequence: SequenceExample, _ input: StepInput, h: UnsafePointer<Double>, learning: Bool,
        into dest: UnsafeMutablePointer<Double>, scale: Double, _ stats: inout SequenceStats
    ) {
        let K = kernel.K
        kernel.outputStep(input, h: h)
        stepOutputs.withUnsafeMutableBufferPointer { out in
            for k in 0..<K { out[t * K + k] = kernel.y[k] }
        }
        guard sequence.hasTarget[t] else { return }
        if learning {
            // dh first: it must see the output weights before this step's change.
            kernel.outputErrorsCarriedBack(sequence, at: t, stats: &stats)
            addHiddenGradient(into: dest, scale: scale)
            kernel.addOutputGradient(into: dest, input, h: h, scale: scale)
        } else {
            kernel.outputErrors(sequence, at: t, stats: &stats)
        }
    }
}
