import LSTMCore
import Testing

/// The topology reproduces every weight count of the paper (§1.4).
struct WeightCountTests {
    static let paperNets: [(String, LSTMTopology, Int)] = [
        ("Exp 1, 4 blocks x 1", LSTMTopology(inputCount: 7, outputCount: 7, blockCount: 4, cellsPerBlock: 1, biases: .gates), 264),
        ("Exp 1, 3 blocks x 2", LSTMTopology(inputCount: 7, outputCount: 7, blockCount: 3, cellsPerBlock: 2, biases: .gates), 276),
        ("2c p=50", twoC(50), 364), ("2c p=100", twoC(100), 664), ("2c p=200", twoC(200), 1264),
        ("2c p=500", twoC(500), 3064), ("2c p=1000", twoC(1000), 6064),
        ("Exp 3", LSTMTopology(inputCount: 1, outputCount: 1, blockCount: 3, cellsPerBlock: 1, biases: .hidden), 102),
        ("Exps 4/5", LSTMTopology(inputCount: 2, outputCount: 1, blockCount: 2, cellsPerBlock: 2, biases: .all), 93),
        ("6a", LSTMTopology(inputCount: 8, outputCount: 4, blockCount: 2, cellsPerBlock: 2, biases: .all), 156),
        ("6b", LSTMTopology(inputCount: 8, outputCount: 8, blockCount: 3, cellsPerBlock: 2, biases: .all), 308),
        (
            "2a/2b",
            LSTMTopology(
                inputCount: 101, outputCount: 101, blockCount: 1, cellsPerBlock: 1, connectivity: .layered,
                biases: .none, hasOutputGates: false, cellInput: .logistic, cellOutput: .identity), 10504
        ),
    ]

    static func twoC(_ p: Int) -> LSTMTopology {
        LSTMTopology(inputCount: p + 4, outputCount: 2, blockCount: 2, cellsPerBlock: 1, biases: .none)
    }

    @Test(arguments: paperNets.indices)
    func weightCountMatchesPaper(index: Int) {
        let (name, topology, expected) = Self.paperNets[index]
        #expect(topology.weightCount == expected, "\(name)")
        let net = LSTMNetwork(topology: topology, weights: [Double](repeating: 0.01, count: topology.weightCount))
        #expect(net.weights.count == expected)
    }

    @Test func flatWeightsRoundTripThroughTheNet() {
        var rng = SplitMix64(seed: 5)
        for _ in 0..<20 {
            let topology = TestNets.topology(&rng, connectivity: rng.bernoulli(0.5) ? .full : .layered)
            let w = LSTMInitialization(weightRange: 1).weights(for: topology, rng: &rng)
            #expect(LSTMNetwork(topology: topology, weights: w).weights == w)
        }
    }
}
