// The resolved parameters of a trial. Their values are the shared vocabulary's `ParameterValue`
// (TrialVocabulary): sweep files, `--set` and recorded outcomes all read the same.

/// The value type of a parameter definition (its range is kept beside it, as Doubles).
public enum ValueType: String, Codable, Sendable, CaseIterable {
    case int, real, bool, choice, realList
}

/// Resolved parameter values of one trial, by namespaced name (`task.T`, `net.blocks`, ...).
public struct ParameterMap: Codable, Sendable, Hashable {
    /// The values.
    public var values: [String: ParameterValue]

    /// Creates a map.
    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

    /// The value of `name`.
    public subscript(name: String) -> ParameterValue? {
        get { values[name] }
        set { values[name] = newValue }
    }

    /// An integer parameter (programmer error if absent or of another kind; the schema validated it).
    public func int(_ name: String) -> Int {
        guard case .int(let v) = values[name] else { preconditionFailure("\(name) is not a resolved int") }
        return v
    }

    /// A real parameter (ints are accepted).
    public func real(_ name: String) -> Double {
        switch values[name] {
        case .real(let v): return v
        case .int(let v): return Double(v)
        default: preconditionFailure("\(name) is not a resolved real")
        }
    }

    /// A boolean parameter.
    public func bool(_ name: String) -> Bool {
        guard case .bool(let v) = values[name] else { preconditionFailure("\(name) is not a resolved bool") }
        return v
    }

    /// A choice parameter.
    public func choice(_ name: String) -> String {
        guard case .string(let v) = values[name] else { preconditionFailure("\(name) is not a resolved choice") }
        return v
    }

    /// A real-list parameter; nil for the empty list ("random").
    public func realList(_ name: String) -> [Double]? {
        guard case .realList(let v) = values[name] else { preconditionFailure("\(name) is not a resolved list") }
        return v.isEmpty ? nil : v
    }

    /// The names in sorted order with their values, for stable printing and hashing.
    public var sorted: [(String, ParameterValue)] { values.sorted { $0.key < $1.key } }
}
