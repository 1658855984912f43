// A parameter definition in the shared vocabulary: its type and range as a sweep file is checked.

extension ParameterDefinition {
    /// The type and range, exactly: integer bounds are whole numbers (every definition's are, which
    /// `ParameterRangeTests` checks for every preset), and absent bounds are the type's own limits,
    /// never a clamp. A list's elements are checked by `validate` (at submit time, through the
    /// preset's configuration check), not here.
    public var range: ParameterKind {
        switch kind {
        case .int:
            return .integer(Self.integer(minimum, name, default: Int.min)...Self.integer(maximum, name, default: Int.max))
        case .real:
            return .real((minimum ?? -Double.greatestFiniteMagnitude)...(maximum ?? Double.greatestFiniteMagnitude))
        case .bool:
            return .boolean
        case .choice:
            return .choice(choices ?? [])
        case .realList:
            return .realList(count: 0...64)
        }
    }

    private static func integer(_ bound: Double?, _ name: String, default limit: Int) -> Int {
        guard let bound else { return limit }
        guard let exact = Int(exactly: bound) else {
            preconditionFailure("\(name): integer bound \(bound) is not a whole number within Int")
        }
        return exact
    }
}
