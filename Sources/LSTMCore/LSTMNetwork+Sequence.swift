// Whole sequences: reset (§1.5), the steps, the truncated gradient at target steps (§2.3), and the
// weight changes, either after every target step or once per sequence (ambiguity A1).

extension LSTMNetwork: SequenceLearner {
    /// Trains on one sequence and returns its error figures (measured before each step's update).
    ///
    /// With `.perStep`, each target step's change is written into the weights at once, so the
    /// partials carried forward mix old and new weights (ambiguity A15, the usual RTRL approximation).
    /// With `.perSequence`, the changes are summed and applied at the end.
    public func train(_ sequence: SequenceExample, learningRate: Double, timing: UpdateTiming) -> SequenceStats {
        let (wHidden, wOutput, gHidden, gOutput) = (wHidden, wOutput, gHidden, gOutput)
        var stats: SequenceStats
        switch timing {
        case .perStep:
            stats = run(sequence, learning: true) { kernel, target, t, stats in
                kernel.backpropagate(target, at: t, into: wHidden, wOutput, scale: learningRate, stats: &stats)
            }
        case .perSequence:
            stats = run(sequence, learning: true) { kernel, target, t, stats in
                kernel.backpropagate(target, at: t, into: gHidden, gOutput, scale: 1, stats: &stats)
            }
            applyAccumulated(learningRate: learningRate)
        }
        stats.steps = sequence.length
        return stats
    }

    /// Runs one sequence forward and returns its error figures; no weight changes.
    public func evaluate(_ sequence: SequenceExample) -> SequenceStats {
        var stats = run(sequence, learning: false) { kernel, target, t, stats in
            kernel.measure(target, at: t, stats: &stats)
        }
        stats.steps = sequence.length
        return stats
    }

    /// The truncated gradient −∂E/∂w summed over the sequence, in WeightLayout order; no weight changes.
    public func gradient(for sequence: SequenceExample) -> [Double] {
        let (gHidden, gOutput) = (gHidden, gOutput)
        _ = run(sequence, learning: true) { kernel, target, t, stats in
            kernel.backpropagate(target, at: t, into: gHidden, gOutput, scale: 1, stats: &stats)
        }
        let map = paddedMap
        let offset = gHidden - storage  // the accumulators mirror the weights' padded layout
        var result = [Double](repeating: 0, count: map.count)
        for i in 0..<map.count { result[i] = storage[offset + map[i]] }
        for i in 0..<matricesCount { gHidden[i] = 0 }
        return result
    }

    /// The shared loop: reset, then for each step clamp, compute, record outputs, and call
    /// `atTarget(kernel, targets, t, &stats)` at steps with a target (`targets` is [length, K]).
    ///
    /// Everything the loop touches is taken out of the class and the sequence once, before the first
    /// step: the kernel's sizes and pointers, and the sequence's and `stepOutputs`' buffers.
    @inline(__always)
    func run(
        _ sequence: SequenceExample, learning: Bool,
        atTarget: (StepKernel, UnsafeBufferPointer<Double>, Int, inout SequenceStats) -> Void
    ) -> SequenceStats {
        precondition(
            sequence.inputCount == inputs && sequence.outputCount == outputs,
            "sequence has \(sequence.inputCount) inputs and \(sequence.outputCount) outputs; net has \(inputs) and \(outputs)")
        resetSequence(encoding: sequence.encoding)
        let needed = sequence.length * outputs
        if stepOutputs.count < needed { stepOutputs = [Double](repeating: 0, count: max(needed, 2 * stepOutputs.count)) }
        var stats = SequenceStats()
        var kernel = StepKernel(self)
        let length = sequence.length, outputs = outputs, yOutput = yOutput
        let compact = usesCompactKernel && kernel.isCompact
        stepOutputs.withUnsafeMutableBufferPointer { out in
            sequence.denseInputs.withUnsafeBufferPointer { x in
                sequence.activeInput.withUnsafeBufferPointer { activeInput in
                    sequence.targets.withUnsafeBufferPointer { targets in
                        sequence.hasTarget.withUnsafeBufferPointer { hasTarget in
                            if compact {
                                kernel.runCompact(
                                    x, activeInput, targets, hasTarget, out, length: length, learning: learning,
                                    stats: &stats, atTarget: atTarget)
                                return
                            }
                            for t in 0..<length {
                                kernel.clampInputs(x, activeInput, at: t)
                                kernel.forward(learning: learning)
                                for k in 0..<outputs { out[t * outputs + k] = yOutput[k] }
                                if hasTarget[t] { atTarget(kernel, targets, t, &stats) }
                            }
                        }
                    }
                }
            }
        }
        active = kernel.active
        touchedCount = kernel.touchedCount
        return stats
    }

    /// w += α g for every trainable weight, then clears the accumulators (per-sequence updates).
    func applyAccumulated(learningRate: Double) {
        let map = paddedMap
        let offset = gHidden - storage
        for i in 0..<map.count {
            let p = map[i]
            storage[p] += learningRate * storage[offset + p]
        }
        for i in 0..<matricesCount { gHidden[i] = 0 }
    }
}

extension StepKernel {
    /// Error figures of step t without any gradient.
    @inline(__always)
    func measure(_ target: UnsafeBufferPointer<Double>, at t: Int, stats: inout SequenceStats) {
        var finalMax = 0.0
        for k in 0..<outputs {
            let diff = target[t * outputs + k] - yOutput[k]
            stats.squaredError += diff * diff
            finalMax = max(finalMax, abs(diff))
        }
        stats.maxAbsError = max(stats.maxAbsError, finalMax)
        stats.finalMaxAbsError = finalMax
        stats.targetCount += outputs
    }
}
