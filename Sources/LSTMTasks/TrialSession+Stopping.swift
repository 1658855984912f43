// The stopping rules of Table 11 applied after every training sequence (see StopRule.swift).

import LSTMCore

extension TrialSession {
    /// Applies the trial's stopping rule after a training sequence with verdict `score`: a decision, or
    /// the evaluation to run first and how to decide from its result.
    func stopCheck(_ score: SequenceScore) -> StopCheck {
        switch config.stopRule {
        case .setsCorrect(let checkEvery, let gate):
            // Exp. 1: every string of the fixed training and test sets predicted correctly (the
            // evaluation stops at the first wrong one: the verdict of all-correct, at a fraction of the cost).
            guard !gate || (window.isFull && window.wrong == 0), sequences - lastCheck >= checkEvery else {
                return .decided(nil)
            }
            lastCheck = sequences
            let plan = EvaluationPlan(parts: [.stored(trainingSet), .stored(testSet)], stopsAtFirstWrong: true)
            return .evaluate(plan) { [self] result in result.wrong == 0 ? succeed(at: sequences) : nil }

        case .consecutive(let size, let countWindow):
            // Exp. 2: `size` consecutive correct sequences; the weights keep learning (A6).
            run = score.correct ? run + 1 : 0
            guard run >= size else { return .decided(nil) }
            return .decided(succeed(at: countWindow ? sequences : sequences - size))

        case .frozenTest(let size, let checkEvery):
            // Exp. 2, "after training": the frozen net must get `size` fresh sequences right; the check
            // stops at the first wrong one, so a net that is not there yet costs one or a few sequences.
            guard sequences - lastCheck >= checkEvery else { return .decided(nil) }
            lastCheck = sequences
            let plan = EvaluationPlan(parts: [.fresh(count: size)], stopsAtFirstWrong: true)
            return .evaluate(plan) { [self] result in result.wrong == 0 ? succeed(at: sequences) : nil }

        case .testCriteria(let c):
            // Exp. 3: ST1 (at most maxWrong of `size` wrong) is a milestone; ST2 adds the mean error.
            let reached = milestones["ST1"] != nil
            if c.gate {
                guard window.isFull, window.wrong <= c.maxWrong else { return .decided(nil) }
                guard !reached || window.meanAbsolute < c.maxMeanAbsError else { return .decided(nil) }
            }
            guard sequences - lastCheck >= c.checkEvery else { return .decided(nil) }
            lastCheck = sequences
            let part: EvaluationPlan.Part
            if c.fixedSet {
                if testSet.isEmpty {
                    var s = task.makeBuffer()
                    for _ in 0..<c.size {
                        let label = task.fill(&s, rng: &testRNG)
                        testSet.append((s, label))
                    }
                }
                part = .stored(testSet)
            } else {
                part = .fresh(count: c.size)
            }
            return .evaluate(EvaluationPlan(parts: [part], stopsAtFirstWrong: false)) { [self] accumulator in
                let result = accumulator.result
                guard result.wrong <= c.maxWrong else { return nil }
                if !reached { milestones["ST1"] = sequences }
                return result.meanAbsError < c.maxMeanAbsError ? succeed(at: sequences) : nil
            }

        case .st3(let beta, _, _):
            // Exps. 4, 6: the window's sequences all correct and its average error below β.
            return .decided(window.isFull && window.wrong == 0 && window.meanError < beta ? succeed(at: sequences) : nil)

        case .nSeq(let n, _):
            // Exp. 5: fewer than n of the window's sequences wrong.
            return .decided(window.isFull && window.wrong < n ? succeed(at: sequences) : nil)
        }
    }

    /// The runner's checks every `control.every` sequences: progress, cancellation, divergence.
    func controlReason(_ control: TrialControl) -> StopReason? {
        guard sequences % control.every == 0 else { return nil }
        control.progress(
            TrialProgress(sequences: sequences, maxSequences: config.maxSequences, steps: steps,
                          recentMeanError: recent.meanError, recentShareCorrect: recent.shareCorrect,
                          cellStateMagnitudes: cellStateWatch?.take()))
        if control.isCancelled() { return .cancelled }
        return learner.weightsAreFinite ? nil : .diverged
    }

    /// Why the trial stops when its budget is spent (budget, or diverged if a weight is not finite),
    /// or nil while sequences remain.
    func budgetReason() -> StopReason? {
        guard sequences >= config.maxSequences else { return nil }
        return learner.weightsAreFinite ? .budget : .diverged
    }

    private func succeed(at count: Int) -> StopReason {
        successAt = count
        return .success
    }
}
