@testable import LSTMCore
import LSTMKernels
import Testing

/// The one-quad kernel (LSTMKernels/StepKernel+Compact.swift) against its twins: the generic kernels bit for
/// bit, and the naive reference within the gradient tests' tolerance.
struct CompactKernelTests {
    /// Random nets small enough for the one-quad kernel: ≤ 4 gate rows, ≤ 4 cells, ≤ 4 outputs.
    static func compactTopology(_ rng: inout SplitMix64) -> LSTMTopology {
        let blocks = rng.integer(in: 1...2)
        return LSTMTopology(
            inputCount: rng.integer(in: 1...6), outputCount: rng.integer(in: 1...4),
            blockCount: blocks, cellsPerBlock: rng.integer(in: 1...(4 / blocks)),
            connectivity: rng.bernoulli(0.8) ? .full : .layered, biases: BiasSet.allCases[rng.integer(in: 0...3)],
            hasOutputGates: rng.bernoulli(0.7),
            cellInput: TestNets.cellInput(&rng), cellOutput: TestNets.cellOutput(&rng))
    }

    @Test(arguments: 0..<60)
    func compactKernelTrainsBitIdenticallyToGenericKernels(seed: UInt64) {
        // Given two copies of a small net, one forced onto the generic kernels.
        var rng = SplitMix64(seed: 9000 + seed)
        let topology = Self.compactTopology(&rng)
        let compact = TestNets.network(topology, &rng)
        let generic = LSTMNetwork(topology: topology, weights: compact.weights)
        generic.usesCompactKernel = false
        #expect(compact.isCompact)
        // Then training, evaluation and the gradient agree bit for bit.
        TestNets.expectTwinsAgree(compact, generic, maxLength: 25, learningRate: 0.5, &rng)
    }

    @Test(arguments: 0..<30)
    func compactGradientMatchesReference(seed: UInt64) {
        var rng = SplitMix64(seed: 9500 + seed)
        let topology = Self.compactTopology(&rng)
        let net = TestNets.network(topology, &rng, range: 1.0)
        let seq = TestNets.sequence(
            topology, length: rng.integer(in: 1...30), oneHot: rng.bernoulli(0.5), everyStep: rng.bernoulli(0.5), &rng)
        let reference = ReferenceLSTM(topology: topology, weights: net.weights).outputsAndGradient(seq)
        #expect(TestNets.relativeError(net.gradient(for: seq), reference.gradient) <= 1e-12)
        for t in 0..<seq.length {
            for k in 0..<topology.outputCount {
                #expect(abs(net.stepOutputs[t * topology.outputCount + k] - reference.outputs[t][k]) <= 1e-13)
            }
        }
    }
}
