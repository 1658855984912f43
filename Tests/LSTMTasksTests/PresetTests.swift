import LSTMCore
import Testing

@testable import LSTMTasks

/// Presets reproduce Table 10's weight counts, and their schemas validate and resolve parameters.
struct PresetTests {
    static let weights: [(String, Int)] = [
        ("1-1", 264), ("1-2", 276), ("1-3", 276), ("1-4", 264), ("1-5", 276), ("2a", 10504), ("2b", 10504),
        ("2c-1", 364), ("2c-2", 664), ("2c-3", 1264), ("2c-4", 3064), ("2c-5", 6064), ("2c-6", 3064), ("2c-7", 1264),
        ("2c-8", 664), ("2c-9", 364), ("3a", 102), ("3b", 102), ("3c", 102), ("4-1", 93), ("4-2", 93), ("4-3", 93),
        ("5", 93), ("6a", 156), ("6b", 308),
    ]

    @Test(arguments: weights)
    func presetWeightCountMatchesTable10(_ name: String, _ count: Int) throws {
        let preset = try Preset.named(name)
        #expect(preset.weightCount == count)
        #expect(preset.paper.weights == count)
        _ = try TrialConfiguration(preset: preset, parameters: preset.schema().resolve([:]))
    }

    @Test func everyTable10RowIsAPreset() {
        let lstmRows = Preset.all.filter { $0.defaults.choice("net.kind") == "lstm" }
        #expect(lstmRows.map(\.name) == Self.weights.map(\.0))
    }

    /// Table 2's baselines: one self-recurrent hidden unit, (p+2)^2 weights.
    @Test(arguments: [("2a-rtrl-p4", 36, "rtrl"), ("2a-rtrl-p10", 144, "rtrl"), ("2a-rtrl-p100", 10_404, "rtrl"), ("2a-bptt-p100", 10_404, "bptt")])
    func baselinePresetMatchesTable2(_ name: String, _ count: Int, _ kind: String) throws {
        let preset = try Preset.named(name)
        #expect(preset.weightCount == count)
        #expect(preset.paper.weights == count)
        #expect(preset.defaults.choice("net.kind") == kind)
        #expect(preset.defaults.real("train.learning_rate") == 1.0)
    }

    @Test func gateBiasesAndRatesFollowTable10() throws {
        let p = try Preset.named("3a").defaults
        #expect(p.realList("net.input_gate_bias") == [-1, -3, -5])
        #expect(p.realList("net.output_gate_bias") == [-2, -4, -6])
        #expect(try Preset.named("4-1").defaults.realList("net.output_gate_bias") == nil)
        #expect(try Preset.named("6b").defaults.realList("net.input_gate_bias") == [-2, -4, -6])
        #expect(try Preset.named("1-1").defaults.real("net.init_range") == 0.2)
        #expect(try Preset.named("5").defaults.real("train.learning_rate") == 0.1)
        #expect(try Preset.named("2c-6").defaults.int("task.q") == 1000)
    }

    @Test(arguments: [
        ("net.blocks=x", TaskError.Code.wrongType), ("net.blocks=0", .outOfRange), ("task.q=3", .unknownParameter),
        ("train.update_timing=sometimes", .outOfRange), ("train.learning_rate", .wrongType),
        ("net.input_gate_bias=-3,abc", .wrongType),
    ])
    func badAssignmentsAreRejectedWithTheirName(_ text: String, _ code: TaskError.Code) throws {
        let schema = try Preset.named("4-1").schema()
        #expect(throws: TaskError.self) { try schema.parse(assignments: [text]) }
        do {
            _ = try schema.parse(assignments: [text])
        } catch let error as TaskError {
            #expect(error.code == code)
            #expect(error.description.contains("--set"))
        }
    }

    @Test func assignmentsParseIntoTypedValues() throws {
        let schema = try Preset.named("4-1").schema()
        let o = try schema.parse(assignments: [
            "net.blocks=3", "train.learning_rate=1", "net.input_gate_bias=[-1,-2,-3]", "net.output_gate_bias=r",
        ])
        let map = try schema.resolve(o)
        #expect(map.int("net.blocks") == 3)
        #expect(map.real("train.learning_rate") == 1)
        #expect(map.realList("net.input_gate_bias") == [-1, -2, -3])
        #expect(map.realList("net.output_gate_bias") == nil)
        #expect(try TrialConfiguration(preset: Preset.named("4-1"), parameters: map).topology.weightCount > 93)
    }

    @Test func inconsistentParametersAreRejected() throws {
        let spec = TrialSpec(preset: "4-1", parameters: ["net.blocks": .int(3)], seed: 1)
        #expect(throws: TaskError.self) { try TrialConfiguration(spec: spec) }
        let outcome = TrialRunner().run(spec)
        #expect(outcome.stopReason == .error && outcome.error?.contains("net.blocks") == true)
    }

    @Test func schemaListsEveryParameterWithAKindAndDefault() throws {
        for preset in Preset.all {
            let schema = preset.schema()
            #expect(Set(schema.parameters.map(\.name)).count == schema.parameters.count)
            for d in schema.parameters {
                #expect(d.name.hasPrefix("task.") || d.name.hasPrefix("net.") || d.name.hasPrefix("train."))
                #expect((try? d.validate(d.defaultValue)) != nil, "\(preset.name) \(d.name)")
            }
        }
    }

    /// Tables 4-9 give means over all their trials, so the comparison holds our success rate against
    /// 100 %; Table 3 (2c) states none, Tables 1-2 their own.
    @Test func paperSuccessRatesAreStatedOrImplied() throws {
        for name in ["3a", "3b", "3c", "4-1", "4-2", "4-3", "5", "6a", "6b"] {
            let paper = try Preset.named(name).paper
            #expect(paper.successPercent == 100, "\(name)")
            #expect(paper.variants.allSatisfy { $0.successPercent == 100 }, "\(name)")
        }
        #expect(try Preset.named("2c-1").paper.successPercent == nil)
        #expect(try Preset.named("1-3").paper.successPercent == 97)
    }
}
