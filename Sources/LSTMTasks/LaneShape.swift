// What trials must share to train side by side in SIMD lanes (LaneTrialRunner): the net's topology and
// precision, the update timing and the input encoding. Seeds, learning rates, gate biases, initial
// weights, data and stopping rules may differ.
import LSTMCore

/// The shape of a trial as far as lanes care: trials of one shape can share a LaneNetwork.
public struct LaneShape: Hashable, Sendable, CustomStringConvertible {
    /// The net's topology.
    public var topology: LSTMTopology
    /// The net's precision.
    public var precision: Precision
    /// When weight changes are applied (A1): lanes of one run all apply them alike.
    public var timing: UpdateTiming
    /// Whether the task's inputs are dense (else one-hot).
    public var dense: Bool

    /// The shape of `spec`'s trials, or nil when they cannot run in lanes: the spec does not resolve,
    /// the learner is not the 1997 LSTM (`net.kind`), or the net grows during the trial (2a/2b's
    /// sequential construction, A8). Those trials run alone (`TrialRunner`).
    public init?(_ spec: TrialSpec, factory: LearnerFactory = .standard) {
        guard let config = try? TrialConfiguration(spec: spec, factory: factory) else { return nil }
        self.init(config)
    }

    init?(_ config: TrialConfiguration) {
        guard config.kind == "lstm", config.construction == nil else { return nil }
        (topology, precision, timing) = (config.topology, config.precision, config.timing)
        dense = config.task.encoding == .dense
    }

    /// One line for logs: "I-K b×s full float64 perStep one-hot".
    public var description: String {
        let t = topology
        return "\(t.inputCount)-\(t.outputCount) \(t.blockCount)x\(t.cellsPerBlock) \(t.connectivity.rawValue) "
            + "\(precision.rawValue) \(timing.rawValue) \(dense ? "dense" : "one-hot")"
    }
}
