// What the lane loop changes as it goes: which lanes live and learn, how, this step's input lanes, the
// touched-column count and each lane's running error figures. It lives in memory LaneKernel points to,
// so that LaneKernel itself is all `let`s and its methods take it by reference: a struct with these as
// `var`s made the loop `mutating`, and each call from it to a step function that is not inlined copied
// the whole kernel first (LaneKernel.swift). The properties below forward to it, so the kernels read
// `live`, `dense` or `scale` as before.
#if LSTM_KERNELS_COPY
import LSTMKernels
#endif

/// The loop's changing state (see LaneKernel's properties of the same names).
struct LaneProgress {
    var unionCount = 0
    var live = LaneMask(repeating: false), learning = LaneMask(repeating: false)
    var accumulating = false
    var scale = LaneVector(repeating: 0)
    var rates = LaneDoubles(repeating: 0), applies = LaneMask(repeating: false)
    var dense = true
    var inputLanes = LaneMask(repeating: false), everyInput = false
    var squared = LaneDoubles(repeating: 0), maxAbs = LaneDoubles(repeating: 0)
    var finalMax = LaneDoubles(repeating: 0), targetCount = LaneCounts(repeating: 0)
}

extension LaneKernel {
    /// The number of entries of `union`.
    var unionCount: Int {
        get { progress.pointee.unionCount }
        nonmutating set { progress.pointee.unionCount = newValue }
    }
    /// Lanes with a job; lanes that learn at target steps; of those, whether per-sequence (accumulating).
    var live: LaneMask {
        get { progress.pointee.live }
        nonmutating set { progress.pointee.live = newValue }
    }
    var learning: LaneMask {
        get { progress.pointee.learning }
        nonmutating set { progress.pointee.learning = newValue }
    }
    var accumulating: Bool {
        get { progress.pointee.accumulating }
        nonmutating set { progress.pointee.accumulating = newValue }
    }
    /// Per lane: α (per-step updates) or 1 (accumulation), and α for applying the accumulators.
    var scale: LaneVector {
        get { progress.pointee.scale }
        nonmutating set { progress.pointee.scale = newValue }
    }
    var rates: LaneDoubles {
        get { progress.pointee.rates }
        nonmutating set { progress.pointee.rates = newValue }
    }
    var applies: LaneMask {
        get { progress.pointee.applies }
        nonmutating set { progress.pointee.applies = newValue }
    }
    /// Whether the sequences are dense (all lanes alike; see activeColumn for one-hot ones).
    var dense: Bool {
        get { progress.pointee.dense }
        nonmutating set { progress.pointee.dense = newValue }
    }
    /// The lanes with an active input at this step, and whether that is every lane (one-hot sequences).
    var inputLanes: LaneMask {
        get { progress.pointee.inputLanes }
        nonmutating set { progress.pointee.inputLanes = newValue }
    }
    var everyInput: Bool {
        get { progress.pointee.everyInput }
        nonmutating set { progress.pointee.everyInput = newValue }
    }
    /// The running error figures of each lane's sequence (SequenceStats, lane-wise).
    var squared: LaneDoubles {
        get { progress.pointee.squared }
        nonmutating set { progress.pointee.squared = newValue }
    }
    var maxAbs: LaneDoubles {
        get { progress.pointee.maxAbs }
        nonmutating set { progress.pointee.maxAbs = newValue }
    }
    var finalMax: LaneDoubles {
        get { progress.pointee.finalMax }
        nonmutating set { progress.pointee.finalMax = newValue }
    }
    var targetCount: LaneCounts {
        get { progress.pointee.targetCount }
        nonmutating set { progress.pointee.targetCount = newValue }
    }
}
