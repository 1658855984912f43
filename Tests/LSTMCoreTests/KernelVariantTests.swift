@testable import LSTMCore
import Testing

/// The compiled copies of the kernels (KernelVariant): the Haswell (AVX2) copy must give the portable
/// copy's results bit for bit, at either precision, or a trial's outcome would depend on the machine.
struct KernelVariantTests {
    /// A copy of `net` that runs on `variant`.
    static func twin(_ net: LSTMNetwork, on variant: KernelVariant) -> LSTMNetwork {
        let copy = LSTMNetwork(topology: net.topology, weights: net.weights, precision: net.precision)
        copy.kernelVariant = variant
        return copy
    }

    @Test(.enabled(if: KernelVariant.haswell.isSupported, "this CPU has no AVX2"), arguments: 0..<60)
    func haswellKernelsTrainBitIdenticallyToPortableKernels(seed: UInt64) {
        // Given a random net (one-quad and generic kernels alike, both connectivities), on both copies.
        var rng = SplitMix64(seed: 12_000 + seed)
        let topology =
            seed % 3 == 0
            ? CompactKernelTests.compactTopology(&rng)
            : TestNets.topology(&rng, connectivity: seed % 3 == 1 ? .full : .layered)
        // Every other case in float32: the float copies must agree with each other too.
        let drawn = TestNets.network(topology, &rng)
        let original = LSTMNetwork(topology: topology, weights: drawn.weights, precision: seed % 2 == 0 ? .float64 : .float32)
        let portable = Self.twin(original, on: .portable)
        let haswell = Self.twin(original, on: .haswell)
        // Then training, evaluation and the gradient agree bit for bit.
        TestNets.expectTwinsAgree(portable, haswell, maxLength: 40, learningRate: 0.7, &rng)
    }

    @Test func portableIsAlwaysSupportedAndPreferredIsSupported() {
        #expect(KernelVariant.portable.isSupported)
        #expect(KernelVariant.preferred.isSupported)
    }

    @Test func cpuFlagsAreReadFromTheOperatingSystem() {
        // Every x86-64 CPU has SSE2; reading nothing would silently pin every net to the portable copy.
        #if os(Linux) && arch(x86_64)
            #expect(CPUFeatures.current.flags.contains("sse2"))
        #endif
        #expect(!CPUFeatures(flags: ["avx", "avx2"]).hasHaswell)
        #expect(CPUFeatures(flags: Set(CPUFeatures.haswellFlags)).hasHaswell)
    }
}
