import SweepCore

/// One configuration (a sweep's trials that share their parameters) with its trial counts, for
/// comparisons made outside the store (`report --paper`).
public struct ConfigurationSummary: Sendable, Equatable {
    /// The sweep.
    public var sweep: String
    /// The sweep's preset.
    public var preset: String
    /// The parameters the sweep set (as stored: canonical JSON), the key of ``SweepReader/successfulSequences(sweep:parametersJSON:)``.
    public var parametersJSON: String
    /// The same parameters, decoded.
    public var parameters: [String: ParameterValue]
    /// All trials.
    public var trials: Int
    /// Trials that ran to an end (done or failed).
    public var finished: Int
    /// Finished trials that succeeded.
    public var successes: Int
    /// Finished trials that stopped at their budget (stop reason `budget`): neither succeeded nor diverged.
    public var atBudget: Int

    /// Creates a summary.
    public init(
        sweep: String, preset: String, parametersJSON: String, parameters: [String: ParameterValue], trials: Int,
        finished: Int, successes: Int, atBudget: Int
    ) {
        self.sweep = sweep
        self.preset = preset
        self.parametersJSON = parametersJSON
        self.parameters = parameters
        self.trials = trials
        self.finished = finished
        self.successes = successes
        self.atBudget = atBudget
    }
}
