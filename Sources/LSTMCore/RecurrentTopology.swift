// The shape of the gradient baselines' nets (paper §3.1 Table 1, §3.2 Task 2a): inputs, one
// hidden layer of logistic units (fully or only self-recurrent), non-recurrent logistic outputs,
// and the flat weight layout that RTRLNetwork, BPTTNetwork and their tests share.

/// Which hidden units feed each hidden unit, one step delayed.
public enum HiddenRecurrence: String, Codable, Sendable, CaseIterable {
    /// Every hidden unit sees every hidden unit, itself included (Williams & Zipser's nets; Table 1).
    case full
    /// Each hidden unit sees only itself (Task 2a's "one self-recurrent hidden unit").
    case selfOnly
}

/// Which layers feed the output units (all at the same step; outputs are never recurrent).
public enum OutputSources: String, Codable, Sendable, CaseIterable {
    /// "Each layer receives connections from all layers below": outputs see the inputs and the
    /// hidden units (Task 2a, connectivity B of paper §1.4).
    case inputsAndHidden
    /// Outputs see the hidden units only.
    case hiddenOnly
}

/// When the outputs see the hidden units (ambiguity A23).
public enum OutputTiming: String, Codable, Sendable, CaseIterable {
    /// y(t) from x(t) and h(t): within a step the layers are computed bottom-up, as the paper's LSTM
    /// nets are (§1.5).
    case sameStep = "same_step"
    /// y(t) from x(t) and h(t-1): Williams & Zipser's net, whose units all compute at once from the
    /// activations of the step before, so a hidden unit's value reaches the outputs one step after
    /// the input that made it.
    case previousStep = "previous_step"
}

/// The topology of a net of logistic units with one recurrent hidden layer.
///
/// Every unit is logistic (paper eq. 3, `Elementary.logistic`). At step t the hidden units see the
/// inputs x(t), the hidden activations h(t-1) (h(-1) = 0) and, with `hiddenBiases`, a unit fixed at
/// +1; the outputs see x(t) (under `.inputsAndHidden`), h(t) (h(t-1) under `.previousStep`) and,
/// with `outputBiases`, the +1 unit.
///
/// **Flat weight layout** (the order of `weights` and `gradient(for:)`): the H hidden rows, then the
/// K output rows, each row-major with no padding.
/// - Hidden row i (width `hiddenRowWidth` = I + R + [1]): columns 0..<I from the inputs, then R
///   recurrent columns (R = H under `.full`: column I + j comes from hidden unit j; R = 1 under
///   `.selfOnly`: column I is the self-connection), then the bias if `hiddenBiases`.
/// - Output row k (width `outputRowWidth` = [I] + H + [1]): the inputs (under `.inputsAndHidden`),
///   then hidden unit j at column (I or 0) + j, then the bias if `outputBiases`.
///
/// `weightCount = H·(I + R + b_h) + K·(I_o + H + b_o)`. Task 2a (H = 1, R = 1, I = K = p+1, no
/// biases): (p+3) + (p+1)(p+2) = (p+2)², giving 36, 144 and 10404 for p = 4, 10, 100 (Table 2).
public struct RecurrentTopology: Codable, Sendable, Equatable, Hashable {
    /// I: the number of input units.
    public var inputCount: Int
    /// H: the number of hidden units.
    public var hiddenCount: Int
    /// K: the number of output units.
    public var outputCount: Int
    /// Which hidden units each hidden unit sees at the previous step.
    public var recurrence: HiddenRecurrence
    /// Which layers the outputs see.
    public var outputSources: OutputSources
    /// Whether hidden units have a bias weight.
    public var hiddenBiases: Bool
    /// Whether output units have a bias weight.
    public var outputBiases: Bool
    /// Whether the outputs see h(t) or h(t-1) (A23).
    public var outputTiming: OutputTiming

