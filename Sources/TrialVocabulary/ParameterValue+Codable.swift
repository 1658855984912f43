// Parameter values travel as plain JSON (a number, a boolean, a string or a list of numbers) so
// that stored `params` columns stay readable with json_extract. Decoding cannot tell `1.0` from
// `1`; consumers use `doubleValue`/`intValue`, which accept both.

extension ParameterValue: Codable {
    /// Decodes a plain JSON value.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else if let value = try? container.decode(Double.self) {
            self = .real(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else {
            self = .realList(try container.decode([Double].self))
        }
    }

    /// Encodes a plain JSON value.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .real(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        case .realList(let values): try container.encode(values)
        }
    }
}
