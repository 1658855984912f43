// One value of a trial parameter, with a natural JSON form (number, bool, string, array) so that
// sweep files, `--set` and recorded outcomes all read the same.

/// The type of a parameter.
public enum ParameterKind: String, Codable, Sendable, CaseIterable {
    case int, real, bool, choice, realList
}

/// A parameter value.
public enum ParameterValue: Codable, Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case real(Double)
    case bool(Bool)
    case choice(String)
    /// A list of reals; for gate biases the empty list means "random" (Table 10's r).
    case realList([Double])

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(Bool.self) { self = .bool(v); return }
        if let v = try? c.decode(Int.self) { self = .int(v); return }
        if let v = try? c.decode(Double.self) { self = .real(v); return }
        if let v = try? c.decode(String.self) { self = .choice(v); return }
        if let v = try? c.decode([Double].self) { self = .realList(v); return }
        throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected a number, bool, string or list")
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let v): try c.encode(v)
        case .real(let v): try c.encode(v)
        case .bool(let v): try c.encode(v)
        case .choice(let v): try c.encode(v)
        case .realList(let v): try c.encode(v)
        }
    }

    /// The value as `--set` would spell it.
    public var description: String {
        switch self {
        case .int(let v): return String(v)
        case .real(let v): return String(v)
        case .bool(let v): return String(v)
        case .choice(let v): return v
        case .realList(let v): return v.isEmpty ? "r" : v.map { String($0) }.joined(separator: ",")
        }
    }
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
        guard case .choice(let v) = values[name] else { preconditionFailure("\(name) is not a resolved choice") }
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
