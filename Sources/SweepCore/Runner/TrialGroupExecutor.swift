// Trials that run faster together than one at a time: the executable's LSTM presets train four
// (float64) or eight (float32) trials of one lane shape side by side in SIMD lanes. The worker engine knows nothing of lanes; it
// asks the executor for an opaque group key per claimed trial, and hands a group of same-key trials
// to `runGroup`, which pulls them one by one (refilling a lane as a trial ends) and hands each result
// back as soon as its trial ends, so the engine reports it at once.

/// A trial handed to a running group: its assignment and the flag it polls.
public struct GroupedTrial: Sendable {
    /// The trial to run.
    public var assignment: TrialAssignment
    /// True when this trial (not the group) should stop and report `cancelled`.
    public var isCancelled: @Sendable () -> Bool
    /// Told how far this trial has come, every so often (see ``TrialStanding``).
    public var progress: @Sendable (TrialStanding) -> Void

    /// Creates a grouped trial.
    public init(
        assignment: TrialAssignment, isCancelled: @escaping @Sendable () -> Bool,
        progress: @escaping @Sendable (TrialStanding) -> Void = { _ in }
    ) {
        self.assignment = assignment
        self.isCancelled = isCancelled
        self.progress = progress
    }
}

/// A ``TrialExecutor`` that can also run trials of one group together.
///
/// Contract: a trial's result in a group equals ``TrialExecutor/runTrial(_:isCancelled:)``'s for
/// the same assignment, except the timing fields and the provenance (which may say how it ran).
/// The engine groups only trials with equal non-nil keys, and only when at least two are claimed.
public protocol TrialGroupExecutor: TrialExecutor {
    /// How many trials of `assignment`'s group run at once (the engine claims up to this many of a
    /// key); the same for every assignment of one key.
    func groupWidth(for assignment: TrialAssignment) -> Int

    /// The key shared by the trials `assignment` can run together with, or nil to run it alone
    /// (also when a group would not be faster). Called once per claimed trial; should be cheap.
    func groupKey(for assignment: TrialAssignment) -> String?

    /// Runs trials of one key together until `next` returns nil and every started trial ended.
    ///
    /// `next()` is called whenever a trial can start (up to ``groupWidth(for:)`` at first, then once per
    /// ended trial) and may block while the engine claims more; `finished(trial, result)` is called
    /// once per started trial, as soon as it ends, on the calling thread.
    func runGroup(next: () -> GroupedTrial?, finished: (GroupedTrial, TrialResult) -> Void)
}
