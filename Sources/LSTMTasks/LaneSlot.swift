// One trial in a lane, as a small state machine driven by its lane's sequence ends: training, then
// (when its stopping rule evaluates the net) a check, back to training or on to the final test, then
// its outcome. The session decides everything (TrialSession, EvaluationPlan); this only feeds the lane.
// Evaluations run in the lane, or (the default, cheaper with mixed lanes: a lane step costs a training
// step for every lane) at once on the trial's own net with the lane's weights (LaneLearner).
import LSTMCore

/// A trial running in a lane of a LaneTrialRunner.
final class LaneSlot<Tag> {
    /// What the lane's sequences are for.
    enum Phase {
        case training
        /// A stopping check's evaluation, decided by `then` once done.
        case checking(EvaluationCursor, then: (TestAccumulator) -> StopReason?)
        /// The final test of a trial that stopped for `reason`.
        case testing(EvaluationCursor, reason: StopReason)
    }

    /// The lane's next sequence, or the trial's outcome.
    enum Step {
        case work(LaneWork)
        case done(TrialOutcome)
    }

    let trial: LaneTrial<Tag>
    let session: TrialSession
    let partial: TrialOutcome
    let clock: TrialClockReading
    let runner: TrialRunner
    let learner: LaneLearner
    /// Whether evaluations run in the lane (else at once on the trial's own net, the lanes waiting).
    let evaluatesInLane: Bool
    var phase = Phase.training
    /// The sequence the lane is running, with its label.
    private var pending: (SequenceExample, Int)?

    init(
        trial: LaneTrial<Tag>, session: TrialSession, partial: TrialOutcome, clock: TrialClockReading,
        runner: TrialRunner, learner: LaneLearner, evaluatesInLane: Bool
    ) {
        (self.trial, self.session, self.partial, self.clock) = (trial, session, partial, clock)
        (self.runner, self.learner, self.evaluatesInLane) = (runner, learner, evaluatesInLane)
    }

    /// The lane finished the pending sequence with `stats` and `outputs`: take it in, then go on.
    func sequenceEnded(stats: SequenceStats, outputs: [Double]) -> Step {
        if let decided = absorb(stats: stats, outputs: outputs), let step = stop(decided) { return step }
        return proceed()
    }

    /// The lane finished the pending sequence and the trial is the last one in the lanes: take it in,
    /// then train on to the end on the trial's own net, as TrialRunner does (between sequences the
    /// lane's weights are the net's whole state, and either kernel gives the same bits). A trial in
    /// the middle of an evaluation in its lane stays there.
    func sequenceEndedLeavingLanes(stats: SequenceStats, outputs: [Double]) -> Step {
        if let decided = absorb(stats: stats, outputs: outputs), let step = stop(decided) { return step }
        guard case .training = phase else { return proceed() }
        learner.scratch.setWeights(learner.weights)
        session.learner = learner.scratch
        let reason = runner.train(session, control: trial.control)
        return .done(conclude(reason, test: TrialRunner.runsFinalTest(after: reason) ? session.finalTest() : nil))
    }

    /// Takes in the pending sequence's result; returns the stopping rule's decision after a training
    /// sequence (nil inside: no decision yet).
    private func absorb(stats: SequenceStats, outputs: [Double]) -> StopReason?? {
        guard let (s, label) = pending.map({ ($0.0, $0.1) }) else { return nil }
        pending = nil  // released before the next draw refills the session's buffers
        switch phase {
        case .training:
            learner.isStale = true
            let check = session.recordTraining(s, label: label, stats: stats, outputs: outputs)
            switch check {
            case .evaluate(let plan, let then) where evaluatesInLane: phase = .checking(EvaluationCursor(plan), then: then)
            default: return .some(session.resolve(check))  // decided, or evaluated at once on the trial's net
            }
        case .checking(var cursor, let then):
            cursor.add(session.task.score(s, label: label, outputs: outputs))
            phase = .checking(cursor, then: then)
        case .testing(var cursor, let reason):
            cursor.add(session.task.score(s, label: label, outputs: outputs))
            phase = .testing(cursor, reason: reason)
        }
        return nil
    }

    /// The lane's next sequence in the current phase, moving on when a phase ends.
    func proceed() -> Step {
        while true {
            switch phase {
            case .training:
                let drawn = session.drawTrainingSequence()
                pending = drawn
                return .work(LaneWork(drawn.0, .train(learningRate: session.config.learningRate, timing: session.config.timing)))
            case .checking(var cursor, let then):
                if let next = cursor.next(session) {
                    phase = .checking(cursor, then: then)
                    pending = next
                    return .work(LaneWork(next.0, .evaluate))
                }
                phase = .training
                if let step = stop(then(cursor.accumulator)) { return step }
            case .testing(var cursor, let reason):
                if let next = cursor.next(session) {
                    phase = .testing(cursor, reason: reason)
                    pending = next
                    return .work(LaneWork(next.0, .evaluate))
                }
                return .done(conclude(reason, test: cursor.accumulator.result))
            }
        }
    }

    /// After a decided stopping check, TrialRunner's own checks; nil to go on training, or the outcome
    /// (a trial that runs a final test enters `.testing` and goes on too).
    private func stop(_ decided: StopReason?) -> Step? {
        guard let reason = decided ?? session.controlReason(trial.control) ?? session.budgetReason() else { return nil }
        guard TrialRunner.runsFinalTest(after: reason), let plan = session.finalTestPlan else {
            return .done(conclude(reason, test: nil))
        }
        guard evaluatesInLane else { return .done(conclude(reason, test: session.evaluate(plan).result)) }
        phase = .testing(EvaluationCursor(plan), reason: reason)
        return nil
    }

    /// The trial's outcome, as TrialRunner.run gives it.
    func conclude(_ reason: StopReason, test: TestResult?) -> TrialOutcome {
        var outcome = runner.conclude(partial, session, reason: reason, test: test)
        clock.stamp(&outcome)
        return outcome
    }
}
