/// A parsed, validated sweep file: what to vary, how often to repeat it, and within which budget.
///
/// Build one with ``SweepFileParser``; turn it into trials with ``expandTrials()``.
public struct SweepDefinition: Sendable, Equatable {
    /// One grid axis: a parameter and the values it takes, in file order.
    public struct GridAxis: Sendable, Equatable {
        /// Parameter name.
        public var name: String
        /// Normalised values, in file order.
        public var values: [ParameterValue]
        /// Creates an axis.
        public init(name: String, values: [ParameterValue]) {
            self.name = name
            self.values = values
        }
    }

    /// One randomly searched parameter.
    public struct RandomParameter: Sendable, Equatable {
        /// Parameter name.
        public var name: String
        /// What to sample from.
        public var distribution: Distribution
        /// Creates a random parameter.
        public init(name: String, distribution: Distribution) {
            self.name = name
            self.distribution = distribution
        }
    }

    /// Unique within a database; also seeds random search.
    public var name: String
    /// The preset (Table 10 row or toy family) whose defaults the parameters override.
    public var preset: String
    /// Replicate seeds, in order.
    public var seeds: [UInt64]
    /// Parameters every trial shares.
    public var fixed: [String: ParameterValue]
    /// Grid axes, in file order; the first axis varies slowest.
    public var grid: [GridAxis]
    /// Number of random-search samples (0 when the file has no `random:` section).
    public var randomCount: Int
    /// Randomly searched parameters, in file order.
    public var random: [RandomParameter]
    /// Per-trial limits.
    public var budget: Budget
    /// The schema the values were normalised with (needed to sample integer parameters).
    public var schema: ParameterSchema
    /// The adaptive search that creates the trials, or nil for a plain grid / random sweep.
    public var search: SearchSpec?

    /// Creates a definition; values must already be normalised through `schema`.
    public init(
        name: String, preset: String, seeds: [UInt64], fixed: [String: ParameterValue] = [:],
        grid: [GridAxis] = [], randomCount: Int = 0, random: [RandomParameter] = [],
        budget: Budget = Budget(), schema: ParameterSchema, search: SearchSpec? = nil
    ) {
        self.name = name
        self.preset = preset
        self.seeds = seeds
        self.fixed = fixed
        self.grid = grid
        self.randomCount = randomCount
        self.random = random
        self.budget = budget
        self.schema = schema
        self.search = search
    }

    /// The parts that may not change under the same sweep name: preset, fixed parameters, budget,
    /// and for a search sweep its whole plan (search, seeds and configurations).
    ///
    /// Seeds, grid values and random samples of a plain sweep may grow; the store then adds only
    /// the new trials. A search's decisions depend on all of them, so a changed search needs a new name.
    public var fingerprint: String {
        let search = searchPlan.map { ",\"search\":" + $0.json } ?? ""
        return "{\"budget\":\(budget.canonicalJSON),\"fixed\":\(ParameterValue.canonicalJSON(fixed)),"
            + "\"preset\":\(ParameterValue.jsonString(preset))\(search)}"
    }
}
