// One value of a trial parameter, with a natural JSON form (number, bool, string, list of reals),
// shared by both halves: sweep files, `--set`, stored parameters and the numerics all read the same.

/// One value of a trial parameter.
///
/// Values are normalised through the ``ParameterSchema`` (a YAML `1` for a real parameter becomes
/// `.real(1.0)`), so that equal settings always have equal canonical encodings and hence equal
/// trial identities.
public enum ParameterValue: Sendable, Hashable, CustomStringConvertible {
    case int(Int)
    case real(Double)
    case bool(Bool)
    /// A string: one of a choice parameter's values.
    case string(String)
    /// A list of reals; for gate biases the empty list means "random" (Table 10's r).
    case realList([Double])

    /// The value as `--set` would spell it.
    public var description: String {
        switch self {
        case .int(let v): String(v)
        case .real(let v): String(v)
        case .bool(let v): String(v)
        case .string(let v): v
        case .realList(let v): v.isEmpty ? "r" : v.map { String($0) }.joined(separator: ",")
        }
    }

    /// The value as a `Double` when it is numeric (an `int` converts).
    public var doubleValue: Double? {
        switch self {
        case .int(let value): Double(value)
        case .real(let value): value
        default: nil
        }
    }

    /// The value as an `Int` when it is an integer (or an integral real, as JSON may give back).
    public var intValue: Int? {
        switch self {
        case .int(let value): value
        case .real(let value) where value.rounded() == value && abs(value) < 9e15: Int(value)
        default: nil
        }
    }

    /// The value as a `Bool` when it is one.
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The value as a `String` when it is one.
    public var stringValue: String? {
        if case .string(let value) = self { return value }
        return nil
    }

    /// The value as a list of reals (a single number becomes a one-element list).
    public var realListValue: [Double]? {
        switch self {
        case .realList(let values): values
        case .int, .real: doubleValue.map { [$0] }
        default: nil
        }
    }
}
