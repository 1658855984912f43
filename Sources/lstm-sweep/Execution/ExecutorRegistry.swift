// The seam between sweep presets and the code that runs them. The sweep half knows no preset;
// this registry maps a preset name to its parameter schema and its TrialExecutor. The toy family
// (`toy`, `toy-sleep`, `toy-cpu`, …) is built in for tests and benchmarks; LSTM presets from
// LSTMTasks are added here by the executable's owner.

import LSTMTasks
import SweepCore

/// What a preset needs to be swept: its parameters, and how to run one trial of it.
struct PresetExecution: Sendable {
    /// Names, types and ranges of the preset's parameters.
    var schema: SweepCore.ParameterSchema
    /// Runs one trial of the preset.
    var executor: any TrialExecutor
    /// The preset's cross-parameter checks of one configuration: nil when consistent, else the reason.
    var validate: @Sendable (_ parameters: [String: ParameterValue]) -> String? = { _ in nil }
}

/// Maps preset names to schemas and executors.
enum ExecutorRegistry {
    /// The schema and executor for `preset`, or nil when no family knows it.
    static func execution(forPreset preset: String) -> PresetExecution? {
        if preset == ToyLagTrialExecutor.preset {
            return ToyLagTrialExecutor.execution
        }
        if preset.hasPrefix("toy") {
            return ToyTrialExecutor.execution(forPreset: preset)
        }
        // LSTM presets (Table 10 rows) and their RTRL/BPTT baselines.
        guard let row = try? Preset.named(preset) else { return nil }
        let factory = LearnerFactory.standard
        return PresetExecution(
            schema: LSTMTrialExecutor.sweepSchema(row, factory: factory), executor: LSTMTrialExecutor(factory: factory),
            validate: { parameters in LSTMTrialExecutor.inconsistency(preset: preset, parameters: parameters, factory: factory) })
    }

    /// The schema provider handed to the sweep file parser.
    static let schemaProvider: ParameterSchemaProvider = { preset in execution(forPreset: preset)?.schema }

    /// The configuration check handed to the sweep file parser (and injected into the coordinator).
    static let configurationCheck: ConfigurationCheck = { preset, parameters in
        execution(forPreset: preset)?.validate(parameters)
    }

    /// The parser of `run`, `submit` and `serve`: schemas and cross-parameter checks of every preset.
    static var parser: SweepFileParser { SweepFileParser(schemas: schemaProvider, check: configurationCheck) }
}
