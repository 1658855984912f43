// Driving the lanes: each lane's next work comes from the caller's callback when its sequence ends,
// while the other lanes are mid-sequence. A lane's sequence is copied into memory the lane owns
// (`LaneStage`), so the kernels never hold a pointer into a Swift array.
import LSTMKernels

extension LaneNetwork {
    /// Runs the lanes until every one is idle.
    ///
    /// `next(lane, finished)` is called once per lane at the start (`finished` nil) and each time that
    /// lane's sequence ends, with the sequence's figures as `train`/`evaluate` return them (with
    /// per-sequence timing, after the accumulated changes were applied); `stepOutputs(lane:)` then
    /// holds its outputs. It returns the lane's next work, or nil to idle the lane for good. The
    /// callback may call `setWeights(_:lane:)` and `weights(lane:)` for the lane it was called for
    /// (to load the next trial's net) but must not call `run`.
    public func run(_ next: (Int, SequenceStats?) -> LaneWork?) {
        let variant = kernelVariant
        // The kernel's view of a callback: stats out, the next job (staged into the lane's memory) in.
        let jobs: (Int, SequenceStats?) -> LaneJob? = { lane, finished in
            let stage = self.stages[lane]
            var stats = finished
            if stats != nil {
                stage.hasFreshOutputs = true  // copied out only if the callback asks (stepOutputs(lane:))
                stats?.steps = stage.length
            }
            guard let work = next(lane, stats) else { return nil }
            precondition(
                work.sequence.inputCount == self.topology.inputCount && work.sequence.outputCount == self.topology.outputCount,
                "sequence shape does not match the lanes' net")
            stage.hasFreshOutputs = false
            let buffers = stage.stage(work.sequence)
            switch work.kind {
            case .evaluate: return LaneJob(sequence: buffers, action: .measure)
            case .train(let rate, .perStep): return LaneJob(sequence: buffers, action: .update(learningRate: rate))
            case .train(let rate, .perSequence): return LaneJob(sequence: buffers, action: .accumulate, applyRate: rate)
            }
        }
        switch buffers {
        case .float64(let b): variant.runLanes(b, next: jobs)
        case .float32(let b): variant.runLanes(b, next: jobs)
        }
    }
}

/// One lane's copy of its current sequence and its output record, in memory it owns.
final class LaneStage {
    let inputCount: Int, outputCount: Int
    private(set) var capacity = 0, denseCapacity = 0
    private(set) var length = 0
    /// [denseCapacity, I] dense inputs, [capacity] one-hot inputs, [capacity, K] targets, [capacity]
    /// flags, [capacity, K] outputs.
    private var x: UnsafeMutablePointer<Double>, activeInput: UnsafeMutablePointer<Int>
    private var targets: UnsafeMutablePointer<Double>, hasTarget: UnsafeMutablePointer<Bool>
    private var out: UnsafeMutablePointer<Double>
    /// The last finished sequence's outputs, once `publishOutputs` copied them. Shape: [length, K]
    /// (may be longer).
    private(set) var outputs: [Double] = []
    /// Whether `out` holds a finished sequence's outputs that `outputs` does not have yet.
    var hasFreshOutputs = false

    init(inputs: Int, outputs: Int) {
        (inputCount, outputCount) = (inputs, outputs)
        (x, activeInput, targets, hasTarget, out) = (.allocate(capacity: 0), .allocate(capacity: 0),
            .allocate(capacity: 0), .allocate(capacity: 0), .allocate(capacity: 0))
    }

    func deallocate() {
        x.deallocate()
        activeInput.deallocate()
        targets.deallocate()
        hasTarget.deallocate()
        out.deallocate()
    }

    /// Copies `sequence` in (growing only for a longer sequence than any before) and returns the
    /// kernels' view of it.
    func stage(_ sequence: SequenceExample) -> SequenceBuffers {
        let n = sequence.length, dense = sequence.encoding == .dense
        if n > capacity { grow(to: max(n, 2 * capacity)) }
        if dense && n > denseCapacity {  // one-hot lanes never need [T, I] (2c-5: I = 1004)
            x.deallocate()
            denseCapacity = capacity
            x = .allocate(capacity: capacity * inputCount)
        }
        length = n
        if dense {
            Self.copy(sequence.denseInputs, into: x, count: n * inputCount)
        } else {
            Self.copy(sequence.activeInput, into: activeInput, count: n)
        }
        Self.copy(sequence.hasTarget, into: hasTarget, count: n)
        // Only the rows the kernels read: most tasks have one target step.
        sequence.targets.withUnsafeBufferPointer { source in
            guard let base = source.baseAddress else { return }
            for t in 0..<n where hasTarget[t] {
                (targets + t * outputCount).initialize(from: base + t * outputCount, count: outputCount)
            }
        }
        return SequenceBuffers(
            x: UnsafeBufferPointer(start: x, count: dense ? n * inputCount : 0),
            activeInput: UnsafeBufferPointer(start: activeInput, count: dense ? 0 : n),
            targets: UnsafeBufferPointer(start: targets, count: n * outputCount),
            hasTarget: UnsafeBufferPointer(start: hasTarget, count: n),
            out: UnsafeMutableBufferPointer(start: out, count: n * outputCount), length: n, dense: dense)
    }

    /// Copies the finished sequence's outputs into `outputs` (no allocation once it is long enough).
    func publishOutputs() {
        guard hasFreshOutputs else { return }
        hasFreshOutputs = false
        let count = length * outputCount
        if outputs.count < count { outputs = [Double](repeating: 0, count: max(count, 2 * outputs.count)) }
        let out = out
        outputs.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            base.update(from: out, count: count)
        }
    }

    /// Copies the first `count` elements of `array` (which has at least that many) to `destination`.
    private static func copy<T>(_ array: [T], into destination: UnsafeMutablePointer<T>, count: Int) {
        precondition(array.count >= count)
        array.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            destination.initialize(from: base, count: count)  // trivial values: no deinitialisation needed
        }
    }

    /// Replaces the per-step buffers (not the dense inputs) with ones of `newCapacity` steps.
    private func grow(to newCapacity: Int) {
        activeInput.deallocate()
        targets.deallocate()
        hasTarget.deallocate()
        out.deallocate()
        capacity = newCapacity
        activeInput = .allocate(capacity: newCapacity)
        targets = .allocate(capacity: newCapacity * outputCount)
        hasTarget = .allocate(capacity: newCapacity)
        out = .allocate(capacity: newCapacity * outputCount)
    }
}
