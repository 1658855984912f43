#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import LSTMCore
import Testing

@testable import LSTMTasks

/// Real learning runs that must reach the paper's criterion. Enabled by LSTM_SWEEP_SLOW=1; run them
/// in a release build (`.ci/slow`): `swift test -c release --filter Slow`.
@Suite(.enabled(if: slowSuitesEnabled()))
struct SlowLearningTests {
    /// One cheap row per experiment family. 1-5 seed 2 failed within the 100,000-sequence budget
    /// while the sets were checked only every 50 sequences behind a 256-presentation gate; checked
    /// after every sequence (the default since) it succeeds after 22,335 (docs/ambiguities.md).
    @Test(arguments: [("1-5", UInt64(2)), ("2c-1", UInt64(1)), ("3a", UInt64(1)), ("6a", UInt64(1)), ("4-1", UInt64(1)),
                      ("5", UInt64(1))])
    func presetReachesThePaperCriterion(_ preset: String, _ seed: UInt64) {
        let outcome = TrialRunner().run(TrialSpec(preset: preset, seed: seed))
        #expect(outcome.success, "\(preset) seed \(seed): \(outcome.stopReason) after \(outcome.sequences)")
        // Exp. 5 stops with up to n_seq = 140 of 2,000 recent sequences wrong (the paper's test: up to
        // 170 of 2,560); the others stop with (nearly) all recent sequences right.
        if let test = outcome.test { #expect(test.wrong <= test.size / (preset == "5" ? 10 : 100)) }
    }

    /// Exp. 1's check stops at the first wrong string; its verdict must be that of the full evaluation.
    /// Replaying 1-5 seed 2: one sequence before the success both sets are not all right; at the
    /// success, the full evaluation of both finds nothing wrong.
    @Test func exp1EarlyAbortingCheckAgreesWithTheFullEvaluation() throws {
        let spec = TrialSpec(preset: "1-5", seed: 2)
        let outcome = TrialRunner().run(spec)
        try #require(outcome.success)
        let config = try TrialConfiguration(spec: spec)
        let session = try TrialSession(config: config, seed: spec.seed, factory: .standard)
        for _ in 0..<(outcome.sequences - 1) { _ = session.trainOne() }
        #expect(session.evaluate(session.trainingSet).wrong + session.evaluate(session.testSet).wrong > 0)
        #expect(session.trainOne() == .success)
        #expect(session.evaluate(session.trainingSet).wrong == 0 && session.evaluate(session.testSet).wrong == 0)
    }
}


/// Whether LSTM_SWEEP_SLOW=1 is set.
func slowSuitesEnabled() -> Bool {
    guard let value = getenv("LSTM_SWEEP_SLOW") else { return false }
    return String(cString: value) == "1"
}
