// Whole sequences on the step kernels: the entry point LSTMNetwork calls, and the loop it runs. This file
// and the StepKernel files are compiled once per precision and instruction set (README.md): here as
// float64 for any CPU; LSTMNetwork picks the copy. Copies of one precision compute the same bits.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

/// Runs sequences of a 1997 LSTM net on the kernels of this module.
package enum SequenceKernel {
    /// Runs one sequence from a fresh start (§1.5): reset the net's state, then for each step clamp
    /// the inputs, compute, record the outputs, and at steps with a target do `action`.
    ///
    /// - Parameters:
    ///   - net: the net's buffers.
    ///   - touchedCount: how many input columns the net's last sequence touched (see `KernelRun`).
    ///   - paths: the specialised kernels the run may take: the one-quad kernel for small nets, the
    ///     one-cell kernel for learning on nets of one cell (tests turn them off to compare them with
    ///     the generic kernels).
    package static func run(
        _ net: KernelBuffers<Real>, _ sequence: SequenceBuffers, touchedCount: Int, action: TargetAction,
        paths: KernelPaths
    ) -> KernelRun {
        var kernel = StepKernel(net, dense: sequence.dense, touchedCount: touchedCount)
        kernel.resetSequence()
        var stats = SequenceStats()
        let compact = paths.contains(.compact) && net.isCompact
        let oneCell = paths.contains(.oneCell) && !compact && net.cells == 1
        let (wHidden, wOutput, gHidden, gOutput) = (net.wHidden, net.wOutput, net.gHidden, net.gOutput)
        // One specialised loop per action, so that `learning` and the target step are constants in it.
        switch action {
        case .update(let learningRate) where oneCell:
            kernel.runOneCell(sequence, into: wHidden, wOutput, scale: Real(learningRate), stats: &stats)
        case .accumulate where oneCell:
            kernel.runOneCell(sequence, into: gHidden, gOutput, scale: 1, stats: &stats)
        case .update(let learningRate):
            kernel.run(sequence, compact: compact, learning: true, stats: &stats) { kernel, target, t, stats in
                kernel.backpropagate(target, at: t, into: wHidden, wOutput, scale: Real(learningRate), stats: &stats)
            }
        case .accumulate:
            kernel.run(sequence, compact: compact, learning: true, stats: &stats) { kernel, target, t, stats in
                kernel.backpropagate(target, at: t, into: gHidden, gOutput, scale: 1, stats: &stats)
            }
        case .measure:
            kernel.run(sequence, compact: compact, learning: false, stats: &stats) { kernel, target, t, stats in
                kernel.measure(target, at: t, stats: &stats)
            }
        }
        return KernelRun(stats: stats, touchedCount: kernel.touchedCount)
    }

    /// w += α g for every trainable weight (at the padded positions `map`), then clears the
    /// accumulators: the update of per-sequence learning.
    package static func applyAccumulated(_ net: KernelBuffers<Real>, _ map: [Int], learningRate: Double) {
        let storage = net.storage, offset = net.gHidden - net.storage, rate = Real(learningRate)
        for i in 0..<map.count {
            let p = map[i]
            storage[p] += rate * storage[offset + p]
        }
        for i in 0..<net.matricesCount { net.gHidden[i] = 0 }
    }
}

extension StepKernel {
    /// Zeroes states and partials for a new sequence (paper §1.5: every sequence starts afresh):
    /// only the partial columns that may be non-zero (the inputs touched last time, recurrent sources,
    /// bias). Dense sequences then count every input column as touched.
    mutating func resetSequence() {
        for i in 0..<touchedCount {
            let m = touched[i]
            (dsInGate + m * cells4).update(repeating: 0, count: cells4)
            (dsCell + m * cells4).update(repeating: 0, count: cells4)
            isTouched[m] = false
        }
        (dsInGate + inputs * cells4).update(repeating: 0, count: (hs - inputs) * cells4)
        (dsCell + inputs * cells4).update(repeating: 0, count: (hs - inputs) * cells4)
        for c in 0..<cells { state[c] = 0 }
        for m in 0..<sources { src[m] = 0 }
        active = -1
        touchedCount = 0
        guard dense else { return }
        for m in 0..<inputs {
            touched[m] = m
            isTouched[m] = true
        }
        touchedCount = inputs
    }

    /// The step loop, on the one-quad kernel when `compact`; `atTarget(kernel, targets, t, &stats)`
    /// runs at each step with a target (`targets` is [length, K]).
    @inline(__always)
    mutating func run(
        _ sequence: SequenceBuffers, compact: Bool, learning: Bool, stats: inout SequenceStats,
        atTarget: (StepKernel, UnsafeBufferPointer<Double>, Int, inout SequenceStats) -> Void
    ) {
        let (x, activeInput, targets, hasTarget, out) =
            (sequence.x, sequence.activeInput, sequence.targets, sequence.hasTarget, sequence.out)
        if compact {
            runCompact(
                x, activeInput, targets, hasTarget, out, length: sequence.length, learning: learning,
                stats: &stats, atTarget: atTarget)
            return
        }
        for t in 0..<sequence.length {
            clampInputs(x, activeInput, at: t)
            forward(learning: learning)
            for k in 0..<outputs { out[t * outputs + k] = Double(yOutput[k]) }
            if hasTarget[t] { atTarget(self, targets, t, &stats) }
        }
    }

    /// Error figures of step t without any gradient.
    @inline(__always)
    func measure(_ target: UnsafeBufferPointer<Double>, at t: Int, stats: inout SequenceStats) {
        var finalMax = 0.0
        for k in 0..<outputs {
            let diff = target[t * outputs + k] - Double(yOutput[k])
            stats.squaredError += diff * diff
            finalMax = max(finalMax, abs(diff))
        }
        stats.maxAbsError = max(stats.maxAbsError, finalMax)
        stats.finalMaxAbsError = finalMax
        stats.targetCount += outputs
    }
}
