// The schema of one parameter: name, kind, valid range, default, description. The sweep system
// reads these as plain data (`lstm-sweep presets --schema 4-1`) and validates sweep files with them.

/// One parameter a trial accepts.
public struct ParameterDefinition: Codable, Sendable, Equatable {
    /// The namespaced name (`task.T`, `net.blocks`, `train.learning_rate`).
    public var name: String
    /// The value type.
    public var kind: ValueType
    /// The smallest allowed value (int, real, and each element of a realList).
    public var minimum: Double?
    /// The largest allowed value.
    public var maximum: Double?
    /// The allowed values of a choice.
    public var choices: [String]?
    /// The default (the preset's value when the schema belongs to a preset).
    public var defaultValue: ParameterValue
    /// What the parameter means, with the paper section or ambiguity it settles.
    public var description: String

    /// Creates a definition.
    public init(
        _ name: String, _ kind: ValueType, default defaultValue: ParameterValue, min minimum: Double? = nil,
        max maximum: Double? = nil, choices: [String]? = nil, _ description: String
    ) {
        self.name = name
        self.kind = kind
        self.minimum = minimum
        self.maximum = maximum
        self.choices = choices
        self.defaultValue = defaultValue
        self.description = description
    }

    /// Checks `value` against the kind and range; ints are widened to reals where a real is wanted.
    public func validate(_ value: ParameterValue) throws -> ParameterValue {
        switch (kind, value) {
        case (.int, .int(let v)):
            try check(Double(v), value)
            return value
        case (.real, .int(let v)):
            return try validate(.real(Double(v)))
        case (.real, .real(let v)):
            guard v.isFinite else { throw TaskError(.outOfRange, "\(name)=\(value): must be finite") }
            try check(v, value)
            return value
        case (.bool, .bool):
            return value
        case (.choice, .string(let v)):
            guard choices?.contains(v) ?? true else {
                throw TaskError(.outOfRange, "\(name)=\(v): must be one of \(choices?.joined(separator: ", ") ?? "")")
            }
            return value
        case (.realList, .realList(let list)):
            for v in list {
                guard v.isFinite else { throw TaskError(.outOfRange, "\(name)=\(value): must be finite") }
                try check(v, value)
            }
            return value
        default:
            throw TaskError(.wrongType, "\(name)=\(value): expected \(kind.rawValue)")
        }
    }

    private func check(_ v: Double, _ value: ParameterValue) throws {
        if let minimum, v < minimum { throw TaskError(.outOfRange, "\(name)=\(value): must be >= \(format(minimum))") }
        if let maximum, v > maximum { throw TaskError(.outOfRange, "\(name)=\(value): must be <= \(format(maximum))") }
    }

    private func format(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    /// Parses the text of `--set name=TEXT` into a validated value of this parameter's kind.
    ///
    /// Lists are written `-3,-6` or `[-3,-6]`; `r`, `random` or `[]` is the empty list (random).
    public func parse(_ text: String) throws -> ParameterValue {
        let t = text.trimmingCharacters(in: " ")
        let wrong = TaskError(.wrongType, "\(name)=\(text): expected \(kind.rawValue)")
        switch kind {
        case .int:
            guard let v = Int(t) else { throw wrong }
            return try validate(.int(v))
        case .real:
            guard let v = Double(t) else { throw wrong }
            return try validate(.real(v))
        case .bool:
            switch t.lowercased() {
            case "true", "1", "yes": return .bool(true)
            case "false", "0", "no": return .bool(false)
            default: throw wrong
            }
        case .choice:
            return try validate(.string(t))
        case .realList:
            var body = Substring(t)
            if body.hasPrefix("[") && body.hasSuffix("]") { body = body.dropFirst().dropLast() }
            if ["r", "random", ""].contains(body.trimmingCharacters(in: " ").lowercased()) { return .realList([]) }
            var list: [Double] = []
            for part in body.split(separator: ",") {
                guard let v = Double(part.trimmingCharacters(in: " ")) else { throw wrong }
                list.append(v)
            }
            return try validate(.realList(list))
        }
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s.removeFirst() }
        while s.last == set { s.removeLast() }
        return String(s)
    }
}
