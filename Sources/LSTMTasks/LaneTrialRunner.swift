// Trials of one shape (LaneShape) K at a time (4 in float64, 8 in float32), one per SIMD lane of a
// LaneNetwork (issue 15): each lane runs its own trial's control flow (its sequence lengths, stopping
// rule, checks and final test) and, when its trial ends, takes the next trial the caller hands it while
// the other lanes are mid-sequence. Every outcome equals `TrialRunner.run`'s for the same spec, bit for
// bit (LaneTrialTests).

import LSTMCore

/// Runs trials of one shape K at a time (`LaneNetwork.laneCount`), in SIMD lanes.
///
/// Training runs in the lanes; a trial's evaluations (stopping checks, final test) run on its own net
/// with its lane's weights, or in its lane (`evaluatesInLanes`). Not thread-safe: one runner per
/// thread, like the trials it runs.
///
/// ```swift
/// var queue = specs[...]  // trials of one LaneShape
/// let runner = LaneTrialRunner(shape: LaneShape(specs[0])!)
/// runner.run(next: { queue.popFirst().map { LaneTrial(spec: $0, tag: $0.seed) } }) { seed, outcome in
///     print(seed, outcome.stopReason, outcome.sequences)
/// }
/// ```
public struct LaneTrialRunner {
    /// The shape every lane's net has.
    public let shape: LaneShape
    /// Builds learners by `net.kind` (only "lstm" runs in lanes; others run alone).
    public var factory: LearnerFactory
    /// The clock for the timing fields; nil leaves them 0. A trial's times run from its start to
    /// its end, and overlap the other lanes' trials.
    public var clock: (any TrialClock)?
    /// Whether a trial's evaluations (stopping checks, final test) run in its lane, beside the other
    /// lanes' training, or at once on the trial's own net while the lanes wait (the default). A lane
    /// step computes the partials and the gradient for every lane, so an evaluating lane costs a
    /// training step, about three times what evaluating alone costs; in lanes pays only when most
    /// lanes evaluate together. Outcomes are the same either way.
    public var evaluatesInLanes: Bool

    /// Creates a runner for trials of `shape`.
    public init(
        shape: LaneShape, factory: LearnerFactory = .standard, clock: (any TrialClock)? = nil, evaluatesInLanes: Bool = false
    ) {
        self.shape = shape
        self.factory = factory
        self.clock = clock
        self.evaluatesInLanes = evaluatesInLanes
    }

    /// Runs trials until `next` has none left and every lane's trial has ended.
    ///
    /// `next()` is called whenever a lane is free (K times at the start, then once per ended trial)
    /// and returns the trial to start there, or nil (the lane then stays idle). `finished(tag, outcome)`
    /// is called once per trial as it ends, in the order trials end. A trial whose spec is not of
    /// this runner's shape (or does not resolve) is run alone at once, inside `next`'s turn, so every
    /// trial gets its outcome; group trials by `LaneShape` so that this does not happen.
    public func run<Tag>(next: () -> LaneTrial<Tag>?, finished: (Tag, TrialOutcome) -> Void) {
        let lanes = LaneNetwork(topology: shape.topology, precision: shape.precision)
        var slots = [LaneSlot<Tag>?](repeating: nil, count: lanes.laneCount)
        let alone = TrialRunner(factory: factory, clock: clock)
        var exhausted = false  // `next` had no trial: a lane that idles does so for good
        lanes.run { lane, stats in
            // The lane's sequence ended: its trial takes it in and goes on, or ends. The last trial
            // left in the lanes leaves them: one busy lane of four costs about two single-trial steps
            // (docs/benchmarks.md), so it trains on to its end on its own net.
            var step: LaneSlot<Tag>.Step?
            if let stats, let slot = slots[lane] {
                let outputs = lanes.stepOutputs(lane: lane)
                let last = exhausted && slots.indices.allSatisfy { $0 == lane || slots[$0] == nil }
                step = last ? slot.sequenceEndedLeavingLanes(stats: stats, outputs: outputs) : slot.sequenceEnded(stats: stats, outputs: outputs)
            }
            while true {
                switch step {
                case .work(let work)?:
                    return work
                case .done(let outcome)?:
                    if let slot = slots[lane] { finished(slot.trial.tag, outcome) }
                    slots[lane] = nil
                case nil:
                    break
                }
                // A free lane takes the next trial that has a sequence to run.
                guard let trial = next() else {
                    exhausted = true
                    return nil
                }
                slots[lane] = start(trial, in: lane, of: lanes, alone: alone, finished: finished)
                step = slots[lane]?.proceed()
            }
        }
    }

    /// Sets `trial` up in `lane`, or, when it cannot train there (not of this shape, no budget, an
    /// error), runs it to its end at once and reports it.
    private func start<Tag>(
        _ trial: LaneTrial<Tag>, in lane: Int, of lanes: LaneNetwork, alone: TrialRunner,
        finished: (Tag, TrialOutcome) -> Void
    ) -> LaneSlot<Tag>? {
        let clock = TrialClockReading(self.clock)
        guard case .ready(let session, let partial) = alone.start(trial.spec),
            LaneShape(session.config) == shape, let net = session.learner as? LSTMNetwork
        else {
            finished(trial.tag, alone.run(trial.spec, control: trial.control))
            return nil
        }
        let slot = LaneSlot(trial: trial, session: session, partial: partial, clock: clock, runner: alone,
                            learner: LaneLearner(lanes: lanes, lane: lane, scratch: net), evaluatesInLane: evaluatesInLanes)
        if let reason = session.budgetReason() {  // a budget of 0 sequences: nothing to train
            finished(trial.tag, slot.conclude(reason, test: TrialRunner.runsFinalTest(after: reason) ? session.finalTest() : nil))
            return nil
        }
        lanes.setWeights(net.weights, lane: lane)
        session.learner = slot.learner
        return slot
    }
}

/// A trial to run in a lane: its spec, its control, and the caller's tag for it.
public struct LaneTrial<Tag> {
    public var spec: TrialSpec
    public var control: TrialControl
    /// Handed back with the outcome (an index, a trial ID).
    public var tag: Tag

    /// Creates a lane trial.
    public init(spec: TrialSpec, control: TrialControl = .none, tag: Tag) {
        (self.spec, self.control, self.tag) = (spec, control, tag)
    }
}
