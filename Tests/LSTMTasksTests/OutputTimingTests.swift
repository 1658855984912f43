import LSTMCore
import Testing

@testable import LSTMTasks

/// A23, `net.output_timing`: the baselines' outputs see the hidden units of the same step (the
/// default) or of the step before (Williams & Zipser's net); RTRL only.
struct OutputTimingTests {
    @Test func bpttRefusesPreviousStepOutputs() throws {
        let row = try Preset.named("2a-bptt-p100")
        let error = #expect(throws: TaskError.self) {
            try TrialConfiguration(preset: row, parameters: row.schema().resolve(["net.output_timing": .string("previous_step")]))
        }
        #expect(error?.code == .inconsistent)
        #expect(error?.description.contains("net.output_timing=previous_step") == true, "\(String(describing: error))")
    }

    @Test func rtrlTrialsReachTheNetWithTheTiming() throws {
        // The same trial with each timing: same weight count, different learning curves (2a has no
        // test set; the curve is its training error).
        let run = { (timing: String) in
            TrialRunner().run(TrialSpec(
                preset: "2a-rtrl-p4", parameters: ["net.output_timing": .string(timing)], seed: 3, maxSequences: 3000))
        }
        let same = run("same_step"), previous = run("previous_step"), unset = TrialRunner().run(
            TrialSpec(preset: "2a-rtrl-p4", seed: 3, maxSequences: 3000))
        #expect(same.weightCount == 36 && previous.weightCount == 36)
        #expect(!same.curve.isEmpty && same.curve == unset.curve)
        #expect(same.curve != previous.curve)
    }
}
