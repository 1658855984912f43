/// The outcome of one trial as the sweep system records it (architecture.md §6).
///
/// Named `TrialResult` so that it never collides with LSTMTasks' `TrialOutcome`; the executable
/// maps one onto the other. Anything without a column of its own goes into `metrics`.
public struct TrialResult: Sendable, Equatable, Codable {
    /// Whether the trial met its task's success criterion.
    public var success: Bool
    /// Why training stopped.
    public var stopReason: StopReason
    /// Training sequences presented until the stop (the paper's "success after").
    public var sequences: Int
    /// Misclassified test sequences, when the task has a classification test.
    public var testWrong: Int?
    /// Number of test sequences.
    public var testSize: Int?
    /// Mean squared error on the test set.
    public var testMSE: Double?
    /// Mean absolute error on the test set.
    public var testMeanAbsError: Double?
    /// Number of trainable weights.
    public var weightCount: Int?
    /// Time steps processed.
    public var steps: Int?
    /// Wall-clock seconds of the trial.
    public var wallSeconds: Double?
    /// CPU seconds of the trial's thread.
    public var cpuSeconds: Double?
    /// Time steps per wall-clock second.
    public var stepsPerSecond: Double?
    /// Floating-point precision used ("float64", "float32").
    public var precision: String?
    /// Training method ("lstm", "rtrl", "bptt", "toy", …).
    public var method: String?
    /// Error message when `stopReason == .error`.
    public var errorMessage: String?
    /// Any other numbers worth keeping.
    public var metrics: [String: Double]
    /// Learning curve, sampled every N sequences.
    public var curve: [LearningCurvePoint]
    /// Who computed it with what.
    public var provenance: Provenance

    /// Creates a result; only `success`, `stopReason` and `sequences` are required.
    public init(
        success: Bool, stopReason: StopReason, sequences: Int, testWrong: Int? = nil, testSize: Int? = nil,
        testMSE: Double? = nil, testMeanAbsError: Double? = nil, weightCount: Int? = nil, steps: Int? = nil,
        wallSeconds: Double? = nil, cpuSeconds: Double? = nil, stepsPerSecond: Double? = nil,
        precision: String? = nil, method: String? = nil, errorMessage: String? = nil,
        metrics: [String: Double] = [:], curve: [LearningCurvePoint] = [], provenance: Provenance = Provenance()
    ) {
        self.success = success
        self.stopReason = stopReason
        self.sequences = sequences
        self.testWrong = testWrong
        self.testSize = testSize
        self.testMSE = testMSE
        self.testMeanAbsError = testMeanAbsError
        self.weightCount = weightCount
        self.steps = steps
        self.wallSeconds = wallSeconds
        self.cpuSeconds = cpuSeconds
        self.stepsPerSecond = stepsPerSecond
        self.precision = precision
        self.method = method
        self.errorMessage = errorMessage
        self.metrics = metrics
        self.curve = curve
        self.provenance = provenance
    }

    /// A failed result for an executor that threw.
    public static func error(_ message: String, provenance: Provenance = Provenance()) -> TrialResult {
        TrialResult(success: false, stopReason: .error, sequences: 0, errorMessage: message, provenance: provenance)
    }
}

/// One learning-curve sample.
public struct LearningCurvePoint: Sendable, Equatable, Codable {
    /// Training sequences presented so far.
    public var sequences: Int
    /// Training loss (mean squared error) over the last interval.
    public var trainingLoss: Double
    /// Test loss at this point, when measured.
    public var testLoss: Double?
    /// Fraction of wrong test sequences at this point, when measured.
    public var errorRate: Double?

    /// Creates a point.
    public init(sequences: Int, trainingLoss: Double, testLoss: Double? = nil, errorRate: Double? = nil) {
        self.sequences = sequences
        self.trainingLoss = trainingLoss
        self.testLoss = testLoss
        self.errorRate = errorRate
    }
}

/// Who produced a result, with which build.
public struct Provenance: Sendable, Equatable, Codable {
    /// Program version.
    public var version: String?
    /// Host name of the worker.
    public var host: String?
    /// Build description (configuration, compiler).
    public var build: String?

    /// Creates provenance.
    public init(version: String? = nil, host: String? = nil, build: String? = nil) {
        self.version = version
        self.host = host
        self.build = build
    }
}