    /// Creates a topology; the defaults are Williams & Zipser's usual choice (full recurrence,
    /// outputs seeing inputs and hidden units, biases everywhere).
    public init(
        inputCount: Int, hiddenCount: Int, outputCount: Int, recurrence: HiddenRecurrence = .full,
        outputSources: OutputSources = .inputsAndHidden, hiddenBiases: Bool = true, outputBiases: Bool = true,
        outputTiming: OutputTiming = .sameStep
    ) {
        self.inputCount = inputCount
        self.hiddenCount = hiddenCount
        self.outputCount = outputCount
        self.recurrence = recurrence
        self.outputSources = outputSources
        self.hiddenBiases = hiddenBiases
        self.outputBiases = outputBiases
        self.outputTiming = outputTiming
    }

    /// Why the topology cannot be built, or nil if it can.
    public var problem: String? {
        if inputCount < 1 { return "inputs must be at least 1" }
        if hiddenCount < 1 { return "hidden units must be at least 1" }
        if outputCount < 1 { return "outputs must be at least 1" }
        return nil
    }

    /// R: the number of recurrent columns of a hidden row (H, or 1 when self-recurrent only).
    public var recurrentColumnCount: Int { recurrence == .full ? hiddenCount : 1 }
    /// The width of a hidden row: I + R (+ 1 with hidden biases).
    public var hiddenRowWidth: Int { inputCount + recurrentColumnCount + (hiddenBiases ? 1 : 0) }
    /// The number of input columns of an output row (I, or 0 under `.hiddenOnly`).
    public var outputInputColumnCount: Int { outputSources == .inputsAndHidden ? inputCount : 0 }
    /// The width of an output row: (I) + H (+ 1 with output biases).
    public var outputRowWidth: Int { outputInputColumnCount + hiddenCount + (outputBiases ? 1 : 0) }
    /// The number of hidden weights, H · hiddenRowWidth; they come first in the flat vector.
    public var hiddenWeightCount: Int { hiddenCount * hiddenRowWidth }
    /// The number of output weights, K · outputRowWidth; they follow the hidden weights.
    public var outputWeightCount: Int { outputCount * outputRowWidth }
    /// The number of trainable weights: H·(I + R + b_h) + K·(I_o + H + b_o).
    public var weightCount: Int { hiddenWeightCount + outputWeightCount }

    /// The flat index of the weight from source column `column` into hidden unit `unit`.
    public func hiddenWeightIndex(unit: Int, column: Int) -> Int { unit * hiddenRowWidth + column }
    /// The flat index of the weight from source column `column` into output unit `unit`.
    public func outputWeightIndex(unit: Int, column: Int) -> Int {
        hiddenWeightCount + unit * outputRowWidth + column
    }
}

// MARK: - The paper's baseline nets

extension RecurrentTopology {
    /// Task 2a's RTRL/BPTT net (paper §3.2): p+1 inputs, one self-recurrent hidden unit, p+1
    /// non-recurrent outputs, each layer connected to all layers below, no biases.
    ///
    /// Its `weightCount` is (p+2)²: 36, 144 and 10404 for p = 4, 10 and 100, as in Table 2.
    public static func task2a(p: Int) -> RecurrentTopology {
        precondition(p >= 1, "2a needs p >= 1")
        return RecurrentTopology(
            inputCount: p + 1, hiddenCount: 1, outputCount: p + 1, recurrence: .selfOnly,
            outputSources: .inputsAndHidden, hiddenBiases: false, outputBiases: false)
    }

    /// Table 1's RTRL nets for the embedded Reber grammar (Smith & Zipser 1989): 7 inputs, `hidden`
    /// (3 or 12) fully recurrent hidden units, 7 non-recurrent outputs seeing inputs and hidden units,
    /// biases on every non-input unit.
    ///
    /// Our count is H(7 + H + 1) + 7(7 + H + 1): **110** for H = 3 and **380** for H = 12. The paper's
    /// estimates ≈170 and ≈494 are exactly n(I + n) with n = H + K = 10 or 19: Williams & Zipser's
    /// original net, in which the 7 outputs are ordinary fully recurrent units (seeing all inputs
    /// and all n units, one step delayed) and there are no biases. Our outputs are non-recurrent, as
    /// in every baseline of this package, hence the smaller count.
    public static func reber(hiddenCount: Int) -> RecurrentTopology {
        RecurrentTopology(
            inputCount: 7, hiddenCount: hiddenCount, outputCount: 7, recurrence: .full,
            outputSources: .inputsAndHidden, hiddenBiases: true, outputBiases: true)
    }
}
