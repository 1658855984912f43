/// Limits that apply to every trial of a sweep.
///
/// The budget is part of a sweep's definition: changing it under the same sweep name is refused,
/// because finished trials would not be comparable with new ones.
public struct Budget: Sendable, Equatable, Codable {
    /// Training sequences after which a trial stops with stop reason `budget`.
    public var maxSequences: Int?
    /// Wall-clock seconds after which a trial stops with stop reason `budget`.
    public var maxSeconds: Double?

    /// Creates a budget; `nil` fields mean "the preset's default".
    public init(maxSequences: Int? = nil, maxSeconds: Double? = nil) {
        self.maxSequences = maxSequences
        self.maxSeconds = maxSeconds
    }

    /// Canonical JSON, part of the sweep fingerprint.
    public var canonicalJSON: String {
        var members: [String: ParameterValue] = [:]
        if let maxSequences { members["maxSequences"] = .int(maxSequences) }
        if let maxSeconds { members["maxSeconds"] = .real(maxSeconds) }
        return ParameterValue.canonicalJSON(members)
    }
}
