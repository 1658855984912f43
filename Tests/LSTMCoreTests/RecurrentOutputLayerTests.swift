// The baselines' output layer as RecurrentKernel computes it (the logistic four outputs at a time;
// dh summed in a register, and for one hidden unit in the pass that computes the errors) against
// its reference (`referenceOutputLayer`: one output at a time, dh accumulated in place): the same
// bits through whole trainings of RTRL and BPTT nets.

import Testing

@testable import LSTMCore

struct RecurrentOutputLayerTests {
    typealias F = RecurrentFixtures

    /// Every fixture topology (1-12 outputs) and Task 2a's nets at p = 4 and 100 (5 and 101 outputs:
    /// one quad and a tail of 1, 25 quads and a tail of 1).
    static let topologies: [(String, RecurrentTopology)] =
        F.topologies.sorted { $0.key < $1.key } + [("2a-p100", .task2a(p: 100))]

    /// Trains two copies of a net on the same 12 sequences, one with the reference output step,
    /// and returns both nets' weights and last step outputs.
    static func twoRuns(
        _ topology: RecurrentTopology, encoding: SequenceExample.Encoding, every: Bool,
        train: (any SequenceLearner, SequenceExample) -> Void, make: ([Double]) -> (any SequenceLearner, RecurrentKernel)
    ) -> (fast: [Double], reference: [Double], fastOutputs: [Double], referenceOutputs: [Double]) {
        let weights = F.weights(topology, seed: 7)
        let (fast, _) = make(weights)
        let (reference, referenceKernel) = make(weights)
        referenceKernel.referenceOutputLayer = true
        for seed: UInt64 in 1...12 {
            let sequence = F.sequence(
                topology, F.Case(topology: "", encoding: encoding, targetsEveryStep: every, seed: seed, length: 4 + Int(seed % 5)))
            train(fast, sequence)
            train(reference, sequence)
        }
        return (fast.weights, reference.weights, fast.stepOutputs, reference.stepOutputs)
    }

    @Test(arguments: topologies.map(\.0))
    func rtrlTrainsToTheReferenceBits(name: String) throws {
        let topology = try #require(Self.topologies.first { $0.0 == name }?.1)
        for encoding in [SequenceExample.Encoding.dense, .oneHot] {
            for every in [true, false] {
                for timing in [UpdateTiming.perStep, .perSequence] {
                    let runs = Self.twoRuns(
                        topology, encoding: encoding, every: every,
                        train: { net, sequence in _ = net.train(sequence, learningRate: 0.7, timing: timing) },
                        make: { weights in
                            let net = RTRLNetwork(topology: topology, weights: weights)
                            return (net, net.kernel)
                        })
                    #expect(runs.fast == runs.reference, "\(name) \(encoding) every-step \(every) \(timing)")
                    #expect(runs.fastOutputs == runs.referenceOutputs)
                    #expect(runs.fast != F.weights(topology, seed: 7))  // it learned something
                }
            }
        }
    }

    @Test(arguments: topologies.map(\.0))
    func bpttTrainsToTheReferenceBits(name: String) throws {
        let topology = try #require(Self.topologies.first { $0.0 == name }?.1)
        for encoding in [SequenceExample.Encoding.dense, .oneHot] {
            let runs = Self.twoRuns(
                topology, encoding: encoding, every: true,
                train: { net, sequence in _ = net.train(sequence, learningRate: 0.7, timing: .perSequence) },
                make: { weights in
                    let net = BPTTNetwork(topology: topology, weights: weights)
                    return (net, net.kernel)
                })
            #expect(runs.fast == runs.reference, "\(name) \(encoding)")
            #expect(runs.fastOutputs == runs.referenceOutputs)
        }
    }
}
