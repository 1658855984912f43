import SweepCore

/// The toy preset family's schema as tests see it (a copy of the executable's toy registry entry).
enum ToySchema {
    static let schema = ParameterSchema([
        "toy.x": .init(.real(-100...100)),
        "toy.y": .init(.integer(0...1_000_000)),
        "toy.sleep_ms": .init(.integer(0...600_000)),
        "toy.work": .init(.integer(0...1_000_000_000)),
        "toy.fail_rate": .init(.real(0...1)),
        "toy.error_rate": .init(.real(0...1)),
        "toy.mode": .init(.choice(["plain", "fancy"])),
        "toy.flag": .init(.boolean),
        "toy.biases": .init(.realList(count: 1...8)),
    ])

    static let provider: ParameterSchemaProvider = { preset in ["toy", "toy-sleep", "toy-cpu"].contains(preset) ? schema : nil }

    static let parser = SweepFileParser(schemas: provider)

    static func parse(_ yaml: String) throws -> SweepDefinition {
        try parser.parse(yaml: yaml, file: "test.yaml")
    }
}
