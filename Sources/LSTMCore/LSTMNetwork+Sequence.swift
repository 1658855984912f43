// Whole sequences: reset (§1.5), the steps, the truncated gradient at target steps (§2.3), and the
// weight changes, either after every target step or once per sequence (ambiguity A1).
import LSTMKernels

extension LSTMNetwork: SequenceLearner {
    /// Trains on one sequence and returns its error figures (measured before each step's update).
    ///
    /// With `.perStep`, each target step's change is written into the weights at once, so the
    /// partials carried forward mix old and new weights (ambiguity A15, the usual RTRL approximation).
    /// With `.perSequence`, the changes are summed and applied at the end.
    public func train(_ sequence: SequenceExample, learningRate: Double, timing: UpdateTiming) -> SequenceStats {
        var stats: SequenceStats
        switch timing {
        case .perStep:
            stats = run(sequence, action: .update(learningRate: learningRate))
        case .perSequence:
            stats = run(sequence, action: .accumulate)
            applyAccumulated(learningRate: learningRate)
        }
        stats.steps = sequence.length
        return stats
    }

    /// Runs one sequence forward and returns its error figures; no weight changes.
    public func evaluate(_ sequence: SequenceExample) -> SequenceStats {
        var stats = run(sequence, action: .measure)
        stats.steps = sequence.length
        return stats
    }

    /// The truncated gradient −∂E/∂w summed over the sequence, in WeightLayout order; no weight changes.
    public func gradient(for sequence: SequenceExample) -> [Double] {
        _ = run(sequence, action: .accumulate)
        let map = paddedMap, b = buffers
        let offset = b.gHidden - b.storage  // the accumulators mirror the weights' padded layout
        var result = [Double](repeating: 0, count: map.count)
        for i in 0..<map.count { result[i] = b.storage[offset + map[i]] }
        for i in 0..<b.matricesCount { b.gHidden[i] = 0 }
        return result
    }

    /// The shared loop: reset, then the sequence on the chosen copy of the kernels, which for each
    /// step clamps, computes, records the outputs and does `action` at steps with a target.
    func run(_ sequence: SequenceExample, action: TargetAction) -> SequenceStats {
        precondition(
            sequence.inputCount == buffers.inputs && sequence.outputCount == buffers.outputs,
            "sequence has \(sequence.inputCount) inputs and \(sequence.outputCount) outputs; net has \(buffers.inputs) and \(buffers.outputs)")
        resetSequence(encoding: sequence.encoding)
        let needed = sequence.length * buffers.outputs
        if stepOutputs.count < needed { stepOutputs = [Double](repeating: 0, count: max(needed, 2 * stepOutputs.count)) }
        let (net, active, touchedCount, compact, variant) = (buffers, active, touchedCount, usesCompactKernel, kernelVariant)
        let result = stepOutputs.withUnsafeMutableBufferPointer { out in
            sequence.denseInputs.withUnsafeBufferPointer { x in
                sequence.activeInput.withUnsafeBufferPointer { activeInput in
                    sequence.targets.withUnsafeBufferPointer { targets in
                        sequence.hasTarget.withUnsafeBufferPointer { hasTarget in
                            let buffers = SequenceBuffers(
                                x: x, activeInput: activeInput, targets: targets, hasTarget: hasTarget, out: out,
                                length: sequence.length, dense: sequence.encoding == .dense)
                            return variant.run(
                                net, buffers, active: active, touchedCount: touchedCount, action: action,
                                allowsCompact: compact)
                        }
                    }
                }
            }
        }
        self.active = result.active
        self.touchedCount = result.touchedCount
        return result.stats
    }

    /// w += α g for every trainable weight, then clears the accumulators (per-sequence updates).
    func applyAccumulated(learningRate: Double) {
        let map = paddedMap, b = buffers
        let offset = b.gHidden - b.storage
        for i in 0..<map.count {
            let p = map[i]
            b.storage[p] += learningRate * b.storage[offset + p]
        }
        for i in 0..<b.matricesCount { b.gHidden[i] = 0 }
    }
}
