// What a trial is: a preset, parameter overrides, a seed and an optional budget (architecture.md §6).
// The sweep half hands it to the numerics (through the executable) with no translation.

/// One trial: a Table 10 preset, overrides of its parameters, a seed, and a budget.
public struct TrialSpec: Codable, Sendable, Hashable {
    /// The preset name ("4-1").
    public var preset: String
    /// Overrides by namespaced name; everything else takes the preset's value.
    public var parameters: [String: ParameterValue]
    /// The trial seed; streams `.weights`, `.training` and `.test` of SplitMix64 derive from it.
    public var seed: UInt64
    /// The budget in training sequences; overrides `train.max_sequences` when set.
    public var maxSequences: Int?

    /// Creates a spec.
    public init(preset: String, parameters: [String: ParameterValue] = [:], seed: UInt64, maxSequences: Int? = nil) {
        self.preset = preset
        self.parameters = parameters
        self.seed = seed
        self.maxSequences = maxSequences
    }
}
