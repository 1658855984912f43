import LSTMCore
import LSTMTasks
import Testing

/// `net.precision`: float32 trials run, record their precision, and are as reproducible as float64 ones.
struct PrecisionTrialTests {
    @Test func float32TrialRecordsItsPrecisionAndRepeatsExactly() {
        let every: ParameterValue = .int(50)
        let spec = TrialSpec(
            preset: "4-1", parameters: ["net.precision": .string("float32"), "train.curve_every": every], seed: 3,
            maxSequences: 300)
        let a = TrialRunner().run(spec), b = TrialRunner().run(spec)
        #expect(a.stopReason == .budget && a.precision == "float32" && a.weightCount == 93)
        #expect(a == b)
        // Not the float64 trial under another name: the rounding differs, so the curve does.
        let double = TrialRunner().run(TrialSpec(preset: "4-1", parameters: ["train.curve_every": every], seed: 3, maxSequences: 300))
        #expect(double.precision == "float64")
        #expect(a.curve.count == 6 && double.curve.count == 6)
        #expect(double.curve != a.curve)
    }

    @Test func float32ConstructionKeepsItsPrecision() {
        // 2a's sequential construction (A8) swaps a direct-output net for an LSTM mid-trial.
        let spec = TrialSpec(
            preset: "2a", parameters: ["task.p": .int(10), "net.precision": .string("float32")], seed: 5, maxSequences: 3000)
        let o = TrialRunner().run(spec)
        #expect(o.milestones["cell_added"] != nil && o.precision == "float32")
    }

    @Test func baselinesRejectFloat32() {
        let spec = TrialSpec(
            preset: "2a-rtrl-p4", parameters: ["net.precision": .string("float32")], seed: 1, maxSequences: 10)
        let o = TrialRunner().run(spec)
        #expect(o.stopReason == .error)
        #expect(o.error?.contains("net.precision") == true)
    }
}
