@testable import LSTMCore
import Testing

/// The one-cell kernel (LSTMKernels/StepKernel+OneCell.swift, the training path of 2a/2b) against the
/// generic kernels, bit for bit: every output, error figure, cell state and weight.
struct OneCellKernelTests {
    /// A net on the one-cell kernel and its twin on the generic kernels, with the same weights. Both
    /// stay off the one-quad kernel, so that small nets take the one-cell kernel too.
    static func twins(_ topology: LSTMTopology, _ weights: [Double], precision: Precision) -> (LSTMNetwork, LSTMNetwork) {
        let fast = LSTMNetwork(topology: topology, weights: weights, precision: precision)
        let generic = LSTMNetwork(topology: topology, weights: weights, precision: precision)
        fast.usesCompactKernel = false
        generic.usesCompactKernel = false
        generic.usesOneCellKernel = false
        return (fast, generic)
    }

    @Test(arguments: 0..<60)
    func oneCellKernelTrainsBitIdenticallyToGenericKernels(seed: UInt64) {
        // Given a random net of one cell: 1-13 outputs (whole quads and a partial one), either
        // connectivity, any biases, with or without an output gate, either g and h.
        var rng = SplitMix64(seed: 31_000 + seed)
        let topology = LSTMTopology(
            inputCount: rng.integer(in: 1...8), outputCount: rng.integer(in: 1...13), blockCount: 1, cellsPerBlock: 1,
            connectivity: rng.bernoulli(0.5) ? .full : .layered, biases: BiasSet.allCases[rng.integer(in: 0...3)],
            hasOutputGates: rng.bernoulli(0.5),
            cellInput: rng.bernoulli(0.5) ? .symmetric2 : .logistic,
            cellOutput: rng.bernoulli(0.5) ? .symmetric1 : .identity)
        let drawn = TestNets.network(topology, &rng, range: 1.0)
        let (fast, generic) = Self.twins(topology, drawn.weights, precision: seed % 3 == 2 ? .float32 : .float64)
        // Then per-step and per-sequence training, evaluation and the gradient agree bit for bit.
        TestNets.expectTwinsAgree(fast, generic, maxLength: 30, learningRate: 0.9, &rng)
    }

    @Test(arguments: [Precision.float64, .float32])
    func twoANetTrainsBitIdenticallyOverManySequences(precision: Precision) {
        // Given the 2a net (p = 100: 101 one-hot inputs and outputs, B, no biases, no output gate,
        // logistic g, identity h) and sequences of 2a's shape: one-hot inputs and next-symbol targets
        // at every step, many symbols touched per sequence, some repeated (as in 2b).
        let topology = LSTMTopology(
            inputCount: 101, outputCount: 101, blockCount: 1, cellsPerBlock: 1, connectivity: .layered,
            biases: .none, hasOutputGates: false, cellInput: .logistic, cellOutput: .identity)
        var rng = SplitMix64(seed: 31_500)
        let drawn = TestNets.network(topology, &rng, range: 0.2)
        let (fast, generic) = Self.twins(topology, drawn.weights, precision: precision)
        func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        for n in 0..<12 {
            var seq = SequenceExample(inputCount: 101, outputCount: 101, encoding: .oneHot)
            seq.reset(length: 100)
            var symbols = (0..<100).map { t in n % 2 == 0 ? t : rng.integer(in: 0...98) }
            symbols[0] = 99 + n % 2
            for t in 0..<100 {
                seq.setActive(symbols[t], at: t)
                seq.setOneHotTarget(t < 99 ? symbols[t + 1] : symbols[0], at: t)
            }
            // When both train with per-step updates at 2a's learning rate (every step a target).
            let statsFast = fast.train(seq, learningRate: 1.0, timing: .perStep)
            let statsGeneric = generic.train(seq, learningRate: 1.0, timing: .perStep)
            // Then each sequence's figures, outputs, state and the weights after it are the same bits.
            #expect(statsFast == statsGeneric)
            #expect(bits(Array(fast.stepOutputs.prefix(100 * 101))) == bits(Array(generic.stepOutputs.prefix(100 * 101))))
            #expect(bits(fast.cellStates) == bits(generic.cellStates))
            #expect(bits(fast.weights) == bits(generic.weights))
        }
        #expect(fast.weights != drawn.weights)
    }
}
