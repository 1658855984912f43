import LSTMCore
import Testing

@testable import LSTMTasks

/// The success checks of Exps. 1 and 2 as readings of the paper's text (docs/ambiguities.md, A6).
struct SuccessCheckTests {
    /// A small 2c (q = 5, p = 5) that learns within a few thousand sequences even in a debug build.
    private static func smallDistractor(_ extra: [String: ParameterValue]) -> TrialSpec {
        var parameters: [String: ParameterValue] = [
            "task.q": .int(5), "task.p": .int(5), "train.success_window": .int(100), "train.learning_rate": .real(0.1),
        ]
        parameters.merge(extra) { _, new in new }
        return TrialSpec(preset: "2c-1", parameters: parameters, seed: 3, maxSequences: 20_000)
    }

    @Test func frozenTestSucceedsAtACheckWithoutATrainingWindow() {
        let frozen = TrialRunner().run(Self.smallDistractor([
            "train.success_test": .string("frozen"), "train.check_every": .int(10),
        ]))
        #expect(frozen.success)
        #expect((frozen.sequences - 1) % 10 == 0, "checks run after sequence 1, 11, 21, …: \(frozen.sequences)")
        #expect(frozen.sequencesTrained == frozen.sequences, "no window of training sequences follows the success")
        let run = TrialRunner().run(Self.smallDistractor([:]))
        #expect(run.success)
        #expect(run.sequencesTrained == run.sequences + 100, "the default keeps training through its 100-sequence window")
    }

    @Test func frozenTestsNeverChangeTheWeights() {
        // A budget that ends before any success: the weights and training stream must be exactly those
        // of a run without checks, since a frozen check only evaluates (on the test stream).
        let budget = 300
        var a = Self.smallDistractor(["train.success_test": .string("frozen"), "train.check_every": .int(1)])
        var b = Self.smallDistractor([:])
        a.maxSequences = budget
        b.maxSequences = budget
        let (x, y) = (TrialRunner().run(a), TrialRunner().run(b))
        #expect(!x.success && !y.success)
        #expect(x.curve == y.curve)
    }

    @Test func exp1ChecksTheSetsAfterEverySequenceByDefault() throws {
        let defaults = try Preset.named("1-5").defaults
        #expect(defaults.int("train.check_every") == 1)
        #expect(defaults.bool("train.pretest_gate") == false)
    }
}
