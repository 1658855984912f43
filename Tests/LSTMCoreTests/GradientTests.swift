import LSTMCore
import Testing

/// The truncated gradient (eqs. 19-28) against finite differences where truncation is exact, and
/// against the unit-by-unit reference everywhere.
struct GradientTests {
    /// (a) Cells and gates see only the inputs (connectivity B): no recurrent path is cut, so the
    /// truncated gradient is the exact gradient of the sequence error, on multi-step sequences.
    @Test(arguments: 0..<40)
    func gradientMatchesFiniteDifferencesWithoutRecurrence(seed: UInt64) {
        var rng = SplitMix64(seed: 1000 + seed)
        let topology = TestNets.topology(&rng, connectivity: .layered)
        let net = TestNets.network(topology, &rng)
        let seq = TestNets.sequence(
            topology, length: rng.integer(in: 2...12), oneHot: rng.bernoulli(0.4), everyStep: rng.bernoulli(0.5), &rng)
        let analytic = net.gradient(for: seq)
        let numeric = TestNets.finiteDifferenceGradient(net, seq)
        let relative = TestNets.relativeError(analytic, numeric)
        #expect(relative <= 1e-6, "seed \(seed) \(topology): relative error \(relative)")
    }

    /// (b) Any net on one-step sequences: the recurrent inputs are zero at the first step.
    @Test(arguments: 0..<40)
    func gradientMatchesFiniteDifferencesOnOneStepSequences(seed: UInt64) {
        var rng = SplitMix64(seed: 2000 + seed)
        let topology = TestNets.topology(&rng, connectivity: rng.bernoulli(0.8) ? .full : .layered)
        let net = TestNets.network(topology, &rng)
        let seq = TestNets.sequence(topology, length: 1, oneHot: rng.bernoulli(0.4), everyStep: true, &rng)
        let relative = TestNets.relativeError(net.gradient(for: seq), TestNets.finiteDifferenceGradient(net, seq))
        #expect(relative <= 1e-6, "seed \(seed) \(topology): relative error \(relative)")
    }

    /// On fully recurrent nets the truncated gradient is not the full one, so it is checked against
    /// the naive unit-by-unit implementation of the same equations.
    @Test(arguments: 0..<40)
    func fastGradientMatchesReference(seed: UInt64) {
        var rng = SplitMix64(seed: 3000 + seed)
        let topology = TestNets.topology(&rng, connectivity: rng.bernoulli(0.8) ? .full : .layered)
        let net = TestNets.network(topology, &rng, range: 1.0)
        let reference = ReferenceLSTM(topology: topology, weights: net.weights)
        let seq = TestNets.sequence(
            topology, length: rng.integer(in: 1...30), oneHot: rng.bernoulli(0.5), everyStep: rng.bernoulli(0.5), &rng)
        let (outputs, gradient) = reference.outputsAndGradient(seq)
        #expect(TestNets.relativeError(net.gradient(for: seq), gradient) <= 1e-12)
        let flat = net.stepOutputs
        for t in 0..<seq.length {
            for k in 0..<topology.outputCount {
                #expect(abs(flat[t * topology.outputCount + k] - outputs[t][k]) <= 1e-13)
            }
        }
    }

    /// The same sequence coded one-hot and densely gives the same outputs and gradient.
    @Test(arguments: 0..<10)
    func oneHotAndDenseInputsAgree(seed: UInt64) {
        var rng = SplitMix64(seed: 4000 + seed)
        let topology = TestNets.topology(&rng, connectivity: rng.bernoulli(0.5) ? .full : .layered)
        let net = TestNets.network(topology, &rng)
        let oneHot = TestNets.sequence(topology, length: 15, oneHot: true, everyStep: true, &rng)
        var dense = SequenceExample(inputCount: topology.inputCount, outputCount: topology.outputCount, encoding: .dense)
        dense.reset(length: oneHot.length)
        for t in 0..<oneHot.length {
            for i in 0..<topology.inputCount { dense.setInput(oneHot.input(unit: i, at: t), unit: i, at: t) }
            for k in 0..<topology.outputCount { dense.setTarget(oneHot.target(unit: k, at: t), unit: k, at: t) }
        }
        let g1 = net.gradient(for: oneHot), o1 = net.stepOutputs
        let g2 = net.gradient(for: dense), o2 = net.stepOutputs
        #expect(TestNets.relativeError(g1, g2) <= 1e-13)
        #expect(TestNets.relativeError(o1, o2) <= 1e-14)
    }

