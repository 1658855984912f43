// What a trial produced (architecture.md §6). Everything but the timing fields is a function of
// the spec alone, so outcomes of the same spec compare equal after `withoutTiming()`.

/// Results on a test set.
public struct TestResult: Codable, Sendable, Equatable {
    /// The number of test sequences.
    public var size: Int
    /// How many were not correct by the task's test.
    public var wrong: Int
    /// Mean over (scored step, output) of the squared error.
    public var mse: Double
    /// Mean over (scored step, output) of the absolute error (3c: to the noise-free target).
    public var meanAbsError: Double
}

/// One learning-curve sample.
public struct CurvePoint: Codable, Sendable, Equatable {
    /// Training sequences so far.
    public var sequences: Int
    /// Mean squared error per scored output over the sequences since the previous sample.
    public var meanError: Double
    /// The share of those sequences that were correct.
    public var shareCorrect: Double
}

/// The outcome of one trial.
public struct TrialOutcome: Codable, Sendable, Equatable {
    /// The preset and seed of the spec.
    public var preset: String
    public var seed: UInt64
    /// Every resolved parameter (empty if the spec did not resolve).
    public var parameters: ParameterMap
    /// Whether the paper's success criterion was met within the budget.
    public var success: Bool
    /// Why training stopped.
    public var stopReason: StopReason
    /// The error message when `stopReason == .error`.
    public var error: String?
    /// Training sequences until the stop: the paper's "success after".
    public var sequences: Int
    /// Training sequences actually presented (includes a success window, A6).
    public var sequencesTrained: Int
    /// Intermediate events by name: "ST1" (Exp. 3), "cell_added" (2a/2b).
    public var milestones: [String: Int]
    /// The final test, when the task has one.
    public var test: TestResult?
    /// Trainable weights of the final net.
    public var weightCount: Int
    /// Training time steps processed.
    public var steps: Int
    /// Wall-clock and CPU seconds of the trial (0 without a clock).
    public var wallSeconds: Double
    public var cpuSeconds: Double
    /// Training steps per wall-clock second.
    public var stepsPerSecond: Double
    /// The learning curve.
    public var curve: [CurvePoint]
    /// The learner and its gradient ("lstm-1997-truncated").
    public var method: String
    /// The floating-point precision of the numerics.
    public var precision: String

    /// The outcome with the timing fields zeroed, for determinism comparisons.
    public func withoutTiming() -> TrialOutcome {
        var copy = self
        copy.wallSeconds = 0
        copy.cpuSeconds = 0
        copy.stepsPerSecond = 0
        return copy
    }
}

/// A progress report, delivered every `TrialControl.every` sequences.
public struct TrialProgress: Sendable {
    /// Training sequences so far, and the budget.
    public var sequences: Int, maxSequences: Int
    /// Training time steps so far.
    public var steps: Int
    /// Mean squared error per scored output over the recent window.
    public var recentMeanError: Double
    /// The share of recent sequences that were correct.
    public var recentShareCorrect: Double
    /// Per cell, the mean |s_c| at the end of the training sequences since the last report (the
    /// paper's "internal state drift", §4); nil unless the control watches cell states and the
    /// learner is the LSTM with its cells (not 2a/2b before the construction adds the cell).
    public var cellStateMagnitudes: [Double]?

    /// Creates a report.
    public init(sequences: Int, maxSequences: Int, steps: Int, recentMeanError: Double, recentShareCorrect: Double,
                cellStateMagnitudes: [Double]? = nil) {
        self.sequences = sequences
        self.maxSequences = maxSequences
        self.steps = steps
        self.recentMeanError = recentMeanError
        self.recentShareCorrect = recentShareCorrect
        self.cellStateMagnitudes = cellStateMagnitudes
    }
}

/// Cooperative cancellation and progress reporting for a running trial.
public struct TrialControl: Sendable {
    /// How often (in sequences) to check for cancellation and report progress.
    public var every: Int
    /// Returns true when the trial should stop with `.cancelled`.
    public var isCancelled: @Sendable () -> Bool
    /// Receives progress reports.
    public var progress: @Sendable (TrialProgress) -> Void
    /// Whether reports carry `cellStateMagnitudes` (costs a read of the cell states per sequence).
    public var watchesCellStates: Bool

    /// Creates a control.
    public init(every: Int = 1000, watchesCellStates: Bool = false, isCancelled: @escaping @Sendable () -> Bool = { false },
                progress: @escaping @Sendable (TrialProgress) -> Void = { _ in }) {
        self.every = max(1, every)
        self.watchesCellStates = watchesCellStates
        self.isCancelled = isCancelled
        self.progress = progress
    }

    /// No cancellation, no progress.
    public static let none = TrialControl()
}

/// A source of elapsed wall and CPU time, injected so that LSTMTasks never reads a clock itself.
public protocol TrialClock: Sendable {
    /// Seconds on a monotonic wall clock.
    func wallSeconds() -> Double
    /// CPU seconds of the calling thread.
    func cpuSeconds() -> Double
}
