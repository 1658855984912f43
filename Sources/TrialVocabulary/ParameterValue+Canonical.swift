// Canonical text form of parameter values and parameter sets. It is the input of trial
// identities and the `params`/`configuration` JSON stored in the database, so it must never change:
// integers in decimal, reals in Swift's shortest round-trip form (`0.1`, `1e-05`, `3.0`), strings
// JSON-escaped, objects with keys sorted by their UTF-8 bytes and no whitespace.

extension ParameterValue {
    /// The canonical JSON text of this value.
    public var canonicalJSON: String {
        switch self {
        case .int(let value): String(value)
        case .real(let value): Self.canonicalReal(value)
        case .bool(let value): value ? "true" : "false"
        case .string(let value): Self.jsonString(value)
        case .realList(let values): "[" + values.map(Self.canonicalReal).joined(separator: ",") + "]"
        }
    }

    /// Canonical JSON of a parameter set: sorted keys, no whitespace.
    public static func canonicalJSON(_ parameters: [String: ParameterValue]) -> String {
        let keys = parameters.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        let members = keys.map { key in jsonString(key) + ":" + (parameters[key]?.canonicalJSON ?? "null") }
        return "{" + members.joined(separator: ",") + "}"
    }

    package static func canonicalReal(_ value: Double) -> String {
        // JSON has no NaN or infinity; the schema rejects them, this is a last guard.
        guard value.isFinite else { return "null" }
        if value == 0 { return "0.0" }  // folds -0.0 into 0.0
        return value.description
    }

    package static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
