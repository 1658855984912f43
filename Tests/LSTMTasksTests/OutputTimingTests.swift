import LSTMCore
import Testing

@testable import LSTMTasks

/// A23, `net.output_timing`: the baselines' outputs see the hidden units of the same step (the
/// default) or of the step before (Williams & Zipser's net).
struct OutputTimingTests {
    @Test(arguments: ["2a-rtrl-p4", "2a-bptt-p100"])
    func baselineTrialsReachTheNetWithTheTiming(preset: String) throws {
        // The same trial with each timing: same weight count, different learning curves (2a has no
        // test set; the curve is its training error).
        let run = { (timing: [String: ParameterValue]) in
            TrialRunner().run(TrialSpec(
                preset: preset, parameters: timing.merging(["train.curve_every": .int(100)]) { a, _ in a }, seed: 3,
                maxSequences: 300))
        }
        let unset = run([:]), same = run(["net.output_timing": .string("same_step")])
        let previous = run(["net.output_timing": .string("previous_step")])
        #expect(previous.stopReason != .error, "\(previous.error ?? "")")
        #expect(same.weightCount == previous.weightCount)
        #expect(!same.curve.isEmpty && same.curve == unset.curve)
        #expect(same.curve != previous.curve)
    }
}
