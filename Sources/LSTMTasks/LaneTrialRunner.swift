// Trials of one shape (LaneShape) four at a time, one per SIMD lane of a LaneNetwork (issue 15): each
// lane runs its own trial's control flow (its sequence lengths, stopping rule, checks and final test)
// and, when its trial ends, takes the next trial the caller hands it while the other lanes are
// mid-sequence. Every outcome equals `TrialRunner.run`'s for the same spec, bit for bit (LaneTrialTests).

import LSTMCore

/// Runs trials of one shape four at a time, in SIMD lanes.
///
/// Training sequences run in the lanes; a trial's stopping checks and final test run on its own net
/// loaded with its lane's weights (same bits, single-trial speed). Not thread-safe: one runner per
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

    /// Creates a runner for trials of `shape`.
    public init(shape: LaneShape, factory: LearnerFactory = .standard, clock: (any TrialClock)? = nil) {
        self.shape = shape
        self.factory = factory
        self.clock = clock
    }

    /// Runs trials until `next` has none left and every lane's trial has ended.
    ///
    /// `next()` is called whenever a lane is free (four times at the start, then once per ended trial)
    /// and returns the trial to start there, or nil (the lane then stays idle). `finished(tag, outcome)`
    /// is called once per trial as it ends, in the order trials end. A trial whose spec is not of
    /// this runner's shape (or does not resolve) is run alone at once, inside `next`'s turn, so every
    /// trial gets its outcome; group trials by `LaneShape` so that this does not happen.
    public func run<Tag>(next: () -> LaneTrial<Tag>?, finished: (Tag, TrialOutcome) -> Void) {
        let lanes = LaneNetwork(topology: shape.topology, precision: shape.precision)
        var slots = [LaneSlot<Tag>?](repeating: nil, count: LaneNetwork.laneCount)
        let alone = TrialRunner(factory: factory, clock: clock)
        lanes.run { lane, stats in
            // The lane's training sequence ended: finish it as TrialRunner's loop would.
            if let stats, let slot = slots[lane], let (sequence, label) = slot.pending.map({ ($0.0, $0.1) }) {
                slot.pending = nil  // released before the next draw refills the session's buffer
                slot.learner.isStale = true
                let session = slot.session
                let reason =
                    session.finishTraining(sequence, label: label, stats: stats, outputs: lanes.stepOutputs(lane: lane))
                    ?? session.controlReason(slot.trial.control) ?? session.budgetReason()
                if let reason {
                    finished(slot.trial.tag, slot.conclude(alone, reason: reason))
                    slots[lane] = nil
                }
            }
            // A free lane takes the next trial that has training to do.
            while slots[lane] == nil {
                guard let trial = next() else { return nil }
                slots[lane] = start(trial, in: lane, of: lanes, alone: alone, finished: finished)
            }
            guard let slot = slots[lane] else { return nil }
            let drawn = slot.session.drawTrainingSequence()
            slot.pending = drawn
            return LaneWork(drawn.0, .train(learningRate: slot.session.config.learningRate, timing: shape.timing))
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
        let slot = LaneSlot(trial: trial, session: session, partial: partial, clock: clock,
                            learner: LaneLearner(lanes: lanes, lane: lane, scratch: net))
        if let reason = session.budgetReason() {  // a budget of 0 sequences: nothing to train
            finished(trial.tag, slot.conclude(alone, reason: reason))
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

/// A trial running in a lane: its session, its outcome so far, and the training sequence in flight.
final class LaneSlot<Tag> {
    let trial: LaneTrial<Tag>
    let session: TrialSession
    let partial: TrialOutcome
    let clock: TrialClockReading
    let learner: LaneLearner
    /// The training sequence the lane is running, with its label.
    var pending: (SequenceExample, Int)?

    init(trial: LaneTrial<Tag>, session: TrialSession, partial: TrialOutcome, clock: TrialClockReading, learner: LaneLearner) {
        (self.trial, self.session, self.partial, self.clock, self.learner) = (trial, session, partial, clock, learner)
    }

    /// The trial's outcome, as TrialRunner.run gives it.
    func conclude(_ runner: TrialRunner, reason: StopReason) -> TrialOutcome {
        var outcome = runner.conclude(partial, session, reason: reason)
        clock.stamp(&outcome)
        return outcome
    }
}
