// The shape of a 1997 LSTM net (paper §1.1, §1.4): inputs, blocks of cells with their input and
// output gates, outputs; which units see which; which have biases; the squashing functions.

/// Which units feed the cells and gates, and which feed the outputs (paper §1.4, Table 10 column c).
public enum Connectivity: String, Codable, Sendable, CaseIterable {
    /// "F": cells and gates see all inputs, all cells and all gates (one step delayed); outputs see
    /// only the cells. Exps. 1, 2c, 3-6.
    case full
    /// "B": each layer sees all layers below. Cells and gates see only the inputs; outputs see the
    /// inputs and the cells. Exps. 2a/2b.
    case layered
    /// B with F's hidden recurrence: cells and gates see the inputs and (one step delayed) all cells
    /// and gates; outputs see the inputs and the cells. Not a paper net: a reading of 2b's text
    /// (docs/ambiguities.md, A20), where a layered net cannot know where a sequence ends.
    case layeredRecurrent = "layered_recurrent"

    /// Whether cells and gates see the cells and gates of the step before (F, and B with recurrence).
    public var hasRecurrentSources: Bool { self != .layered }
    /// Whether the output units see the input units (B, with or without recurrence).
    public var outputsSeeInputs: Bool { self != .full }
}

/// Which non-input units have a bias weight (paper §1.4, Table 10 column "bias"; A3: a bias is a
/// weight from a unit fixed at +1).
public enum BiasSet: String, Codable, Sendable, CaseIterable {
    /// No bias weights ("none", Exp. 2).
    case none
    /// Gate units only ("ga", Exp. 1).
    case gates
    /// All hidden units: cells and gates ("b1", Exp. 3).
    case hidden
    /// All non-input units: cells, gates and outputs ("all", Exps. 4-6).
    case all

    /// Whether input and output gates have biases.
    public var gates: Bool { self != .none }
    /// Whether memory cells have biases.
    public var cells: Bool { self == .hidden || self == .all }
    /// Whether output units have biases.
    public var outputs: Bool { self == .all }
}

/// The topology of an LSTM net: enough to lay out and count every weight.
///
/// Units feeding cells and gates ("sources") are ordered: the `inputCount` inputs, then the
/// `cellCount` cell outputs (block-major), then the `blockCount` input gates, then the output gates
/// (if any). Under `.layered` connectivity only the inputs are sources.
public struct LSTMTopology: Codable, Sendable, Equatable, Hashable {
    /// I: the number of input units.
    public var inputCount: Int
    /// K: the number of output units.
    public var outputCount: Int
    /// b: the number of memory cell blocks.
    public var blockCount: Int
    /// s: the number of cells per block.
    public var cellsPerBlock: Int
    /// Which units see which.
    public var connectivity: Connectivity
    /// Which units have biases.
    public var biases: BiasSet
    /// Whether blocks have output gates (2a/2b have none: y^out is fixed at 1).
    public var hasOutputGates: Bool
    /// g: the cell input squashing.
    public var cellInput: CellInputSquashing
    /// h: the cell output squashing.
    public var cellOutput: CellOutputSquashing

    /// Creates a topology; the defaults are the paper's usual choices (F, g in [-2,2], h in [-1,1]).
    public init(
        inputCount: Int, outputCount: Int, blockCount: Int, cellsPerBlock: Int,
        connectivity: Connectivity = .full, biases: BiasSet = .all, hasOutputGates: Bool = true,
        cellInput: CellInputSquashing = .symmetric2, cellOutput: CellOutputSquashing = .symmetric1
    ) {
        self.inputCount = inputCount
        self.outputCount = outputCount
        self.blockCount = blockCount
        self.cellsPerBlock = cellsPerBlock
        self.connectivity = connectivity
        self.biases = biases
        self.hasOutputGates = hasOutputGates
        self.cellInput = cellInput
        self.cellOutput = cellOutput
    }

    /// Why the topology cannot be built, or nil if it can.
    public var problem: String? {
        if inputCount < 1 { return "inputs must be at least 1" }
        if outputCount < 1 { return "outputs must be at least 1" }
        if blockCount < 1 { return "blocks must be at least 1" }
        if cellsPerBlock < 1 { return "cells per block must be at least 1" }
        return nil
    }

    /// C = b·s: the number of memory cells.
    public var cellCount: Int { blockCount * cellsPerBlock }
    /// The number of output gates (b, or 0 without output gates).
    public var outputGateCount: Int { hasOutputGates ? blockCount : 0 }
    /// H = b(s+2) (or b(s+1) without output gates): cells plus gates.
    public var hiddenCount: Int { cellCount + blockCount + outputGateCount }
    /// The number of recurrent sources of a cell or gate (H under F and B with recurrence, 0 under B).
    public var recurrentSourceCount: Int { connectivity.hasRecurrentSources ? hiddenCount : 0 }
    /// The number of units feeding each cell and gate (bias excluded).
    public var sourceCount: Int { inputCount + recurrentSourceCount }
    /// The number of units feeding each output unit (bias excluded): the cells, plus the inputs under B.
    public var outputSourceCount: Int { (connectivity.outputsSeeInputs ? inputCount : 0) + cellCount }

    /// The number of trainable weights, as the paper counts them.
    ///
    /// `W = H·(I + H_rec) + biased hidden units + K·(b·s [+ I under B]) + biased outputs`. This gives
    /// 264, 276, 364…6064, 102, 93, 156, 308 and 10504 for the paper's nets (§1.4).
    public var weightCount: Int {
        let layout = WeightLayout(self)
        return layout.count
    }
}
