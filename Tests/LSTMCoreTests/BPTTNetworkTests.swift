import LSTMCore
import Testing

struct BPTTNetworkTests {
    typealias F = RecurrentFixtures

    @Test(arguments: F.everyCase)
    func gradientMatchesFiniteDifferences(c: F.Case) throws {
        let topology = try #require(F.everyTopology[c.topology])
        let weights = F.weights(topology, seed: c.seed)
        let sequence = F.sequence(topology, c)
        let net = BPTTNetwork(topology: topology, weights: weights)
        let numeric = F.finiteDifferenceGradient(topology, weights: weights, sequence: sequence)
        #expect(F.relativeError(net.gradient(for: sequence), numeric) <= 1e-6)
        #expect(net.weights == weights)
    }

    @Test(arguments: F.everyCase)
    func fullGradientEqualsRTRLPerSequenceGradient(c: F.Case) throws {
        let topology = try #require(F.everyTopology[c.topology])
        let weights = F.weights(topology, seed: c.seed)
        let sequence = F.sequence(topology, c)
        let bptt = BPTTNetwork(topology: topology, weights: weights)
        let rtrl = RTRLNetwork(topology: topology, weights: weights)
        #expect(F.relativeError(bptt.gradient(for: sequence), rtrl.gradient(for: sequence), floor: 1e-300) <= 1e-9)
        // And the weights after one per-sequence update agree too.
        _ = bptt.train(sequence, learningRate: 1.0, timing: .perSequence)
        _ = rtrl.train(sequence, learningRate: 1.0, timing: .perSequence)
        #expect(F.relativeError(bptt.weights, rtrl.weights, floor: 1e-12) <= 1e-9)
    }

    @Test(arguments: [UInt64(1), 2])
    func task2aP100FullGradientEqualsRTRL(seed: UInt64) {
        // The 2a-rtrl-p100 and 2a-bptt-p100 nets (10404 weights) on a 100-step one-hot sequence.
        let topology = RecurrentTopology.task2a(p: 100)
        var rng = SplitMix64(seed: seed, stream: .weights)
        let weights = FullyRecurrentInitialization().weights(for: topology, rng: &rng)
        let c = F.Case(topology: "2a-p100", encoding: .oneHot, targetsEveryStep: true, seed: seed, length: 100)
        let sequence = F.sequence(topology, c)
        let bptt = BPTTNetwork(topology: topology, weights: weights).gradient(for: sequence)
        let rtrl = RTRLNetwork(topology: topology, weights: weights).gradient(for: sequence)
        #expect(bptt.count == 10404)
        #expect(F.relativeError(bptt, rtrl, floor: 1e-300) <= 1e-9)
    }

    @Test(arguments: F.everyCase.filter { $0.seed == 1 }, [0, 1, 3])
    func truncationAtLeastSequenceLengthEqualsFull(c: F.Case, extra: Int) throws {
        // Depth T - 1 already reaches step 0 from the last step; deeper changes nothing.
        let topology = try #require(F.everyTopology[c.topology])
        let weights = F.weights(topology, seed: c.seed)
        let sequence = F.sequence(topology, c)
        let full = BPTTNetwork(topology: topology, weights: weights).gradient(for: sequence)
        let truncated = BPTTNetwork(topology: topology, weights: weights, truncation: c.length - 1 + extra)
        #expect(F.relativeError(truncated.gradient(for: sequence), full, floor: 1e-300) <= 1e-12)
    }

    @Test(arguments: F.everyCase.filter { $0.seed == 2 && $0.topology != "full-hiddenOnly-nobias" })
    func shallowTruncationKeepsOutputGradientButCutsRecurrentFlow(c: F.Case) throws {
        let topology = try #require(F.everyTopology[c.topology])
        let weights = F.weights(topology, seed: c.seed)
        let sequence = F.sequence(topology, c)
        let full = BPTTNetwork(topology: topology, weights: weights).gradient(for: sequence)
        let cut = BPTTNetwork(topology: topology, weights: weights, truncation: 0).gradient(for: sequence)
        let hidden = topology.hiddenWeightCount
        // Output weights see no recurrent path, so truncation cannot change their gradient.
        #expect(F.relativeError(Array(cut[hidden...]), Array(full[hidden...]), floor: 1e-300) <= 1e-12)
        // The hidden weights lose every term that crossed a recurrent connection.
        #expect(F.relativeError(Array(cut[..<hidden]), Array(full[..<hidden])) > 1e-6)
    }

    @Test func historyGrowsOnlyForLongerSequences() {
        // Structure, not timing: the activation history is reallocated only for a new longest sequence.
        let topology = RecurrentTopology.task2a(p: 4)
        let net = BPTTNetwork(topology: topology, weights: F.weights(topology, seed: 1))
        var c = F.Case(topology: "2a-p4", encoding: .oneHot, targetsEveryStep: true, seed: 1, length: 10)
        _ = net.train(F.sequence(topology, c), learningRate: 0.1, timing: .perSequence)
        let capacity = net.historyCapacity
        c.length = capacity
        _ = net.train(F.sequence(topology, c), learningRate: 0.1, timing: .perSequence)
        let outputs = net.stepOutputs.count
        for length in [3, capacity, 1, 7] {
            c.length = length
            _ = net.train(F.sequence(topology, c), learningRate: 0.1, timing: .perSequence)
            #expect(net.historyCapacity == capacity)
            #expect(net.stepOutputs.count == outputs)
        }
        c.length = capacity + 1
        _ = net.train(F.sequence(topology, c), learningRate: 0.1, timing: .perSequence)
        #expect(net.historyCapacity >= capacity + 1)
    }
}
