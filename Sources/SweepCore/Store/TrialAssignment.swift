/// Everything an executor needs to run one trial, independent of how it was claimed.
public struct TrialAssignment: Sendable, Equatable, Codable {
    /// The trial identity.
    public var trialID: String
    /// The sweep it belongs to.
    public var sweepName: String
    /// The preset whose defaults the parameters override.
    public var preset: String
    /// The parameters the sweep sets for this trial.
    public var parameters: [String: ParameterValue]
    /// The replicate seed.
    public var seed: UInt64
    /// The sweep's per-trial limits.
    public var budget: Budget

    /// Creates an assignment.
    public init(
        trialID: String, sweepName: String, preset: String, parameters: [String: ParameterValue],
        seed: UInt64, budget: Budget
    ) {
        self.trialID = trialID
        self.sweepName = sweepName
        self.preset = preset
        self.parameters = parameters
        self.seed = seed
        self.budget = budget
    }
}
