import LSTMCore
import Testing

struct RTRLNetworkTests {
    typealias F = RecurrentFixtures

    @Test(arguments: F.everyCase)
    func forwardMatchesReference(c: F.Case) throws {
        let topology = try #require(F.everyTopology[c.topology])
        let weights = F.weights(topology, seed: c.seed)
        let sequence = F.sequence(topology, c)
        let net = RTRLNetwork(topology: topology, weights: weights)
        let stats = net.evaluate(sequence)
        let reference = RecurrentReference.outputs(topology: topology, weights: weights, sequence: sequence)
        let K = topology.outputCount
        for t in 0..<c.length {
            for k in 0..<K { #expect(abs(net.stepOutputs[t * K + k] - reference[t][k]) <= 1e-14) }
        }
        let e = RecurrentReference.error(topology: topology, weights: weights, sequence: sequence)
        #expect(abs(0.5 * stats.squaredError - e) <= 1e-12 * max(1, e))
    }

    @Test(arguments: F.everyCase)
    func gradientMatchesFiniteDifferences(c: F.Case) throws {
        let topology = try #require(F.everyTopology[c.topology])
        let weights = F.weights(topology, seed: c.seed)
        let sequence = F.sequence(topology, c)
        let net = RTRLNetwork(topology: topology, weights: weights)
        let gradient = net.gradient(for: sequence)
        let numeric = F.finiteDifferenceGradient(topology, weights: weights, sequence: sequence)
        #expect(F.relativeError(gradient, numeric) <= 1e-6)
        #expect(net.weights == weights)  // gradient(for:) changes nothing
    }

    @Test(arguments: F.everyCase.filter { $0.seed == 1 })
    func gradientIsTheSameOnRepeatedCallsAfterOtherSequences(c: F.Case) throws {
        // Given a net that has seen a longer, differently encoded sequence,
        // when it computes a gradient again, then stale sensitivities do not leak into it.
        let topology = try #require(F.everyTopology[c.topology])
        let net = RTRLNetwork(topology: topology, weights: F.weights(topology, seed: c.seed))
        let sequence = F.sequence(topology, c)
        let first = net.gradient(for: sequence)
        var other = c
        other.encoding = c.encoding == .dense ? .oneHot : .dense
        other.length = c.length + 5
        other.seed = 99
        _ = net.gradient(for: F.sequence(topology, other))
        #expect(F.relativeError(net.gradient(for: sequence), first, floor: 1e-300) == 0)
    }

    @Test(arguments: F.everyCase.filter { $0.seed == 2 })
    func perSequenceTrainingAddsLearningRateTimesGradient(c: F.Case) throws {
        let topology = try #require(F.everyTopology[c.topology])
        let weights = F.weights(topology, seed: c.seed)
        let sequence = F.sequence(topology, c)
        let net = RTRLNetwork(topology: topology, weights: weights)
        let gradient = net.gradient(for: sequence)
        _ = net.train(sequence, learningRate: 0.5, timing: .perSequence)
        let expected = (0..<weights.count).map { weights[$0] + 0.5 * gradient[$0] }
        #expect(F.relativeError(net.weights, expected, floor: 1e-12) <= 1e-12)
    }

    @Test(arguments: F.everyCase.filter { !$0.targetsEveryStep })
    func perStepEqualsPerSequenceWithOneTargetStep(c: F.Case) throws {
        // With a single target step, real-time learning makes exactly one change per sequence.
        let topology = try #require(F.everyTopology[c.topology])
        let weights = F.weights(topology, seed: c.seed)
        let sequence = F.sequence(topology, c)
        let perStep = RTRLNetwork(topology: topology, weights: weights)
        let perSequence = RTRLNetwork(topology: topology, weights: weights)
        _ = perStep.train(sequence, learningRate: 1.0, timing: .perStep)
        _ = perSequence.train(sequence, learningRate: 1.0, timing: .perSequence)
        #expect(F.relativeError(perStep.weights, perSequence.weights, floor: 1e-12) <= 1e-12)
    }

    @Test func previousStepOutputsAreTheSameStepOutputsOneStepLater() throws {
        // With outputs that see only the hidden units, A23's y(t) = f(W h(t-1)) is the same-step
        // net's y(t-1), and y(0) = f(0) = 0.5.
        var same = RecurrentTopology(inputCount: 4, hiddenCount: 3, outputCount: 2, outputSources: .hiddenOnly,
                                     hiddenBiases: true, outputBiases: false)
        var previous = same
        previous.outputTiming = .previousStep
        let weights = F.weights(same, seed: 5)
        let c = F.Case(topology: "", encoding: .dense, targetsEveryStep: true, seed: 5, length: 7)
        let sequence = F.sequence(same, c)
        let a = RTRLNetwork(topology: same, weights: weights), b = RTRLNetwork(topology: previous, weights: weights)
        _ = a.evaluate(sequence)
        _ = b.evaluate(sequence)
        #expect(b.stepOutputs[0..<2] == [0.5, 0.5])
        #expect(Array(b.stepOutputs[2..<14]) == Array(a.stepOutputs[0..<12]))
        same.outputTiming = .sameStep  // the shapes agree in everything else
        #expect(same.weightCount == previous.weightCount)
    }

    @Test func buffersDoNotGrowForSequencesNoLongerThanBefore() {
        // Structure, not timing: after the longest sequence, the output record keeps its size.
        let topology = RecurrentTopology.reber(hiddenCount: 3)
        let net = RTRLNetwork(topology: topology, weights: F.weights(topology, seed: 1))
        let long = F.Case(topology: "reber-3", encoding: .oneHot, targetsEveryStep: true, seed: 1, length: 40)
        _ = net.train(F.sequence(topology, long), learningRate: 0.1, timing: .perStep)
        let size = net.stepOutputs.count
        for length in [5, 40, 17, 1] {
            var c = long
            c.length = length
            _ = net.train(F.sequence(topology, c), learningRate: 0.1, timing: .perStep)
            #expect(net.stepOutputs.count == size)
        }
    }
}
