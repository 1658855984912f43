import LSTMCore
// A named paper configuration (one Table 10 row): the task family, the row's parameter values,
// and what the paper reported for it, for comparison.

/// What the paper reported for a configuration.
public struct PaperReport: Codable, Sendable, Equatable {
    /// The table the numbers come from.
    public var table: String
    /// The paper's weight count (Table 10 column w).
    public var weights: Int
    /// The mean number of training sequences until success (or the final stop, e.g. ST2).
    public var successAfter: Int?
    /// A first milestone, when the paper gives one (ST1 for Exp. 3).
    public var firstMilestone: Int?
    /// The percentage of successful trials, when given.
    public var successPercent: Double?
    /// The number of trials the paper averaged.
    public var trials: Int
    /// Further reported figures, verbatim.
    public var notes: String
    /// The table's other rows for this preset: the same net under other parameter values (Table 2's
    /// learning rates, Tables 4-6's T and N, Table 8's n_seq). The preset's own values are the first row.
    public var variants: [PaperVariant] = []
}

/// A further paper row of a preset: the parameters that set it apart, and the paper's numbers for it.
public struct PaperVariant: Codable, Sendable, Equatable {
    /// The parameters that differ from the preset's defaults.
    public var parameters: [String: ParameterValue]
    /// The mean number of training sequences until success (or the final stop, e.g. ST2).
    public var successAfter: Int?
    /// A first milestone, when the paper gives one (ST1 for Exp. 3).
    public var firstMilestone: Int?
    /// The percentage of successful trials, when given.
    public var successPercent: Double?

    /// Creates a variant row.
    public init(
        _ parameters: [String: ParameterValue], successAfter: Int?, firstMilestone: Int? = nil,
        successPercent: Double? = nil
    ) {
        self.parameters = parameters
        self.successAfter = successAfter
        self.firstMilestone = firstMilestone
        self.successPercent = successPercent
    }
}

/// One row of Table 10 as a runnable configuration.
public struct Preset: Sendable {
    /// The row name ("1-5", "2c-3", "4-1", "6a").
    public var name: String
    /// The experiment.
    public var family: TaskFamily
    /// A one-line description.
    public var title: String
    /// The row's values where they differ from the family defaults of `ParameterCatalog`.
    public var settings: [String: ParameterValue]
    /// The paper's numbers.
    public var paper: PaperReport

    /// The schema of this preset: every parameter with this row's defaults.
    ///
    /// - Parameter factory: the learners offered for `net.kind`, with the parameters they add.
    public func schema(factory: LearnerFactory = .standard) -> ParameterSchema {
        var definitions = ParameterCatalog.definitions(for: family, kinds: factory.kinds) + factory.extraParameters
        for i in definitions.indices {
            if let value = settings[definitions[i].name] { definitions[i].defaultValue = value }
        }
        return ParameterSchema(preset: name, parameters: definitions)
    }

    /// The preset's own parameters, fully resolved.
    public var defaults: ParameterMap {
        // The presets are checked by tests; their settings always validate.
        (try? schema().resolve([:])) ?? ParameterMap()
    }

    /// The weight count of the preset's LSTM net.
    public var weightCount: Int {
        guard let configuration = try? TrialConfiguration(preset: self, parameters: defaults) else { return 0 }
        if configuration.kind == "lstm" { return configuration.topology.weightCount }
        // A baseline's count comes from its own net; building one is cheap next to training it.
        var rng = SplitMix64(seed: 0)
        let learner = try? LearnerFactory.standard.make(kind: configuration.kind, request: configuration.learnerRequest, rng: &rng)
        return learner?.weightCount ?? 0
    }

    /// The preset named `name`, or a `TaskError.unknownPreset`.
    public static func named(_ name: String) throws -> Preset {
        guard let preset = all.first(where: { $0.name == name }) else {
            throw TaskError(.unknownPreset, "unknown preset \(name); see `lstm-sweep presets`")
        }
        return preset
    }
}
