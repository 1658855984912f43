import LSTMCore
import Testing

@testable import LSTMTasks

/// A25, `net.gate_bias_init`: a listed gate bias replaces its weight's random draw (`exact`) or is
/// added to it (`plus_random`); every other weight is the same draw either way.
struct GateBiasInitTests {
    static func weights(_ preset: String, _ parameters: [String: ParameterValue], seed: UInt64 = 3) throws -> [Double] {
        let config = try TrialConfiguration(spec: TrialSpec(preset: preset, parameters: parameters, seed: seed))
        var rng = SplitMix64(seed: seed, stream: .weights)
        return LearnerFactory.initialWeights(config.learnerRequest, rng: &rng)
    }

    @Test(arguments: ["1-5", "4-1"])
    func plusRandomAddsTheListedBiasToTheDrawAndChangesNothingElse(preset: String) throws {
        let config = try TrialConfiguration(spec: TrialSpec(preset: preset, seed: 3))
        let layout = WeightLayout(config.topology), blocks = config.topology.blockCount
        let listed = [(config.initialization.inputGateBiases, layout.inputGateBias),
                      (config.initialization.outputGateBiases, layout.outputGateBias)].compactMap { values, first in
            values.map { (values: $0, first: first) } }
        try #require(!listed.isEmpty)
        let exact = try Self.weights(preset, [:])
        let added = try Self.weights(preset, ["net.gate_bias_init": .string("plus_random")])
        // The draws themselves: the same net with every gate bias random in the init range.
        let drawn = try Self.weights(preset, ["net.input_gate_bias": .realList([]), "net.output_gate_bias": .realList([])])
        var slots = Set<Int>()
        for (values, first) in listed {
            for j in 0..<blocks {
                #expect(exact[first + j] == values[j])
                #expect(added[first + j] == drawn[first + j] + values[j])
                #expect(abs(drawn[first + j]) <= config.initialization.weightRange && drawn[first + j] != 0)
                slots.insert(first + j)
            }
        }
        for i in exact.indices where !slots.contains(i) { #expect(exact[i] == added[i] && exact[i] == drawn[i]) }
    }
}
