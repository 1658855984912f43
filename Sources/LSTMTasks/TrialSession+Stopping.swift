// The stopping rules of Table 11 applied after every training sequence (see StopRule.swift).

import LSTMCore

extension TrialSession {
    /// Applies the trial's stopping rule after a training sequence with verdict `score`.
    func checkStop(_ score: SequenceScore) -> StopReason? {
        switch config.stopRule {
        case .setsCorrect(let checkEvery, let gate):
            // Exp. 1: every string of the fixed training and test sets predicted correctly.
            guard !gate || (window.isFull && window.wrong == 0), sequences - lastCheck >= checkEvery else { return nil }
            lastCheck = sequences
            guard allCorrect(trainingSet), allCorrect(testSet) else { return nil }
            return succeed(at: sequences)

        case .consecutive(let size, let countWindow):
            // Exp. 2: `size` consecutive correct sequences; the weights keep learning (A6).
            run = score.correct ? run + 1 : 0
            guard run >= size else { return nil }
            return succeed(at: countWindow ? sequences : sequences - size)

        case .frozenTest(let size, let checkEvery):
            // Exp. 2, "after training": the frozen net must get `size` fresh sequences right.
            guard sequences - lastCheck >= checkEvery else { return nil }
            lastCheck = sequences
            return passesFrozenTest(size) ? succeed(at: sequences) : nil

        case .testCriteria(let c):
            // Exp. 3: ST1 (at most maxWrong of `size` wrong) is a milestone; ST2 adds the mean error.
            let reached = milestones["ST1"] != nil
            if c.gate {
                guard window.isFull, window.wrong <= c.maxWrong else { return nil }
                guard !reached || window.meanAbsolute < c.maxMeanAbsError else { return nil }
            }
            guard sequences - lastCheck >= c.checkEvery else { return nil }
            lastCheck = sequences
            let result: TestResult
            if c.fixedSet {
                if testSet.isEmpty {
                    var s = task.makeBuffer()
                    for _ in 0..<c.size {
                        let label = task.fill(&s, rng: &testRNG)
                        testSet.append((s, label))
                    }
                }
                result = evaluate(testSet)
            } else {
                result = evaluateFresh(c.size)
            }
            guard result.wrong <= c.maxWrong else { return nil }
            if !reached { milestones["ST1"] = sequences }
            return result.meanAbsError < c.maxMeanAbsError ? succeed(at: sequences) : nil

        case .st3(let beta, _, _):
            // Exps. 4, 6: the window's sequences all correct and its average error below β.
            return window.isFull && window.wrong == 0 && window.meanError < beta ? succeed(at: sequences) : nil

        case .nSeq(let n, _):
            // Exp. 5: fewer than n of the window's sequences wrong.
            return window.isFull && window.wrong < n ? succeed(at: sequences) : nil
        }
    }

    /// Whether the net, without learning, gets every sequence of a stored set right; stops at the first
    /// wrong one (the verdict is that of `evaluate(set).wrong == 0`, at a fraction of the cost).
    private func allCorrect(_ set: [(SequenceExample, Int)]) -> Bool {
        set.allSatisfy { s, label in evaluateOne(s, label).correct }
    }

    /// Whether the net, without learning, gets `count` fresh test-stream sequences right; stops at the
    /// first wrong one, so a check of a net that is not there yet costs one or a few sequences.
    private func passesFrozenTest(_ count: Int) -> Bool {
        var s = task.makeBuffer()
        for _ in 0..<count {
            let label = task.fill(&s, rng: &testRNG)
            if !evaluateOne(s, label).correct { return false }
        }
        return true
    }

    /// The runner's checks every `control.every` sequences: progress, cancellation, divergence.
    func controlReason(_ control: TrialControl) -> StopReason? {
        guard sequences % control.every == 0 else { return nil }
        control.progress(
            TrialProgress(sequences: sequences, maxSequences: config.maxSequences, steps: steps,
                          recentMeanError: recent.meanError, recentShareCorrect: recent.shareCorrect))
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

    /// The final test: Exp. 1's fixed test set, or `train.test_size` fresh test sequences.
    func finalTest() -> TestResult? {
        if config.fixedSets != nil { return evaluate(testSet) }
        return config.testSize > 0 ? evaluateFresh(config.testSize) : nil
    }
}
