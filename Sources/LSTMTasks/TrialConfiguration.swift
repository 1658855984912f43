// A preset plus resolved parameters, turned into the objects a trial runs: the task, the net's
// topology and initialisation, the training settings and the stopping rule. Cross-parameter
// checks (bias lists against block counts, N <= T, ...) live here.
import LSTMCore

/// Everything a trial needs, derived from a preset and its resolved parameters.
public struct TrialConfiguration: Sendable {
    /// The preset.
    public let preset: Preset
    /// The resolved parameters.
    public let parameters: ParameterMap
    /// The task.
    public let task: any SequenceTask
    /// The LSTM topology (inputs and outputs from the task).
    public let topology: LSTMTopology
    /// The initialisation.
    public let initialization: LSTMInitialization
    /// The range of random ("r") gate biases (A4).
    public let randomBiasRange: Double
    /// `net.kind`.
    public let kind: String
    /// The LSTM's arithmetic precision (`net.precision`; the baselines are float64 only).
    public let precision: Precision
    /// α.
    public let learningRate: Double
    /// A1.
    public let timing: UpdateTiming
    /// The budget in training sequences.
    public let maxSequences: Int
    /// The learning-curve interval.
    public let curveEvery: Int
    /// The final test size (Exp. 1 uses its fixed test set instead).
    public let testSize: Int
    /// The stopping rule.
    public let stopRule: StopRule
    /// A8: (window, improvement, zero outgoing weights) of the sequential construction, or nil when
    /// the net is built whole.
    public let construction: (window: Int, improvement: Double, zeroOutgoing: Bool)?
    /// Exp. 1's fixed training and test sets, or nil for on-line tasks.
    public let fixedSets: FixedSets?

    /// Builds the configuration; throws `TaskError.inconsistent` when parameters contradict each other.
    public init(preset: Preset, parameters p: ParameterMap) throws {
        self.preset = preset
        parameters = p
        let family = preset.family
        if [.twoSequenceA, .twoSequenceB, .twoSequenceC].contains(family), p.int("task.N") > p.int("task.T") {
            throw TaskError(.inconsistent, "task.N=\(p.int("task.N")) exceeds task.T=\(p.int("task.T"))")
        }
        task = family.makeTask(p)
        let blocks = p.int("net.blocks")
        let biases = BiasSet(rawValue: p.choice("net.biases")) ?? .all
        let outputGates = p.bool("net.output_gates")
        topology = LSTMTopology(
            inputCount: task.inputCount, outputCount: task.outputCount, blockCount: blocks,
            cellsPerBlock: p.int("net.cells_per_block"),
            connectivity: Connectivity(rawValue: p.choice("net.connectivity")) ?? .full, biases: biases,
            hasOutputGates: outputGates, cellInput: CellInputSquashing(rawValue: p.choice("net.g")) ?? .symmetric2,
            cellOutput: CellOutputSquashing(rawValue: p.choice("net.h")) ?? .symmetric1)
        let kind = p.choice("net.kind")
        if kind == "lstm", let problem = Self.sizeProblem(of: topology) { throw TaskError(.inconsistent, problem) }
        let igb = p.realList("net.input_gate_bias"), ogb = p.realList("net.output_gate_bias")
        for (name, list) in [("net.input_gate_bias", igb), ("net.output_gate_bias", ogb)] {
            guard let list else { continue }
            if list.count != blocks {
                throw TaskError(.inconsistent, "\(name) has \(list.count) values for net.blocks=\(blocks)")
            }
            if !biases.gates { throw TaskError(.inconsistent, "\(name) is set but net.biases=\(biases.rawValue)") }
        }
        if ogb != nil && !outputGates { throw TaskError(.inconsistent, "net.output_gate_bias is set but net.output_gates=false") }
        let range = p.real("net.init_range")
        initialization = LSTMInitialization(
            weightRange: range, inputGateBiases: igb, outputGateBiases: ogb,
            biasesAddToDraws: p.choice("net.gate_bias_init") == "plus_random")
        randomBiasRange = p.choice("net.random_bias_range") == "caption" ? 0.1 : range
        self.kind = kind
        precision = Precision(rawValue: p.choice("net.precision")) ?? .float64
        if precision != .float64 && kind != "lstm" {
            throw TaskError(.inconsistent, "net.precision=\(precision.rawValue) needs net.kind=lstm (the baselines are float64)")
        }
        learningRate = p.real("train.learning_rate")
        timing = p.choice("train.update_timing") == "per_sequence" ? .perSequence : .perStep
        maxSequences = p.int("train.max_sequences")
        curveEvery = p.int("train.curve_every")
        testSize = p.int("train.test_size")
        stopRule = family.makeStopRule(p)
        if p["train.construction"] != nil && p.bool("train.construction") {
            if !topology.connectivity.outputsSeeInputs || kind != "lstm" {
                throw TaskError(.inconsistent, "train.construction needs net.connectivity=layered (or layered_recurrent) and net.kind=lstm")
            }
            construction = (p.int("train.construction_window"), p.real("train.construction_improvement"),
                            p.choice("train.construction_outgoing") == "zero")
        } else {
            construction = nil
        }
        fixedSets = family == .reber
            ? FixedSets(
                training: p.int("task.training_set_size"), test: p.int("task.test_set_size"),
                removeDuplicates: p.bool("task.remove_test_duplicates"), dataSets: p.int("task.data_sets"),
                drawing: FixedSets.Drawing(rawValue: p.choice("task.string_sets")) ?? .drawn,
                order: FixedSets.Order(rawValue: p.choice("task.string_order")) ?? .draws) : nil
        if kind == "rtrl" || kind == "bptt",
            let problem = Self.sizeProblem(ofBaseline: LearnerFactory.recurrentTopology(learnerRequest), kind: kind)
        {
            throw TaskError(.inconsistent, problem)
        }
    }

    /// Resolves a spec against its preset and builds the configuration.
    public init(spec: TrialSpec, factory: LearnerFactory = .standard) throws {
        let preset = try Preset.named(spec.preset)
        var overrides = spec.parameters
        if let budget = spec.maxSequences { overrides["train.max_sequences"] = .int(budget) }
        try self.init(preset: preset, parameters: preset.schema(factory: factory).resolve(overrides))
    }

    /// The request a learner maker receives.
    public var learnerRequest: LearnerRequest {
        LearnerRequest(topology: topology, initialization: initialization, randomBiasRange: randomBiasRange,
                       precision: precision, parameters: parameters)
    }
}
