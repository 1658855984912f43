// Shared fixtures of the RTRL/BPTT tests: small topologies, random sequences (dense or one-hot,
// targets at every step or only at the end), and a central-difference gradient of the reference E.

import LSTMCore

/// Fixtures for the fully recurrent baselines' tests.
enum RecurrentFixtures {
    /// Named small topologies covering every structural option.
    static let topologies: [String: RecurrentTopology] = [
        "2a-p4": .task2a(p: 4),
        "2a-p10": .task2a(p: 10),
        "reber-3": .reber(hiddenCount: 3),
        "reber-12": .reber(hiddenCount: 12),
        "full-hiddenOnly-nobias": RecurrentTopology(
            inputCount: 4, hiddenCount: 4, outputCount: 2, outputSources: .hiddenOnly,
            hiddenBiases: false, outputBiases: false),
        "self-biased": RecurrentTopology(
            inputCount: 3, hiddenCount: 3, outputCount: 3, recurrence: .selfOnly, hiddenBiases: true,
            outputBiases: true),
    ]

    /// Nets whose outputs see the hidden units of the step before (A23).
    static let previousStepTopologies: [String: RecurrentTopology] = [
        "2a-p4-previous": {
            var t = RecurrentTopology.task2a(p: 4)
            t.outputTiming = .previousStep
            return t
        }(),
        "reber-3-previous": {
            var t = RecurrentTopology.reber(hiddenCount: 3)
            t.outputTiming = .previousStep
            return t
        }(),
    ]

    /// Every topology the learners are checked on.
    static let everyTopology = topologies.merging(previousStepTopologies) { a, _ in a }

    /// One gradient-check case.
    struct Case: Sendable, CustomStringConvertible {
        var topology: String
        var encoding: SequenceExample.Encoding
        var targetsEveryStep: Bool
        var seed: UInt64
        var length: Int

        var description: String {
            "\(topology) \(encoding) \(targetsEveryStep ? "every-step" : "end-only") seed \(seed) T=\(length)"
        }
    }

    /// Every topology × encoding × target pattern, over a few seeds and lengths.
    static let cases: [Case] = cases(of: topologies)

    /// `cases` plus the same over the previous-step nets.
    static let everyCase: [Case] = cases + cases(of: previousStepTopologies)

    static func cases(of topologies: [String: RecurrentTopology]) -> [Case] {
        var result: [Case] = []
        for name in topologies.keys.sorted() {
            for encoding in [SequenceExample.Encoding.dense, .oneHot] {
                for every in [true, false] {
                    for seed: UInt64 in 1...2 {
                        result.append(Case(
                            topology: name, encoding: encoding, targetsEveryStep: every, seed: seed,
                            length: 3 + Int(seed) * 3))
                    }
                }
            }
        }
        return result
    }

    /// Weights uniform in [-1, 1]: larger than the paper's 0.2, so recurrent terms matter.
    static func weights(_ topology: RecurrentTopology, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed, stream: .weights)
        return FullyRecurrentInitialization(weightRange: 1.0).weights(for: topology, rng: &rng)
    }

    /// A random sequence; one-hot sequences include steps with no active input.
    static func sequence(_ topology: RecurrentTopology, _ c: Case) -> SequenceExample {
        var rng = SplitMix64(seed: c.seed, stream: .training)
        var s = SequenceExample(
            inputCount: topology.inputCount, outputCount: topology.outputCount, encoding: c.encoding, capacity: 4)
        s.reset(length: c.length)
        for t in 0..<c.length {
            switch c.encoding {
            case .dense:
                for i in 0..<topology.inputCount { s.setInput(rng.uniform(-1, 1), unit: i, at: t) }
            case .oneHot:
                s.setActive(rng.integer(in: -1...(topology.inputCount - 1)), at: t)
            }
            if c.targetsEveryStep || t == c.length - 1 {
                for k in 0..<topology.outputCount { s.setTarget(rng.uniform01(), unit: k, at: t) }
            }
        }
        return s
    }

    /// −∂E/∂w by central differences of the reference E, Richardson-extrapolated (error O(ε⁴)).
    static func finiteDifferenceGradient(
        _ topology: RecurrentTopology, weights: [Double], sequence: SequenceExample, epsilon: Double = 1e-3
    ) -> [Double] {
        func central(_ i: Int, _ h: Double) -> Double {
            var w = weights
            w[i] = weights[i] + h
            let plus = RecurrentReference.error(topology: topology, weights: w, sequence: sequence)
            w[i] = weights[i] - h
            let minus = RecurrentReference.error(topology: topology, weights: w, sequence: sequence)
            return (plus - minus) / (2 * h)
        }
        return (0..<weights.count).map { i in
            -(4 * central(i, epsilon / 2) - central(i, epsilon)) / 3
        }
    }

    /// max_i |a_i - b_i| / max(|a_i|, |b_i|, floor): the componentwise relative error.
    ///
    /// The default floor suits finite differences: their rounding error is about
    /// ulp(E) / ε ≈ 1e-13 absolute, so components below 1e-6 are held to 1e-12 absolute instead.
    static func relativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-6) -> Double {
        precondition(a.count == b.count)
        var worst = 0.0
        for i in 0..<a.count {
            worst = max(worst, abs(a[i] - b[i]) / max(abs(a[i]), abs(b[i]), floor))
        }
        return worst
    }
}
