import ArgumentParser
import LSTMTasks

/// The options of `lstm-sweep train`: which preset, which seed, which overrides.
struct TrainOptions: ParsableArguments {
    @Option(help: "The Table 10 row to train (see `lstm-sweep presets`).")
    var preset: String

    @Option(help: "The trial seed.")
    var seed: UInt64 = 1

    @Option(name: .customLong("set"), help: ArgumentHelp("Override a parameter, e.g. train.learning_rate=0.1.",
                                                         valueName: "name=value"))
    var assignments: [String] = []

    @Option(help: "The budget in training sequences (overrides train.max_sequences).")
    var maxSequences: Int?

    @Flag(help: "Print the outcome as one JSON object.")
    var json = false

    /// The trial spec these options describe, validated against the preset's schema.
    func spec(factory: LearnerFactory) throws -> TrialSpec {
        let preset = try Preset.named(self.preset)
        let schema = preset.schema(factory: factory)
        let overrides = try schema.parse(assignments: assignments)
        if let maxSequences, maxSequences < 1 {
            throw TaskError(.outOfRange, "--max-sequences \(maxSequences): must be at least 1")
        }
        let spec = TrialSpec(preset: preset.name, parameters: overrides, seed: seed, maxSequences: maxSequences)
        _ = try TrialConfiguration(spec: spec, factory: factory)  // cross-parameter checks
        return spec
    }
}
