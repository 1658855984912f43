/// One trial of a sweep: resolved parameters and a seed, with its identity.
public struct SweepTrial: Sendable, Equatable, Hashable, Codable {
    /// Hex SHA-256 of sweep name, canonical parameters and seed (see ``identity(sweep:parameters:seed:)``).
    public var id: String
    /// The sweep this trial belongs to.
    public var sweepName: String
    /// Position in the sweep's expansion order.
    public var ordinal: Int
    /// Every parameter the sweep sets for this trial (fixed, grid and random), normalised.
    public var parameters: [String: ParameterValue]
    /// The replicate seed; all of a trial's randomness comes from it.
    public var seed: UInt64

    /// Creates a trial and computes its identity.
    public init(sweepName: String, ordinal: Int, parameters: [String: ParameterValue], seed: UInt64) {
        self.id = Self.identity(sweep: sweepName, parameters: parameters, seed: seed)
        self.sweepName = sweepName
        self.ordinal = ordinal
        self.parameters = parameters
        self.seed = seed
    }

    /// Canonical JSON of the parameters without the seed: the trial's configuration.
    public var configuration: String { ParameterValue.canonicalJSON(parameters) }

    /// The identity of a trial: lowercase hex SHA-256 of
    /// `sweep name + "\n" + canonical parameter JSON + "\n" + decimal seed`.
    public static func identity(sweep: String, parameters: [String: ParameterValue], seed: UInt64) -> String {
        SHA256.hexDigest(sweep + "\n" + ParameterValue.canonicalJSON(parameters) + "\n" + String(seed))
    }
}
