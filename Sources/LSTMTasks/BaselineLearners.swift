// The paper's gradient baselines as learner kinds: `net.kind=rtrl` (exact real-time recurrent
// learning) and `net.kind=bptt` (backpropagation through time), on fully recurrent nets of
// logistic units (LSTMCore's RecurrentTopology). Their inputs and outputs come from the task; the
// hidden layer from the parameters below. Defaults give Exp. 2a's net: one self-recurrent hidden
// unit, outputs seeing inputs and hidden units, no biases (Table 2: 36 / 144 / 10404 weights).
import LSTMCore

extension LearnerFactory {
    /// The parameters the baseline kinds add to every preset's schema.
    static let baselineParameters: [ParameterDefinition] = [
        .init("net.hidden_units", .int, default: .int(1), min: 1, max: 1_000, "rtrl/bptt: hidden units"),
        .init(
            "net.hidden_recurrence", .choice, default: .string("self"), choices: ["self", "full"],
            "rtrl/bptt: hidden units see only themselves (2a) or all hidden units (Table 1)"),
        .init(
            "net.hidden_biases", .bool, default: .bool(false),
            "rtrl/bptt: bias weights on hidden and output units (2a: none)"),
        .init(
            "net.output_timing", .choice, default: .string(OutputTiming.sameStep.rawValue),
            choices: OutputTiming.allCases.map(\.rawValue),
            "A23, rtrl/bptt: the outputs see the hidden units of the same step or, as in Williams & Zipser's net, "
                + "of the step before"),
        .init(
            "train.bptt_truncation", .int, default: .int(0), min: 0, max: 1_000_000,
            "bptt: truncation depth h (0 = full BPTT through the whole sequence)"),
    ]

    /// The recurrent topology a baseline request describes.
    static func recurrentTopology(_ request: LearnerRequest) -> RecurrentTopology {
        let p = request.parameters
        let biases = p.bool("net.hidden_biases")
        return RecurrentTopology(
            inputCount: request.topology.inputCount, hiddenCount: p.int("net.hidden_units"),
            outputCount: request.topology.outputCount,
            recurrence: p.choice("net.hidden_recurrence") == "full" ? .full : .selfOnly,
            outputSources: .inputsAndHidden, hiddenBiases: biases, outputBiases: biases,
            outputTiming: OutputTiming(rawValue: p.choice("net.output_timing")) ?? .sameStep)
    }

    /// `standard` plus the RTRL and BPTT kinds.
    static func addingBaselines(_ factory: LearnerFactory) -> LearnerFactory {
        factory
            .adding(kind: "rtrl", parameters: baselineParameters) { request, rng in
                let topology = recurrentTopology(request)
                let weights = FullyRecurrentInitialization(weightRange: request.initialization.weightRange)
                    .weights(for: topology, rng: &rng)
                return RTRLNetwork(topology: topology, weights: weights)
            }
            .adding(kind: "bptt", parameters: baselineParameters) { request, rng in
                let topology = recurrentTopology(request)
                let weights = FullyRecurrentInitialization(weightRange: request.initialization.weightRange)
                    .weights(for: topology, rng: &rng)
                let depth = request.parameters.int("train.bptt_truncation")
                return BPTTNetwork(topology: topology, weights: weights, truncation: depth == 0 ? nil : depth)
            }
    }
}