    /// Per-step and per-sequence updates agree when the only target is at the last step (A1).
    @Test(arguments: 0..<10)
    func perStepAndPerSequenceAgreeWithFinalTargetOnly(seed: UInt64) {
        var rng = SplitMix64(seed: 5000 + seed)
        let topology = TestNets.topology(&rng, connectivity: .full)
        let a = TestNets.network(topology, &rng)
        let b = LSTMNetwork(topology: topology, weights: a.weights)
        for _ in 0..<5 {
            let seq = TestNets.sequence(topology, length: rng.integer(in: 1...20), oneHot: rng.bernoulli(0.5), everyStep: false, &rng)
            let sa = a.train(seq, learningRate: 0.7, timing: .perStep)
            let sb = b.train(seq, learningRate: 0.7, timing: .perSequence)
            #expect(sa == sb)
        }
        #expect(a.weights == b.weights)
    }

    /// Per-step updates with a target at every step (Exps. 1, 2a, 2b; A1/A15) against the naive
    /// reference: each step's error signals use the current weights, the change is applied before
    /// the next step, and the partials carry on. Checked over several sequences, on random nets and
    /// on the Exp. 1 net (3 blocks of 2, one-hot, α = 0.5), where 1-5 trains far worse than the paper.
    @Test(arguments: 0..<20)
    func perStepTrainingWithTargetsEveryStepMatchesReference(seed: UInt64) {
        var rng = SplitMix64(seed: 6000 + seed)
        let topology = seed < 15
            ? TestNets.topology(&rng, connectivity: rng.bernoulli(0.8) ? .full : .layered)
            : LSTMTopology(inputCount: 7, outputCount: 7, blockCount: 3, cellsPerBlock: 2, biases: .gates)
        let net = TestNets.network(topology, &rng, range: seed < 15 ? 0.5 : 0.2)
        var reference = ReferenceLSTM(topology: topology, weights: net.weights)
        let rate = seed < 15 ? 0.7 : 0.5
        for _ in 0..<6 {
            let seq = TestNets.sequence(
                topology, length: rng.integer(in: 1...25), oneHot: seed >= 15 || rng.bernoulli(0.5), everyStep: true, &rng)
            _ = net.train(seq, learningRate: rate, timing: .perStep)
            let outputs = reference.trainPerStep(seq, learningRate: rate)
            let flat = net.stepOutputs
            for t in 0..<seq.length {
                for k in 0..<topology.outputCount {
                    #expect(abs(flat[t * topology.outputCount + k] - outputs[t][k]) <= 1e-12, "seed \(seed) step \(t)")
                }
            }
        }
        #expect(TestNets.relativeError(net.weights, reference.weights) <= 1e-12, "seed \(seed) \(topology)")
    }

    /// Training moves the weights by exactly α times the gradient when targets come at the end.
    @Test func updateIsLearningRateTimesGradient() {
        var rng = SplitMix64(seed: 77)
        let topology = LSTMTopology(inputCount: 2, outputCount: 1, blockCount: 2, cellsPerBlock: 2)
        let net = TestNets.network(topology, &rng)
        let seq = TestNets.sequence(topology, length: 10, oneHot: false, everyStep: false, &rng)
        let before = net.weights
        let gradient = net.gradient(for: seq)
        #expect(net.weights == before, "gradient(for:) must not change the weights")
        _ = net.train(seq, learningRate: 0.5, timing: .perSequence)
        let after = net.weights
        for i in 0..<before.count { #expect(abs(after[i] - (before[i] + 0.5 * gradient[i])) <= 1e-15) }
    }

    /// Every sequence starts from zero state: the same sequence twice gives the same outputs.
    @Test func stateResetsAtEverySequenceStart() {
        var rng = SplitMix64(seed: 8)
        let topology = LSTMTopology(inputCount: 3, outputCount: 2, blockCount: 2, cellsPerBlock: 2)
        let net = TestNets.network(topology, &rng)
        let seq = TestNets.sequence(topology, length: 12, oneHot: true, everyStep: true, &rng)
        let other = TestNets.sequence(topology, length: 7, oneHot: true, everyStep: true, &rng)
        let g1 = net.gradient(for: seq), o1 = Array(net.stepOutputs.prefix(24))
        _ = net.gradient(for: other)
        let g2 = net.gradient(for: seq), o2 = Array(net.stepOutputs.prefix(24))
        #expect(g1 == g2)
        #expect(o1 == o2)
    }
}
