import Foundation
@testable import LSTMCore
import LSTMKernels
import Testing

/// float32 nets (`Precision.float32`): the float exp, and the float kernels against the float64 ones.
struct PrecisionTests {
    @Test func floatExpIsWithinTwoUlpOfTheSystemExpAndLanesMatchTheScalar() {
        var rng = SplitMix64(seed: 21)
        for _ in 0..<100_000 {
            let x = Float(rng.uniform(-87, 88))
            let ours = Elementary.exp(x), system = Foundation.expf(x)
            #expect(abs(ours - system) <= 2 * system.ulp, "expf(\(x))")
            let lanes = Elementary.exp(SIMD4<Float>(x, -x / 2, x / 3, 0.25 * x))
            #expect(lanes[0].bitPattern == ours.bitPattern)
            #expect(lanes[1].bitPattern == Elementary.exp(-x / 2).bitPattern)
            // The eight-lane exp and logistic of the float32 lane kernels, lane by lane.
            let wide = SIMD8<Float>(x, -x / 2, x / 3, 0.25 * x, -x, x / 7, -x / 5, 1e-3 * x)
            let (exps, logistics) = (Elementary.exp(wide), Elementary.logistic(wide))
            for l in 0..<8 {
                #expect(exps[l].bitPattern == Elementary.exp(wide[l]).bitPattern)
                #expect(logistics[l].bitPattern == Elementary.logistic(wide[l]).bitPattern)
            }
        }
        #expect(Elementary.logistic(Float(-200)) < 1e-37 && Elementary.logistic(Float(200)) == 1)
        #expect(Elementary.logistic(Float.nan).isNaN)
    }

    @Test(arguments: 0..<40)
    func float32NetFollowsTheFloat64Net(seed: UInt64) {
        // Given the same random net in both precisions.
        var rng = SplitMix64(seed: 31_000 + seed)
        let topology = TestNets.topology(&rng, connectivity: seed % 2 == 0 ? .full : .layered)
        let double = TestNets.network(topology, &rng)
        let single = LSTMNetwork(topology: topology, weights: double.weights, precision: .float32)
        #expect(single.precision == .float32)
        // Then outputs and the truncated gradient agree to float32's accuracy.
        let seq = TestNets.sequence(
            topology, length: rng.integer(in: 1...30), oneHot: rng.bernoulli(0.5), everyStep: rng.bernoulli(0.5), &rng)
        let g64 = double.gradient(for: seq), g32 = single.gradient(for: seq)
        let count = seq.length * topology.outputCount
        for i in 0..<count { #expect(abs(double.stepOutputs[i] - single.stepOutputs[i]) <= 1e-5) }
        #expect(TestNets.relativeError(g32, g64) <= 1e-4)
        // And a few per-step updates keep the weights together.
        for _ in 0..<5 {
            _ = double.train(seq, learningRate: 0.5, timing: .perStep)
            _ = single.train(seq, learningRate: 0.5, timing: .perStep)
        }
        for (a, b) in zip(double.weights, single.weights) { #expect(abs(a - b) <= 1e-4) }
    }

    @Test(arguments: 0..<30)
    func float32CompactKernelIsBitIdenticalToGenericKernels(seed: UInt64) {
        var rng = SplitMix64(seed: 32_000 + seed)
        let topology = CompactKernelTests.compactTopology(&rng)
        let weights = TestNets.network(topology, &rng).weights
        let compact = LSTMNetwork(topology: topology, weights: weights, precision: .float32)
        let generic = LSTMNetwork(topology: topology, weights: weights, precision: .float32)
        generic.usesCompactKernel = false
        #expect(compact.isCompact)
        TestNets.expectTwinsAgree(compact, generic, maxLength: 25, learningRate: 0.5, &rng)
    }

    @Test func float32RoundsTheWeights() {
        var rng = SplitMix64(seed: 5)
        let topology = TestNets.topology(&rng, connectivity: .full)
        let double = TestNets.network(topology, &rng)
        let single = LSTMNetwork(topology: topology, weights: double.weights, precision: .float32)
        #expect(single.weights == double.weights.map { Double(Float($0)) })
    }
}
