// The paper's stopping criteria (Table 11): ST1/ST2 (Exp. 3), ST3(β) (Exps. 4, 6), the n_seq rule
// (Exp. 5), 10,000 consecutive correct sequences within a 5M cap (Exp. 2), and Exp. 1's "every
// string of the training and test sets predicted correctly".

/// What "average training error" means in ST3 (ambiguity A7).
public enum AverageError: String, Codable, Sendable, CaseIterable {
    /// The paper's E (eq. 16): squared error summed over outputs, averaged over scored steps and
    /// the window's sequences (the default).
    case sse
    /// Squared error averaged over outputs as well.
    case mse
    /// Absolute error averaged over outputs.
    case mae
}

/// ST1/ST2 on a test set drawn from the test stream (Exp. 3).
public struct TestCriteria: Codable, Sendable, Equatable {
    /// The check set size (256).
    public var size: Int
    /// ST1: at most this many misclassified (0 for 3a/3c; 5 for 3b: "fewer than 6").
    public var maxWrong: Int
    /// ST2: the mean absolute error must also be below this (0.01, 0.04, 0.015).
    public var maxMeanAbsError: Double
    /// Check at most every this many training sequences.
    public var checkEvery: Int
    /// Whether the check set is drawn once (true) or afresh at every check (A7).
    public var fixedSet: Bool
    /// Whether a check runs only once the most recent `size` training sequences already meet it.
    public var gate: Bool
}

/// When a trial stops with success.
public enum StopRule: Sendable, Equatable {
    /// Exp. 1: every sequence of the fixed training and test sets is correct.
    case setsCorrect(checkEvery: Int, gate: Bool)
    /// Exp. 2: `window` consecutive training sequences correct. With `countWindow` false, "success
    /// after" is the count before the window began (A6).
    case consecutive(window: Int, countWindow: Bool)
    /// Exp. 2, read as "after training" (A6, `train.success_test=frozen`): every `checkEvery`
    /// sequences the net, its weights frozen, processes `size` fresh test-stream sequences; the check
    /// stops at the first wrong one, and success is when all `size` are right.
    case frozenTest(size: Int, checkEvery: Int)
    /// Exp. 3: ST1 (recorded as a milestone), then ST2 stops the trial.
    case testCriteria(TestCriteria)
    /// Exps. 4, 6: ST3(β): average training error below β and the `window` most recent correct.
    case st3(beta: Double, window: Int, error: AverageError)
    /// Exp. 5: fewer than n of the `window` most recent training sequences wrong (|error| > 0.04).
    case nSeq(n: Int, window: Int)
}
