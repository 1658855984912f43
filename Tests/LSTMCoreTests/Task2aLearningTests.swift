// Slow suite: RTRL learning Task 2a (paper §3.2, Table 2). Gated by LSTM_SWEEP_SLOW=1; the Table 2
// comparison runs additionally need LSTM_SWEEP_REPORT=1 and are meant for release builds:
//   LSTM_SWEEP_SLOW=1 LSTM_SWEEP_REPORT=1 swift test -c release --filter Task2aLearningTests
// The tiny 2a generator below stands in for LSTMTasks' until that module lands.

import Foundation
import LSTMCore
import Testing

/// Task 2a's training sequences: (y, a_1, …, a_{p-1}, y) or (x, a_1, …, a_{p-1}, x), each with
/// probability 0.5, one-hot over p+1 symbols (a_i = i-1, x = p-1, y = p), next-symbol targets at
/// every step. The final symbol is a target only, so a sequence has p steps.
struct LagSequences2a {
    let p: Int

    func fill(_ sequence: inout SequenceExample, rng: inout SplitMix64) {
        let first = rng.bernoulli(0.5) ? p : p - 1
        sequence.reset(length: p)
        sequence.setActive(first, at: 0)
        for t in 1..<p { sequence.setActive(t - 1, at: t) }
        for t in 0..<(p - 1) { sequence.setOneHotTarget(t, at: t) }
        sequence.setOneHotTarget(first, at: p - 1)
    }
}

/// The outcome of one 2a trial.
struct Trial2a: CustomStringConvertible {
    var solved: Bool
    /// Sequences trained when the 10,000-sequence success window was complete (or the budget).
    var sequences: Int
    var diverged: Bool

    var description: String {
        solved ? "solved after \(sequences) (window start \(sequences - 10_000))"
            : diverged ? "diverged after \(sequences)" : "failed (> \(sequences))"
    }

    /// Trains RTRL (per-step updates) until 10,000 consecutive sequences have every output's error
    /// below 0.25 (Table 11: ABS(0.25); A6: training continues during the window), or the budget ends.
    static func run(p: Int, learningRate: Double, seed: UInt64, budget: Int, lstm: Bool = false) -> Trial2a {
        var weightRNG = SplitMix64(seed: seed, stream: .weights)
        var dataRNG = SplitMix64(seed: seed, stream: .training)
        let net: any SequenceLearner
        if lstm {
            // 2a's LSTM (§1.4, Table 10): one cell, one input gate, no output gate, g logistic,
            // h identity, no biases, layered; (p+1)(p+4) weights (10504 at p = 100). Built whole,
            // without the paper's sequential construction (A8).
            let topology = LSTMTopology(
                inputCount: p + 1, outputCount: p + 1, blockCount: 1, cellsPerBlock: 1, connectivity: .layered,
                biases: .none, hasOutputGates: false, cellInput: .logistic, cellOutput: .identity)
            net = LSTMNetwork(
                topology: topology,
                weights: LSTMInitialization(weightRange: 0.2).weights(for: topology, rng: &weightRNG))
        } else {
            let topology = RecurrentTopology.task2a(p: p)
            net = RTRLNetwork(
                topology: topology, weights: FullyRecurrentInitialization().weights(for: topology, rng: &weightRNG))
        }
        let task = LagSequences2a(p: p)
        var sequence = SequenceExample(inputCount: p + 1, outputCount: p + 1, encoding: .oneHot, capacity: p)
        var streak = 0
        for n in 1...budget {
            task.fill(&sequence, rng: &dataRNG)
            let stats = net.train(sequence, learningRate: learningRate, timing: .perStep)
            if !stats.isFinite || (n % 1000 == 0 && !net.weightsAreFinite) {
                return Trial2a(solved: false, sequences: n, diverged: true)
            }
            streak = stats.maxAbsError < 0.25 ? streak + 1 : 0
            if streak == 10_000 { return Trial2a(solved: true, sequences: n, diverged: false) }
        }
        return Trial2a(solved: false, sequences: budget, diverged: false)
    }
}

struct Task2aLearningTests {
    static let slow = ProcessInfo.processInfo.environment["LSTM_SWEEP_SLOW"] == "1"
    static let report = slow && ProcessInfo.processInfo.environment["LSTM_SWEEP_REPORT"] == "1"

    @Test func generatorMakesTheTwoSequencesOfTask2a() {
        var rng = SplitMix64(seed: 1, stream: .training)
        var s = SequenceExample(inputCount: 5, outputCount: 5, encoding: .oneHot)
        var firsts = Set<Int>()
        for _ in 0..<50 {
            LagSequences2a(p: 4).fill(&s, rng: &rng)
            #expect(s.length == 4)
            #expect(Array(s.activeInput[1..<4]) == [0, 1, 2])
            #expect((0..<4).map { t in (0..<5).first { s.target(unit: $0, at: t) == 1 } } == [0, 1, 2, s.activeInput[0]])
            firsts.insert(s.activeInput[0])
        }
        #expect(firsts == [3, 4])
    }

    /// Budget: 2,000,000 sequences per seed, seeds 1...6, at lr 10.0 (Table 2: 22% of trials solve
    /// p=4 at lr 10.0, after 254,000 sequences). In release builds seeds 1-5 all solve it, after
    /// 0.69M-1.07M sequences; at lr 1.0 and 4.0 none did within 2M (see `table2Comparison`).
    @Test(.enabled(if: slow), .timeLimit(.minutes(60)))
    func rtrlSolvesTask2aWithP4ForSomeSeed() {
        var outcomes: [Trial2a] = []
        for seed: UInt64 in 1...6 {
            let trial = Trial2a.run(p: 4, learningRate: 10.0, seed: seed, budget: 2_000_000)
            outcomes.append(trial)
            print("2a RTRL p=4 lr=10.0 seed \(seed): \(trial)")
            if trial.solved { break }
        }
        #expect(outcomes.contains { $0.solved })
    }

    /// Table 2 side by side: a few seeds per (p, learning rate), up to the paper's 5,000,000 sequences.
    @Test(.enabled(if: report), arguments: [(4, 1.0), (4, 4.0), (4, 10.0), (10, 1.0), (10, 10.0)])
    func table2Comparison(p: Int, learningRate: Double) {
        var solved: [Int] = []
        let seeds = p == 4 ? 6 : 3
        for seed in 1...UInt64(seeds) {
            let trial = Trial2a.run(p: p, learningRate: learningRate, seed: seed, budget: 5_000_000)
            print("TABLE2 RTRL p=\(p) lr=\(learningRate) seed \(seed): \(trial)")
            if trial.solved { solved.append(trial.sequences) }
        }
        let mean = solved.isEmpty ? 0 : solved.reduce(0, +) / solved.count
        print("TABLE2 RTRL p=\(p) lr=\(learningRate): \(solved.count)/\(seeds) solved, mean \(mean) sequences")
    }

    /// The contrast row: the 1997 LSTM on the same generator and criterion (lr 1.0, per-step).
    @Test(.enabled(if: report), arguments: [10])
    func table2LSTMContrast(p: Int) {
        for seed: UInt64 in 1...3 {
            let trial = Trial2a.run(p: p, learningRate: 1.0, seed: seed, budget: 200_000, lstm: true)
            print("TABLE2 LSTM p=\(p) lr=1.0 seed \(seed): \(trial)")
        }
    }
}
