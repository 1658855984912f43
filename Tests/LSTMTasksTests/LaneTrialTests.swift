import LSTMCore
import Testing

@testable import LSTMTasks

/// LaneTrialRunner against TrialRunner: whole trials in SIMD lanes give the outcomes they give alone
/// (stop reason, sequences to success, milestones, final test, curve, steps), bit for bit, with lanes
/// refilled while the other lanes are mid-sequence.
struct LaneTrialTests {
    /// Six trials of `preset` (more than four, so lanes are refilled), differing in seed, learning rate
    /// and budget, with small tests so a debug build runs them quickly.
    static func specs(_ preset: String, budget: Int, extra: [String: ParameterValue] = [:], count: Int = 6) -> [TrialSpec] {
        let base = try? TrialConfiguration(spec: TrialSpec(preset: preset, seed: 1), factory: .standard)
        let rate = base?.learningRate ?? 0.1
        return (0..<count).map { i in
            var parameters = extra
            parameters["train.learning_rate"] = .real(rate * [1, 0.5, 2, 1.5, 0.75, 1.25][i % 6])
            parameters["train.curve_every"] = .int(7)
            return TrialSpec(preset: preset, parameters: parameters, seed: 100 + UInt64(i), maxSequences: budget + 9 * i)
        }
    }

    /// Runs `specs` in lanes; outcomes by index.
    static func runInLanes(_ specs: [TrialSpec], evaluatesInLanes: Bool = false) -> [TrialOutcome?] {
        guard let shape = LaneShape(specs[0]) else { return [] }
        var outcomes = [TrialOutcome?](repeating: nil, count: specs.count)
        var queue = specs.indices[...]
        LaneTrialRunner(shape: shape, evaluatesInLanes: evaluatesInLanes).run(next: { queue.popFirst().map { LaneTrial(spec: specs[$0], tag: $0) } }) { i, outcome in
            #expect(outcomes[i] == nil, "trial \(i) reported twice")
            outcomes[i] = outcome
        }
        return outcomes
    }

    @Test(arguments: [
        ("1-2", 40, ["task.training_set_size": .int(64), "task.test_set_size": .int(32)] as [String: ParameterValue]),
        ("1-2", 40, ["task.training_set_size": .int(24), "task.test_set_size": .int(32), "task.string_order": .string("passes")]),
        ("3a", 30, ["train.test_size": .int(20), "train.st_test_size": .int(20)]),
        ("6b", 30, ["train.test_size": .int(20)]),
        ("4-1", 30, ["train.test_size": .int(20)]),
        ("2c-1", 12, ["train.test_size": .int(8)]),
    ])
    func laneOutcomesEqualSingleTrialOutcomes(preset: String, budget: Int, extra: [String: ParameterValue]) {
        // Given six trials of one preset with different seeds, learning rates and budgets.
        let specs = Self.specs(preset, budget: budget, extra: extra)
        #expect(LaneShape(specs[0]) != nil)
        // When they run in four lanes (evaluating in the lanes, and on each trial's net), and each alone.
        let lanes = Self.runInLanes(specs), evaluatingInLanes = Self.runInLanes(specs, evaluatesInLanes: true)
        // Then every outcome is the same, field for field.
        for (i, spec) in specs.enumerated() {
            let alone = TrialRunner().run(spec)
            #expect(lanes[i] == alone, "\(preset) trial \(i)")
            #expect(evaluatingInLanes[i] == alone, "\(preset) trial \(i), evaluated in lanes")
            #expect(alone.stopReason == .budget || alone.stopReason == .success)
        }
    }

