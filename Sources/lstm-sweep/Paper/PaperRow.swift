// The rows of the paper's Tables 1-9 (and Exp. 2b's figures from the text) as `report --paper`
// compares them: built from the presets' `PaperReport`s, one row for each preset's own values and
// one per `PaperVariant`, with the preset's schema to tell which database configurations belong to a row.
import LSTMTasks
import SweepCore

/// One paper row: a preset under the values that set the row apart, and the paper's figures.
struct PaperRow: Sendable {
    /// The paper table ("Table 4", or "§3.2 text" for 2b).
    var table: String
    /// The preset.
    var preset: String
    /// The values that tell this row from the preset's other rows (empty when the preset has one row).
    var distinguishing: [String: ParameterValue]
    /// The paper's success rate in [0, 1], nil when not stated.
    var successRate: Double?
    /// The paper's mean sequences to success (the final stop: ST2 for Exp. 3), nil when not stated.
    var successAfter: Int?
    /// The number of trials the paper averaged.
    var trials: Int
    /// The preset's schema: its defaults, and the normalisation of stored values.
    var schema: SweepCore.ParameterSchema

    /// Parameters a configuration may set without leaving its paper row: they change no trial's
    /// learning (`train.curve_every`), set the protocol the paper describes (`task.data_sets`), or
    /// are a budget, like the sweep file's `budget:` (`train.max_sequences`).
    static let neutralParameters: Set<String> = ["task.data_sets", "train.curve_every", "train.max_sequences"]

    /// "3a T=100 N=1": the preset, then the distinguishing values without their namespace.
    var label: String {
        let values = distinguishing.keys.sorted().map { name in
            "\(name.split(separator: ".").last.map(String.init) ?? name)=\(distinguishing[name]?.canonicalJSON ?? "")"
        }
        return ([preset] + values).joined(separator: " ")
    }

    /// Whether a configuration with these stored parameters is this row: every parameter it sets,
    /// neutral ones aside, and every distinguishing one, has this row's value (the preset's default
    /// where the row does not distinguish it).
    func matches(_ parameters: [String: ParameterValue]) -> Bool { departure(of: parameters)?.isEmpty == true }

    /// How a configuration with these stored parameters departs from this row: the parameters it sets
    /// to other values than the row's (neutral ones aside), with their values; empty when it is this
    /// row, nil when it is not a reading of this row at all (a distinguishing value differs, or a name
    /// is not in the schema).
    func departure(of parameters: [String: ParameterValue]) -> [String: ParameterValue]? {
        var departs: [String: ParameterValue] = [:]
        for name in Set(parameters.keys).subtracting(Self.neutralParameters).union(distinguishing.keys) {
            guard let entry = schema.entries[name] else { return nil }
            let expected = distinguishing[name] ?? entry.defaultValue
            let actual = parameters[name].map { value in (try? schema.normalize(value, for: name)) ?? value } ?? entry.defaultValue
            if actual == expected { continue }
            if distinguishing[name] != nil { return nil }
            departs[name] = actual
        }
        return departs
    }

    /// "net.output_timing=\"previous_step\" task.string_sets=\"distinct\"": a departure as text.
    static func label(of departure: [String: ParameterValue]) -> String {
        departure.keys.sorted().map { "\($0)=\(departure[$0]?.canonicalJSON ?? "")" }.joined(separator: " ")
    }

    /// Every paper row, in Table 10 order, each preset's own row before its variants.
    static let all: [PaperRow] = Preset.all.flatMap(rows(of:))

    /// The rows of one preset.
    static func rows(of preset: Preset) -> [PaperRow] {
        let schema = LSTMTrialExecutor.sweepSchema(preset, factory: .standard)
        let paper = preset.paper
        // The paper's variants are written in the preset's own schema: a value it refuses is a bug here.
        func normalised(_ parameters: [String: ParameterValue]) -> [String: ParameterValue] {
            parameters.reduce(into: [:]) { result, entry in
                do {
                    result[entry.key] = try schema.normalize(entry.value, for: entry.key)
                } catch {
                    preconditionFailure("preset \(preset.name), paper variant \(entry.key)=\(entry.value): \(error)")
                }
            }
        }
        // The preset's own row is told apart by its defaults of the names its variants change.
        let names = Set(paper.variants.flatMap(\.parameters.keys))
        var own: [String: ParameterValue] = [:]
        for name in names { own[name] = schema.entries[name]?.defaultValue }
        let first = PaperRow(
            table: paper.table, preset: preset.name, distinguishing: own, successRate: paper.successPercent.map { $0 / 100 },
            successAfter: paper.successAfter, trials: paper.trials, schema: schema)
        return [first] + paper.variants.map { variant in
            PaperRow(
                table: paper.table, preset: preset.name, distinguishing: normalised(variant.parameters),
                successRate: variant.successPercent.map { $0 / 100 }, successAfter: variant.successAfter,
                trials: paper.trials, schema: schema)
        }
    }
}
