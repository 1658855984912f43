// Shared builders for LSTMCore tests: random topologies, nets and sequences from a seed.
import LSTMCore
import Testing

enum TestNets {
    /// A random topology; `connectivity` fixed by the caller, the rest drawn from `rng`.
    static func topology(_ rng: inout SplitMix64, connectivity: Connectivity) -> LSTMTopology {
        LSTMTopology(
            inputCount: rng.integer(in: 1...4), outputCount: rng.integer(in: 1...3),
            blockCount: rng.integer(in: 1...3), cellsPerBlock: rng.integer(in: 1...3),
            connectivity: connectivity, biases: BiasSet.allCases[rng.integer(in: 0...3)],
            hasOutputGates: rng.bernoulli(0.7),
            cellInput: cellInput(&rng), cellOutput: cellOutput(&rng))
    }

    /// A random g: mostly eq. (5)'s [-2,2], sometimes the logistic, sometimes the caption's [-1,1] (A14).
    static func cellInput(_ rng: inout SplitMix64) -> CellInputSquashing {
        rng.bernoulli(0.7) ? (rng.bernoulli(0.75) ? .symmetric2 : .symmetric1) : .logistic
    }

    /// A random h: mostly eq. (4)'s [-1,1], sometimes the identity, sometimes the caption's [-2,2] (A14).
    static func cellOutput(_ rng: inout SplitMix64) -> CellOutputSquashing {
        rng.bernoulli(0.7) ? (rng.bernoulli(0.75) ? .symmetric1 : .symmetric2) : .identity
    }

    /// A net with weights uniform in [-range, range].
    static func network(_ topology: LSTMTopology, _ rng: inout SplitMix64, range: Double = 0.5) -> LSTMNetwork {
        let w = LSTMInitialization(weightRange: range).weights(for: topology, rng: &rng)
        return LSTMNetwork(topology: topology, weights: w)
    }

    /// A random sequence: dense inputs in [-1, 1] or one-hot, targets in [0, 1] at every step or the last.
    static func sequence(
        _ topology: LSTMTopology, length: Int, oneHot: Bool, everyStep: Bool, _ rng: inout SplitMix64
    ) -> SequenceExample {
        var seq = SequenceExample(
            inputCount: topology.inputCount, outputCount: topology.outputCount,
            encoding: oneHot ? .oneHot : .dense)
        seq.reset(length: length)
        for t in 0..<length {
            if oneHot {
                seq.setActive(rng.integer(in: -1...(topology.inputCount - 1)), at: t)
            } else {
                for i in 0..<topology.inputCount { seq.setInput(rng.uniform(-1, 1), unit: i, at: t) }
            }
            if everyStep || t == length - 1 {
                for k in 0..<topology.outputCount { seq.setTarget(rng.uniform01(), unit: k, at: t) }
            }
        }
        return seq
    }

    /// ½ Σ (t − y)² of the net's current weights.
    static func error(_ net: LSTMNetwork, _ seq: SequenceExample) -> Double {
        net.evaluate(seq).squaredError / 2
    }

    /// The central finite-difference gradient −∂E/∂w.
    static func finiteDifferenceGradient(_ net: LSTMNetwork, _ seq: SequenceExample, epsilon: Double = 1e-6) -> [Double] {
        let w0 = net.weights
        var fd = [Double](repeating: 0, count: w0.count)
        var w = w0
        for i in 0..<w0.count {
            w[i] = w0[i] + epsilon
            net.setWeights(w)
            let plus = error(net, seq)
            w[i] = w0[i] - epsilon
            net.setWeights(w)
            let minus = error(net, seq)
            w[i] = w0[i]
            fd[i] = -(plus - minus) / (2 * epsilon)
        }
        net.setWeights(w0)
        return fd
    }

    /// ‖a − b‖₂ / max(‖b‖₂, tiny).
    static func relativeError(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count)
        var num = 0.0, den = 0.0
        for i in 0..<a.count {
            num += (a[i] - b[i]) * (a[i] - b[i])
            den += b[i] * b[i]
        }
        return num.squareRoot() / max(den.squareRoot(), 1e-300)
    }

    /// Trains two nets that must behave identically on the same random sequences (per-step and
    /// per-sequence updates alternating, both encodings, random lengths up to `maxLength`) and expects
    /// statistics, outputs, cell states and finally weights, evaluation and gradient to agree bit for bit.
    static func expectTwinsAgree(
        _ a: LSTMNetwork, _ b: LSTMNetwork, maxLength: Int, learningRate: Double, _ rng: inout SplitMix64,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let topology = a.topology
        func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        for i in 0..<6 {
            let seq = sequence(
                topology, length: rng.integer(in: 1...maxLength), oneHot: rng.bernoulli(0.5), everyStep: rng.bernoulli(0.5),
                &rng)
            let timing: UpdateTiming = i % 2 == 0 ? .perStep : .perSequence
            let statsA = a.train(seq, learningRate: learningRate, timing: timing)
            let statsB = b.train(seq, learningRate: learningRate, timing: timing)
            #expect(statsA == statsB, sourceLocation: sourceLocation)
            let count = seq.length * topology.outputCount
            #expect(bits(Array(a.stepOutputs.prefix(count))) == bits(Array(b.stepOutputs.prefix(count))), sourceLocation: sourceLocation)
            #expect(bits(a.cellStates) == bits(b.cellStates), sourceLocation: sourceLocation)
            #expect(bits(a.inputGateActivations) == bits(b.inputGateActivations), sourceLocation: sourceLocation)
        }
        #expect(bits(a.weights) == bits(b.weights), sourceLocation: sourceLocation)
        let seq = sequence(topology, length: 15, oneHot: rng.bernoulli(0.5), everyStep: true, &rng)
        #expect(a.evaluate(seq) == b.evaluate(seq), sourceLocation: sourceLocation)
        #expect(bits(a.gradient(for: seq)) == bits(b.gradient(for: seq)), sourceLocation: sourceLocation)
    }
}
