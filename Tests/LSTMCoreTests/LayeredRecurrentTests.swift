@testable import LSTMCore
import Testing

/// Connectivity B with F's hidden recurrence (`layered_recurrent`, A20 in docs/ambiguities.md): the
/// outputs see the inputs and the cells, as in 2a/2b, and the cells and gates also see the last
/// step's cells and gates. The fast kernels against the unit-by-unit reference, finite differences
/// where truncation is exact, and the weight count.
struct LayeredRecurrentTests {
    @Test func twoBNetWithRecurrenceHasFourMoreWeights() {
        // Given the 2a/2b net with the cell and its input gate seeing both of them
        let topology = LSTMTopology(
            inputCount: 101, outputCount: 101, blockCount: 1, cellsPerBlock: 1, connectivity: .layeredRecurrent,
            biases: .none, hasOutputGates: false, cellInput: .logistic, cellOutput: .identity)
        // Then it has 2 x 2 weights more than the paper's 10504, and the outputs keep 101 + 1 sources
        #expect(topology.weightCount == 10_508)
        #expect(topology.outputSourceCount == 102)
        #expect(topology.sourceCount == 103)
        #expect(Connectivity(rawValue: "layered_recurrent") == .layeredRecurrent)
    }

    @Test(arguments: 0..<30)
    func fastGradientAndOutputsMatchTheReference(seed: UInt64) {
        // Given a random net of this connectivity and a sequence of 1-30 steps
        var rng = SplitMix64(seed: 41_000 + seed)
        let topology = TestNets.topology(&rng, connectivity: .layeredRecurrent)
        let net = TestNets.network(topology, &rng, range: 1.0)
        let reference = ReferenceLSTM(topology: topology, weights: net.weights)
        let seq = TestNets.sequence(
            topology, length: rng.integer(in: 1...30), oneHot: rng.bernoulli(0.5), everyStep: rng.bernoulli(0.5), &rng)
        // Then the kernels' truncated gradient and every output equal the reference's
        let (outputs, gradient) = reference.outputsAndGradient(seq)
        #expect(TestNets.relativeError(net.gradient(for: seq), gradient) <= 1e-12, "seed \(seed) \(topology)")
        let flat = net.stepOutputs
        for t in 0..<seq.length {
            for k in 0..<topology.outputCount {
                #expect(abs(flat[t * topology.outputCount + k] - outputs[t][k]) <= 1e-13, "seed \(seed) step \(t)")
            }
        }
    }

    @Test(arguments: 0..<20)
    func gradientMatchesFiniteDifferencesOnOneStepSequences(seed: UInt64) {
        // Given one-step sequences, where the recurrent sources are zero and truncation cuts nothing
        var rng = SplitMix64(seed: 42_000 + seed)
        let topology = TestNets.topology(&rng, connectivity: .layeredRecurrent)
        let net = TestNets.network(topology, &rng)
        let seq = TestNets.sequence(topology, length: 1, oneHot: rng.bernoulli(0.4), everyStep: true, &rng)
        // Then the analytic gradient is the numeric one
        let relative = TestNets.relativeError(net.gradient(for: seq), TestNets.finiteDifferenceGradient(net, seq))
        #expect(relative <= 1e-6, "seed \(seed) \(topology): relative error \(relative)")
    }

    @Test(arguments: 0..<15)
    func perStepTrainingMatchesTheReference(seed: UInt64) {
        // Given a random net of this connectivity, trained per step on sequences with a target at every step
        var rng = SplitMix64(seed: 43_000 + seed)
        let topology = TestNets.topology(&rng, connectivity: .layeredRecurrent)
        let net = TestNets.network(topology, &rng, range: 0.5)
        var reference = ReferenceLSTM(topology: topology, weights: net.weights)
        for _ in 0..<4 {
            let seq = TestNets.sequence(
                topology, length: rng.integer(in: 1...20), oneHot: rng.bernoulli(0.5), everyStep: true, &rng)
            _ = net.train(seq, learningRate: 0.7, timing: .perStep)
            let outputs = reference.trainPerStep(seq, learningRate: 0.7)
            let flat = net.stepOutputs
            for t in 0..<seq.length {
                for k in 0..<topology.outputCount {
                    #expect(abs(flat[t * topology.outputCount + k] - outputs[t][k]) <= 1e-12, "seed \(seed) step \(t)")
                }
            }
        }
        // Then the weights agree after every sequence's per-step changes
        #expect(TestNets.relativeError(net.weights, reference.weights) <= 1e-12)
    }

    @Test(arguments: 0..<20)
    func oneCellKernelTrainsBitIdenticallyToGenericKernels(seed: UInt64) {
        // Given a one-cell net of this connectivity (the shape of 2b with recurrence)
        var rng = SplitMix64(seed: 44_000 + seed)
        let topology = LSTMTopology(
            inputCount: rng.integer(in: 1...8), outputCount: rng.integer(in: 1...13), blockCount: 1, cellsPerBlock: 1,
            connectivity: .layeredRecurrent, biases: BiasSet.allCases[rng.integer(in: 0...3)],
            hasOutputGates: rng.bernoulli(0.5), cellInput: rng.bernoulli(0.5) ? .symmetric2 : .logistic,
            cellOutput: rng.bernoulli(0.5) ? .symmetric1 : .identity)
        let drawn = TestNets.network(topology, &rng, range: 1.0)
        let (fast, generic) = OneCellKernelTests.twins(topology, drawn.weights, precision: seed % 2 == 1 ? .float32 : .float64)
        // Then both kernels give the same bits
        TestNets.expectTwinsAgree(fast, generic, maxLength: 30, learningRate: 0.9, &rng)
    }

    @Test(arguments: 0..<8)
    func lanesComputeTheBitsOfNetsRunAlone(seed: UInt64) {
        // Given random nets of this connectivity, run four at a time in lanes and each alone
        var rng = SplitMix64(seed: 45_000 + seed)
        let topology = TestNets.topology(&rng, connectivity: .layeredRecurrent)
        let precision: Precision = seed % 4 == 3 ? .float32 : .float64
        let timing: UpdateTiming = seed % 2 == 0 ? .perStep : .perSequence
        let scripts = LaneTests.scripts(topology, count: 6, oneHot: rng.bernoulli(0.5), maxLength: 25, &rng)
        // Then every figure, output and final weight agrees bit for bit
        #expect(LaneTests.runInLanes(scripts, topology, precision, timing) == LaneTests.runAlone(scripts, topology, precision, timing))
    }
}
