// Whole sequences for BPTT: forward over the sequence, backward through it, one update.

extension BPTTNetwork: SequenceLearner {
    /// Trains on one sequence (one weight change at its end) and returns its error figures.
    ///
    /// BPTT needs the whole sequence before it can compute any gradient, so `.perStep` is treated as
    /// `.perSequence`: both apply the summed gradient once, after the backward pass.
    public func train(_ sequence: SequenceExample, learningRate: Double, timing: UpdateTiming) -> SequenceStats {
        var stats = accumulateGradient(sequence)
        kernel.applyAccumulated(learningRate: learningRate)
        stats.steps = sequence.length
        return stats
    }

    /// Runs one sequence forward and returns its error figures; no weight changes.
    public func evaluate(_ sequence: SequenceExample) -> SequenceStats {
        checkShape(sequence)
        reserve(steps: sequence.length)
        var stats = sequence.denseInputs.withUnsafeBufferPointer { xs in forward(sequence, xs: xs) }
        stats.steps = sequence.length
        return stats
    }

    /// The gradient −∂E/∂w of the sequence (E = ½ Σ (t - y)²; truncated if `truncation` is set), in
    /// the flat weight order, without changing any weight.
    public func gradient(for sequence: SequenceExample) -> [Double] {
        _ = accumulateGradient(sequence)
        return kernel.takeAccumulated()
    }

    /// Forward and backward passes; the gradient is left in the accumulators.
    func accumulateGradient(_ sequence: SequenceExample) -> SequenceStats {
        checkShape(sequence)
        reserve(steps: sequence.length)
        return sequence.denseInputs.withUnsafeBufferPointer { xs in
            let stats = forward(sequence, xs: xs)
            backward(sequence, xs: xs)
            return stats
        }
    }

    func checkShape(_ sequence: SequenceExample) {
        precondition(
            sequence.inputCount == I && sequence.outputCount == kernel.K,
            "sequence has \(sequence.inputCount) inputs and \(sequence.outputCount) outputs; net has \(I) and \(kernel.K)")
    }
}
