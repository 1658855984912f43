// The schema of one preset: every parameter it accepts with the preset's defaults. It validates
// overrides (`--set`, sweep files) and resolves them into a complete ParameterMap.

/// The parameters of one preset, as plain data.
public struct ParameterSchema: Codable, Sendable, Equatable {
    /// The preset name ("4-1").
    public var preset: String
    /// Every accepted parameter, in catalogue order.
    public var parameters: [ParameterDefinition]

    /// Creates a schema.
    public init(preset: String, parameters: [ParameterDefinition]) {
        self.preset = preset
        self.parameters = parameters
    }

    /// The definition of `name`, or nil.
    public func definition(_ name: String) -> ParameterDefinition? { parameters.first { $0.name == name } }

    /// Validates `overrides` and merges them into the defaults.
    ///
    /// Throws `TaskError` (`unknownParameter`, `wrongType`, `outOfRange`) naming the parameter.
    public func resolve(_ overrides: [String: ParameterValue]) throws -> ParameterMap {
        var map = ParameterMap()
        for definition in parameters { map[definition.name] = definition.defaultValue }
        for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
            guard let definition = definition(name) else {
                throw TaskError(.unknownParameter, "unknown parameter \(name) for preset \(preset)")
            }
            map[name] = try definition.validate(value)
        }
        return map
    }

    /// Parses `name=value` assignments (`--set`) into validated overrides.
    public func parse(assignments: [String]) throws -> [String: ParameterValue] {
        var result: [String: ParameterValue] = [:]
        for text in assignments {
            guard let eq = text.firstIndex(of: "=") else {
                throw TaskError(.wrongType, "--set \(text): expected NAME=VALUE")
            }
            let name = String(text[..<eq]).trimmingCharacters(in: " ")
            guard let definition = definition(name) else {
                throw TaskError(.unknownParameter, "--set \(text): unknown parameter \(name) for preset \(preset)")
            }
            do {
                result[name] = try definition.parse(String(text[text.index(after: eq)...]))
            } catch let error as TaskError {
                throw TaskError(error.code, "--set \(error.detail)")
            }
        }
        return result
    }
}
