import LSTMCore
import Testing

@testable import LSTMTasks

/// A net too large to allocate is an inconsistent configuration, refused before anything is built
/// (issue 16, item 6). The limits: TrialConfiguration.maximumWeightCount and maximumPartialCount.
struct NetSizeLimitTests {
    @Test func countsAtTheLimitPassAndOnePastFail() {
        let (w, p) = (TrialConfiguration.maximumWeightCount, TrialConfiguration.maximumPartialCount)
        #expect(TrialConfiguration.sizeProblem(weights: Double(w), partials: Double(p), of: "n") == nil)
        #expect(TrialConfiguration.sizeProblem(weights: Double(w + 1), partials: 0, of: "n")?.contains("weights") == true)
        #expect(TrialConfiguration.sizeProblem(weights: 0, partials: Double(p + 1), of: "n")?.contains("partials") == true)
    }

    /// The counts the limit checks equal the weight layout's and the partials of eqs. (25)/(27).
    @Test(arguments: [(1, 1, Connectivity.full, BiasSet.all, true), (3, 2, .layered, .none, false), (7, 5, .full, .gates, true),
                      (4, 3, .layered, .hidden, true)])
    func sizesMatchTheWeightLayout(blocks: Int, cells: Int, connectivity: Connectivity, biases: BiasSet, outputGates: Bool) {
        let topology = LSTMTopology(
            inputCount: 6, outputCount: 3, blockCount: blocks, cellsPerBlock: cells, connectivity: connectivity,
            biases: biases, hasOutputGates: outputGates)
        let (weights, partials) = TrialConfiguration.sizes(of: topology)
        #expect(weights == Double(topology.weightCount))
        #expect(partials == Double(2 * topology.cellCount * (topology.sourceCount + 1)))
    }

    @Test(arguments: [
        ("5", ["net.blocks": ParameterValue.int(1000), "net.cells_per_block": .int(1000)], "weights"),
        ("5", ["net.blocks": .int(1000), "net.cells_per_block": .int(3)], "weights"),
        ("2a-rtrl-p4", ["net.hidden_units": .int(1000), "net.hidden_recurrence": .string("full")], "partials"),
    ])
    func oversizedNetIsInconsistent(preset: String, overrides: [String: ParameterValue], naming: String) throws {
        let row = try Preset.named(preset)
        let error = #expect(throws: TaskError.self) {
            try TrialConfiguration(preset: row, parameters: row.schema().resolve(overrides))
        }
        #expect(error?.code == .inconsistent)
        #expect(error?.description.contains(naming) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        ("5", ["net.blocks": ParameterValue.int(100), "net.cells_per_block": .int(10)]),
        ("5", ["net.blocks": .int(1000), "net.cells_per_block": .int(500), "net.connectivity": .string("layered")]),
        ("2a-rtrl-p4", ["net.hidden_units": .int(1000)]),
    ])
    func largeNetsWithinTheLimitsAreAccepted(preset: String, overrides: [String: ParameterValue]) throws {
        let row = try Preset.named(preset)
        _ = try TrialConfiguration(preset: row, parameters: row.schema().resolve(overrides))
    }
}
