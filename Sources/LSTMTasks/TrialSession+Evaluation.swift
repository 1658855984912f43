// The evaluations a trial runs with frozen weights (Exp. 1's set checks, Exp. 2's frozen test, Exp. 3's
// ST1/ST2 check, the final test) as plans: which sequences, in which order, and whether the first wrong
// one ends the evaluation. TrialSession runs a plan at once on its learner; LaneTrialRunner runs it
// sequence by sequence in the trial's lane. Either way the same sequences are drawn in the same order.
import LSTMCore

/// Sequences to run forward with frozen weights, in order, scored and summed.
struct EvaluationPlan {
    /// A stored set (Exp. 1's sets, Exp. 3's fixed check set), or `count` fresh test-stream sequences.
    enum Part {
        case stored([(SequenceExample, Int)])
        case fresh(count: Int)
    }

    var parts: [Part]
    /// Whether the first wrong sequence ends the evaluation (checks that need all correct).
    var stopsAtFirstWrong: Bool
}

/// What a trial does after a training sequence: stop or go on, or first evaluate the net and decide
/// from the result.
enum StopCheck {
    case decided(StopReason?)
    case evaluate(EvaluationPlan, then: (TestAccumulator) -> StopReason?)
}

/// A plan in progress: the next sequence to evaluate and the sum so far.
struct EvaluationCursor {
    let plan: EvaluationPlan
    private var part = 0, index = 0
    private(set) var accumulator = TestAccumulator()

    init(_ plan: EvaluationPlan) { self.plan = plan }

    /// The next sequence and label, or nil when the plan is done. Fresh sequences are drawn from the
    /// session's test stream into its evaluation buffer (release the returned copy before the next call).
    mutating func next(_ session: TrialSession) -> (SequenceExample, Int)? {
        if plan.stopsAtFirstWrong && accumulator.wrong > 0 { return nil }
        while part < plan.parts.count {
            switch plan.parts[part] {
            case .stored(let set) where index < set.count:
                index += 1
                return set[index - 1]
            case .fresh(let count) where index < count:
                index += 1
                let label = session.task.fill(&session.evaluationBuffer, rng: &session.testRNG)
                return (session.evaluationBuffer, label)
            default:
                (part, index) = (part + 1, 0)
            }
        }
        return nil
    }

    /// Adds the verdict on the sequence `next` returned.
    mutating func add(_ score: SequenceScore) { accumulator.add(score) }
}

extension TrialSession {
    /// Runs a plan on the learner at once.
    func evaluate(_ plan: EvaluationPlan) -> TestAccumulator {
        var cursor = EvaluationCursor(plan)
        while let (s, label) = cursor.next(self) { cursor.add(evaluateOne(s, label)) }
        return cursor.accumulator
    }

    /// Evaluates a stored set at once, without learning.
    func evaluate(_ set: [(SequenceExample, Int)]) -> TestResult {
        evaluate(EvaluationPlan(parts: [.stored(set)], stopsAtFirstWrong: false)).result
    }

    /// Decides a stop check, running its evaluation on the learner if it has one.
    func resolve(_ check: StopCheck) -> StopReason? {
        switch check {
        case .decided(let reason): return reason
        case .evaluate(let plan, let then): return then(evaluate(plan))
        }
    }

    /// The net's verdict on one sequence, without learning.
    func evaluateOne(_ s: SequenceExample, _ label: Int) -> SequenceScore {
        _ = learner.evaluate(s)
        return task.score(s, label: label, outputs: learner.stepOutputs)
    }

    /// The final test: Exp. 1's fixed test set, or `train.test_size` fresh test sequences; nil for none.
    var finalTestPlan: EvaluationPlan? {
        if config.fixedSets != nil { return EvaluationPlan(parts: [.stored(testSet)], stopsAtFirstWrong: false) }
        return config.testSize > 0 ? EvaluationPlan(parts: [.fresh(count: config.testSize)], stopsAtFirstWrong: false) : nil
    }

    /// The final test's result, run on the learner.
    func finalTest() -> TestResult? { finalTestPlan.map { evaluate($0).result } }
}
