// Parameter sets that keep their types through JSON. Plain `ParameterValue` JSON cannot tell `1.0`
// from `1`, and the two have different canonical forms (so different trial identities); a stored
// search plan must recreate identities exactly, so each value carries its kind.

/// A parameter set encoded as `{"name": {"real": 1.0}, …}`.
struct TypedParameters: Codable, Equatable, Sendable {
    var values: [String: ParameterValue]

    private enum Kind: String, CodingKey {
        case int, real, bool, string, realList
    }

    init(_ values: [String: ParameterValue]) {
        self.values = values
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: [String: ParameterValueBox]].self)
        var values: [String: ParameterValue] = [:]
        for (name, typed) in raw {
            guard typed.count == 1, let (key, box) = typed.first, let kind = Kind(rawValue: key) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "parameter '\(name)' has no single kind")
            }
            values[name] = try box.value(as: kind.rawValue)
        }
        self.values = values
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        var raw: [String: [String: ParameterValueBox]] = [:]
        for (name, value) in values {
            let kind: Kind =
                switch value {
                case .int: .int
                case .real: .real
                case .bool: .bool
                case .string: .string
                case .realList: .realList
                }
            raw[name] = [kind.rawValue: ParameterValueBox(value: value)]
        }
        try container.encode(raw)
    }
}

/// One value whose kind is given by its key in ``TypedParameters``: read as plain `ParameterValue`
/// JSON, then taken as that kind (an integer-looking number is a real or a one-element list where the
/// kind says so).
private struct ParameterValueBox: Codable {
    var value: ParameterValue?
    var raw: ParameterValue?

    init(value: ParameterValue) {
        self.value = value
    }

    init(from decoder: any Decoder) throws {
        raw = try ParameterValue(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        try value?.encode(to: encoder)
    }

    func value(as kind: String) throws -> ParameterValue {
        switch (kind, raw) {
        case ("int", .int(let number)?): return .int(number)
        case ("real", .real(let number)?): return .real(number)
        case ("real", .int(let number)?): return .real(Double(number))
        case ("bool", .bool(let flag)?): return .bool(flag)
        case ("string", .string(let text)?): return .string(text)
        case ("realList", .realList(let list)?): return .realList(list)
        case ("realList", .int(let number)?): return .realList([Double(number)])
        default: throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "a \(kind) value was expected"))
        }
    }
}
