import LSTMCore
import Testing

struct RecurrentTopologyTests {
    @Test(arguments: [(4, 36), (10, 144), (100, 10404)])
    func task2aWeightCountsMatchTable2(p: Int, expected: Int) {
        #expect(RecurrentTopology.task2a(p: p).weightCount == expected)
        var rng = SplitMix64(seed: 7, stream: .weights)
        let topology = RecurrentTopology.task2a(p: p)
        let net = RTRLNetwork(topology: topology, weights: FullyRecurrentInitialization().weights(for: topology, rng: &rng))
        #expect(net.weightCount == expected)
    }

    @Test(arguments: [(3, 110), (12, 380)])
    func reberNetsCountNonRecurrentOutputsWithBiases(hidden: Int, expected: Int) {
        // H(7 + H + 1) + 7(7 + H + 1); the paper's estimates (≈170, ≈494) count n(7 + n), n = H + 7.
        let topology = RecurrentTopology.reber(hiddenCount: hidden)
        #expect(topology.weightCount == expected)
        let n = hidden + 7
        #expect(n * (7 + n) == (hidden == 3 ? 170 : 494))
    }

    @Test(arguments: HiddenRecurrence.allCases)
    func weightCountFollowsLayoutFormula(recurrence: HiddenRecurrence) {
        for sources in OutputSources.allCases {
            for hb in [false, true] {
                for ob in [false, true] {
                    let t = RecurrentTopology(
                        inputCount: 5, hiddenCount: 3, outputCount: 2, recurrence: recurrence,
                        outputSources: sources, hiddenBiases: hb, outputBiases: ob)
                    let r = recurrence == .full ? 3 : 1
                    let io = sources == .inputsAndHidden ? 5 : 0
                    let expected = 3 * (5 + r + (hb ? 1 : 0)) + 2 * (io + 3 + (ob ? 1 : 0))
                    #expect(t.weightCount == expected)
                    #expect(t.outputWeightIndex(unit: 1, column: t.outputRowWidth - 1) == expected - 1)
                }
            }
        }
    }

    @Test func initializationStaysInRange() {
        var rng = SplitMix64(seed: 3, stream: .weights)
        let w = FullyRecurrentInitialization().weights(for: .task2a(p: 10), rng: &rng)
        #expect(w.count == 144)
        #expect(w.allSatisfy { abs($0) <= 0.2 })
    }
}
