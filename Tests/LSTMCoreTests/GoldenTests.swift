import LSTMCore
import Testing

/// Stored outputs and gradient of a tiny net from a fixed seed: any change to the numerics, the
/// PRNG, the initialisation order or the weight layout shows up here.
struct GoldenTests {
    static let topology = LSTMTopology(inputCount: 2, outputCount: 1, blockCount: 1, cellsPerBlock: 2, biases: .all)

    static func netAndSequence() -> (LSTMNetwork, SequenceExample) {
        var weightsRNG = SplitMix64(seed: 42, stream: .weights)
        let w = LSTMInitialization(weightRange: 0.5, inputGateBiases: [-1], outputGateBiases: [-2])
            .weights(for: topology, rng: &weightsRNG)
        var dataRNG = SplitMix64(seed: 42, stream: .training)
        var seq = SequenceExample(inputCount: 2, outputCount: 1, encoding: .dense)
        seq.reset(length: 4)
        for t in 0..<4 {
            seq.setInput(dataRNG.uniform(-1, 1), unit: 0, at: t)
            seq.setInput(dataRNG.uniform(-1, 1), unit: 1, at: t)
            seq.setTarget(dataRNG.uniform01(), unit: 0, at: t)
        }
        return (LSTMNetwork(topology: topology, weights: w), seq)
    }

    static let outputs: [Double] = [0.6203376203215392, 0.6209080110998682, 0.621833066078449, 0.6229173924404102]
    static let gradient: [Double] = [
        -2.5728026620276718e-05, -0.0006773362928264849, 4.133116508268435e-06, 1.881489067638299e-05,
        -0.0002879133297226812, -9.228744551367647e-05, 0.00030059866159314595, -0.000602215707532839,
        8.545217337194283e-06, 4.703273067241937e-05, -0.0005757697860583261, -0.00018182185302685941,
        -0.0005158686383758386, -0.0034035555591223586, 1.659648078321065e-05, 7.218372896665147e-05,
        -0.0011827875207858466, -0.00038055294855584686, 0.0002690670949047179, 0.0018280775646884154,
        -8.994582452568163e-06, -3.9338240319540535e-05, 0.0006379898856524547, 0.00020515959510301448,
        -0.001136421985855568, -0.0016715817617442546, -0.005305276215276316, 0.002863033832584652,
        0.0011460758240866386, 0.010070739535604308, -0.29213725811265473,
    ]

    @Test func tinyNetReproducesStoredOutputsAndGradient() {
        let (net, seq) = Self.netAndSequence()
        #expect(net.weightCount == 31)
        let g = net.gradient(for: seq)
        for t in 0..<4 { #expect(abs(net.stepOutputs[t] - Self.outputs[t]) <= 1e-15, "output \(t)") }
        for i in 0..<g.count { #expect(abs(g[i] - Self.gradient[i]) <= 1e-15 * max(1, abs(Self.gradient[i])), "weight \(i)") }
        // The reference agrees with the stored values too, so they are not merely self-consistent.
        let reference = ReferenceLSTM(topology: Self.topology, weights: net.weights).outputsAndGradient(seq)
        #expect(TestNets.relativeError(reference.gradient, Self.gradient) <= 1e-12)
    }
}
