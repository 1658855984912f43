// The size limit of a trial's net: a configuration whose net would not fit in memory is refused as
// inconsistent (at `train`, `run --check`, `run`, `submit` and `POST /v1/sweeps`), before anything
// is allocated, instead of aborting the process that claims it (issue 16: 1000 blocks of 1000 cells
// asked for 8 TB). The limits are in docs/api.md ("Limits").
import LSTMCore

extension TrialConfiguration {
    /// The most trainable weights a net may have: 4 M, 64 MB at float64 with its gradient buffer.
    /// The paper's largest net has 10,504.
    public static let maximumWeightCount = 4_000_000
    /// The most RTRL partials a net may keep: 8 M, 64 MB at float64. The LSTM keeps ∂s_c/∂w for
    /// the cell and input-gate weights of each cell, 2·C·(S + 1) (eqs. 25, 27); exact RTRL keeps
    /// ∂h_j/∂w for every hidden weight and hidden unit, H·W_h (H·(I + 1 + b_h) when self-recurrent).
    public static let maximumPartialCount = 8_000_000

    /// The weight and partial counts of an LSTM topology: the weight layout's own count, and
    /// 2·C·(sources + 1). The schema bounds every factor (≤ 1,000 blocks of ≤ 1,000 cells, ≤ ~10⁵
    /// inputs and outputs), so even the largest products (~10¹³) are far inside `Int`.
    public static func sizes(of t: LSTMTopology) -> (weights: Double, partials: Double) {
        (Double(t.weightCount), Double(2 * t.cellCount * (t.sourceCount + 1)))
    }

    /// Why a net of these counts is too large to build, or nil.
    static func sizeProblem(weights: Double, partials: Double, of what: String) -> String? {
        if weights > Double(maximumWeightCount) {
            return "\(what) would have \(Int(weights)) weights; at most \(maximumWeightCount) are allowed"
        }
        if partials > Double(maximumPartialCount) {
            return "\(what) would keep \(Int(partials)) partials; at most \(maximumPartialCount) are allowed"
        }
        return nil
    }

    /// Why the LSTM topology is too large to build, or nil.
    public static func sizeProblem(of topology: LSTMTopology) -> String? {
        let (weights, partials) = sizes(of: topology)
        let what = "the net (net.blocks=\(topology.blockCount), net.cells_per_block=\(topology.cellsPerBlock), "
            + "\(topology.inputCount) inputs)"
        return sizeProblem(weights: weights, partials: partials, of: what)
    }

    /// Why the baseline net of `kind` (rtrl, bptt) is too large to build, or nil.
    static func sizeProblem(ofBaseline topology: RecurrentTopology, kind: String) -> String? {
        // net.hidden_units ≤ 1000 and the task's inputs keep these products far inside Int.
        let partials = kind == "rtrl"
            ? topology.hiddenCount * (topology.recurrence == .full ? topology.hiddenWeightCount : topology.hiddenRowWidth)
            : 0
        let what = "the \(kind) net (net.hidden_units=\(topology.hiddenCount))"
        return sizeProblem(weights: Double(topology.weightCount), partials: Double(partials), of: what)
    }
}