    @Test(arguments: [
        ("1-2", 40, ["task.training_set_size": .int(64), "task.test_set_size": .int(32)] as [String: ParameterValue]),
        ("6b", 30, ["train.test_size": .int(20)]),
    ])
    func float32TrialsInEightLanesEqualSingleTrialOutcomes(preset: String, budget: Int, extra: [String: ParameterValue]) {
        // Given eleven float32 trials of one preset: more than eight, so lanes are refilled.
        let specs = Self.specs(preset, budget: budget, extra: extra.merging(["net.precision": .string("float32")]) { $1 }, count: 11)
        #expect(LaneShape(specs[0])?.precision == .float32)
        // When they run in eight lanes and each alone, then every outcome is the same.
        let lanes = Self.runInLanes(specs)
        for (i, spec) in specs.enumerated() {
            #expect(lanes[i] == TrialRunner().run(spec), "\(preset) trial \(i)")
        }
    }

    @Test func trialsThatSucceedOrStopEarlyEndTheirLaneAndFreeItForTheNext() {
        // Given Exp. 5 trials whose n_seq rule succeeds as soon as windows of different sizes fill, so
        // their lanes take the next trial while the others are mid-sequence; one has a budget of 0.
        var specs = (0..<7).map { i in
            TrialSpec(preset: "5", parameters: ["train.n_seq": .int(1000), "train.stop_window": .int(3 + 5 * i),
                                                 "train.test_size": .int(10)],
                      seed: 7 + UInt64(i), maxSequences: 400)
        }
        specs[3].maxSequences = 0
        // When they run in lanes, then every outcome equals the trial's alone.
        let alone = specs.map { TrialRunner().run($0) }
        #expect(Self.runInLanes(specs).compactMap { $0 } == alone)
        #expect(Self.runInLanes(specs, evaluatesInLanes: true).compactMap { $0 } == alone)
        #expect(alone.filter { $0.stopReason == .success }.count == 6)
        #expect(alone[3].sequencesTrained == 0)
    }

    @Test(arguments: [
        ("1-2", ["train.pretest_gate": .bool(false), "train.check_every": .int(3),
                 "task.training_set_size": .int(16), "task.test_set_size": .int(16)] as [String: ParameterValue]),
        ("2c-1", ["train.success_test": .string("frozen"), "train.check_every": .int(4), "train.test_size": .int(8)]),
    ])
    func stopChecksThatEvaluateMidTrainingGiveTheSameOutcomes(preset: String, extra: [String: ParameterValue]) {
        // Given checks that evaluate the net (frozen, with early exits that decide how much of the
        // test stream is drawn) every few training sequences.
        let specs = Self.specs(preset, budget: 25, extra: extra)
        // Then lanes give every trial its outcome alone, whether the checks evaluate in the lanes or not.
        let alone = specs.map { TrialRunner().run($0) }
        #expect(Self.runInLanes(specs) == alone)
        #expect(Self.runInLanes(specs, evaluatesInLanes: true) == alone)
    }

    @Test func trialsOfAnotherShapeOrThatDoNotResolveRunAloneAndAreReported() {
        // Given a 4-1 runner handed a 3a trial, a 2a trial (construction: not lane-able) and a bad preset.
        let small: [String: ParameterValue] = ["train.test_size": .int(10)]
        let specs = [
            TrialSpec(preset: "4-1", parameters: small, seed: 1, maxSequences: 5),
            TrialSpec(preset: "3a", parameters: small, seed: 2, maxSequences: 5),
            TrialSpec(preset: "2a", parameters: small, seed: 3, maxSequences: 5), TrialSpec(preset: "no-such-preset", seed: 4),
        ]
        #expect(LaneShape(specs[2]) == nil && LaneShape(specs[3]) == nil)
        // Then each gets the outcome it gets alone.
        let lanes = Self.runInLanes(specs)
        #expect(lanes == specs.map { TrialRunner().run($0) })
        #expect(lanes[3]?.stopReason == .error)
    }

    @Test(arguments: [("1-2", true), ("3a", true), ("6b", true), ("4-1", true), ("2c-1", true), ("2a", false), ("2a-rtrl-p4", false)])
    func everyFixedLSTMNetHasALaneShape(preset: String, lanes: Bool) {
        #expect((LaneShape(TrialSpec(preset: preset, seed: 1)) != nil) == lanes)
    }
}
