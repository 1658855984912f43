// The extension point for learners: `net.kind` names a maker that turns the trial's resolved
// network parameters into a SequenceLearner. "lstm" (the 1997 net of LSTMCore) is built in; the
// RTRL/BPTT baselines are added with `adding(kind:parameters:make:)`.
import LSTMCore

/// Everything a learner maker may use to build a fresh net.
public struct LearnerRequest: Sendable {
    /// The LSTM topology the parameters describe (inputs and outputs come from the task).
    public var topology: LSTMTopology
    /// Initial weight range and explicit gate biases.
    public var initialization: LSTMInitialization
    /// The range random ("r") gate biases are drawn from (A4).
    public var randomBiasRange: Double
    /// The LSTM's arithmetic precision (`net.precision`).
    public var precision: Precision
    /// Every resolved parameter, for makers with parameters of their own.
    public var parameters: ParameterMap
}

/// Builds learners by `net.kind`.
///
/// ```swift
/// let factory = LearnerFactory.standard.adding(kind: "rtrl", parameters: [hiddenUnits]) { request, rng in
///     RTRLNetwork(inputs: request.topology.inputCount, ..., rng: &rng)
/// }
/// let outcome = TrialRunner(factory: factory).run(spec)
/// ```
public struct LearnerFactory: Sendable {
    /// Makes a learner; draws initial weights from `rng` (the trial's `.weights` stream).
    public typealias Make = @Sendable (LearnerRequest, inout SplitMix64) throws -> any SequenceLearner

    private var makers: [String: Make]
    private var order: [String]
    /// Parameters that registered kinds add to every schema (e.g. `net.hidden_units`).
    public private(set) var extraParameters: [ParameterDefinition]

    /// The factory with the 1997 LSTM and the RTRL and BPTT baselines (BaselineLearners.swift).
    public static let standard = addingBaselines(lstmOnly)

    /// The factory with the 1997 LSTM only.
    public static let lstmOnly = LearnerFactory(makers: ["lstm": makeLSTM], order: ["lstm"], extraParameters: [])

    /// The kinds offered, "lstm" first.
    public var kinds: [String] { order }

    /// A factory that also builds `kind`; `parameters` are added to every preset's schema.
    public func adding(kind: String, parameters: [ParameterDefinition] = [], make: @escaping Make) -> LearnerFactory {
        var copy = self
        if copy.makers[kind] == nil { copy.order.append(kind) }
        copy.makers[kind] = make
        for p in parameters where !copy.extraParameters.contains(where: { $0.name == p.name }) {
            copy.extraParameters.append(p)
        }
        return copy
    }

    /// Builds a learner of `kind`.
    public func make(kind: String, request: LearnerRequest, rng: inout SplitMix64) throws -> any SequenceLearner {
        guard let maker = makers[kind] else {
            throw TaskError(.unknownParameter, "net.kind=\(kind): no learner of that kind is registered")
        }
        return try maker(request, &rng)
    }

    /// The built-in maker: draws the weights in layout order, then (A4 "caption") redraws random
    /// gate biases from `randomBiasRange` when it differs from the init range.
    @Sendable
    public static func makeLSTM(_ request: LearnerRequest, rng: inout SplitMix64) throws -> any SequenceLearner {
        LSTMNetwork(topology: request.topology, weights: initialWeights(request, rng: &rng), precision: request.precision)
    }

    /// The initial LSTM weights of a request.
    public static func initialWeights(_ request: LearnerRequest, rng: inout SplitMix64) -> [Double] {
        let topology = request.topology, initialization = request.initialization
        var weights = initialization.weights(for: topology, rng: &rng)
        let r = request.randomBiasRange
        if r != initialization.weightRange && topology.biases.gates {
            let layout = WeightLayout(topology)
            if initialization.inputGateBiases == nil {
                for j in 0..<topology.blockCount { weights[layout.inputGateBias + j] = rng.uniform(-r, r) }
            }
            if initialization.outputGateBiases == nil {
                for j in 0..<topology.outputGateCount { weights[layout.outputGateBias + j] = rng.uniform(-r, r) }
            }
        }
        return weights
    }
}
