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
        return access.takeGradient(paddedMap)
    }

    /// The shared loop: reset (§1.5), then the sequence on the chosen copy of the kernels, which for
    /// each step clamps, computes, records the outputs and does `action` at steps with a target.
    func run(_ sequence: SequenceExample, action: TargetAction) -> SequenceStats {
        precondition(
            sequence.inputCount == topology.inputCount && sequence.outputCount == topology.outputCount,
            "sequence has \(sequence.inputCount) inputs and \(sequence.outputCount) outputs; net has \(topology.inputCount) and \(topology.outputCount)")
        let needed = sequence.length * topology.outputCount
        if stepOutputs.count < needed { stepOutputs = [Double](repeating: 0, count: max(needed, 2 * stepOutputs.count)) }
        let (variant, touched) = (kernelVariant, touchedCount)
        var paths = KernelPaths()
        if usesCompactKernel { paths.insert(.compact) }
        if usesOneCellKernel { paths.insert(.oneCell) }
        let result: KernelRun
        switch buffers {
        case .float64(let b):
            result = withBuffers(sequence) { variant.run(b, $0, touchedCount: touched, action: action, paths: paths) }
        case .float32(let b):
            result = withBuffers(sequence) { variant.run(b, $0, touchedCount: touched, action: action, paths: paths) }
        }
        touchedCount = result.touchedCount
        return result.stats
    }

    /// Calls `body` with the sequence's buffers and `stepOutputs` as the kernels read them.
    func withBuffers(_ sequence: SequenceExample, _ body: (SequenceBuffers) -> KernelRun) -> KernelRun {
        stepOutputs.withUnsafeMutableBufferPointer { out in
            sequence.denseInputs.withUnsafeBufferPointer { x in
                sequence.activeInput.withUnsafeBufferPointer { activeInput in
                    sequence.targets.withUnsafeBufferPointer { targets in
                        sequence.hasTarget.withUnsafeBufferPointer { hasTarget in
                            body(
                                SequenceBuffers(
                                    x: x, activeInput: activeInput, targets: targets, hasTarget: hasTarget, out: out,
                                    length: sequence.length, dense: sequence.encoding == .dense))
                        }
                    }
                }
            }
        }
    }

    /// w += α g for every trainable weight, then clears the accumulators (per-sequence updates).
    func applyAccumulated(learningRate: Double) {
        switch buffers {
        case .float64(let b): kernelVariant.applyAccumulated(b, paddedMap, learningRate: learningRate)
        case .float32(let b): kernelVariant.applyAccumulated(b, paddedMap, learningRate: learningRate)
        }
    }
}
