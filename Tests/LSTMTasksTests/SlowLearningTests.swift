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
    @Test(arguments: [("6a", UInt64(1)), ("4-1", UInt64(1))])
    func presetReachesThePaperCriterion(_ preset: String, _ seed: UInt64) {
        let outcome = TrialRunner().run(TrialSpec(preset: preset, seed: seed))
        #expect(outcome.success, "\(preset) seed \(seed): \(outcome.stopReason) after \(outcome.sequences)")
        if let test = outcome.test { #expect(test.wrong <= test.size / 100) }
    }
}


/// Whether LSTM_SWEEP_SLOW=1 is set.
func slowSuitesEnabled() -> Bool {
    guard let value = getenv("LSTM_SWEEP_SLOW") else { return false }
    return String(cString: value) == "1"
}
