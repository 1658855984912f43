// A preset's training work without its stopping rules: the learner a trial starts with and a batch
// of training sequences from the task's own generator. `lstm-sweep bench --presets` times
// `learner.train` on it, so every preset (baselines and the 2a/2b construction phase included) is
// measured on the code path its trials run.
import LSTMCore

/// The learner and training data of one preset, as a trial of it would start.
public struct PresetWorkload {
    /// The learner a trial with these parameters starts with: the LSTM (or baseline) net, or, while
    /// the sequential construction (A8) has not added the cell, the one-layer direct net.
    public let learner: any SequenceLearner
    /// Training sequences drawn from the trial's training stream (Exp. 1: from its training set).
    public let sequences: [SequenceExample]
    /// α and the update timing (A1) of the preset.
    public let learningRate: Double
    public let timing: UpdateTiming

    /// Builds the workload of `preset` with `parameters` overriding its defaults.
    ///
    /// - Parameter count: how many training sequences to draw.
    public init(
        preset name: String, parameters: [String: ParameterValue] = [:], seed: UInt64, count: Int,
        factory: LearnerFactory = .standard
    ) throws {
        let config = try TrialConfiguration(spec: TrialSpec(preset: name, parameters: parameters, seed: seed), factory: factory)
        let session = try TrialSession(config: config, seed: seed, factory: factory)
        var sequences: [SequenceExample] = []
        sequences.reserveCapacity(count)
        for _ in 0..<count {
            if session.trainingSet.isEmpty {
                var s = config.task.makeBuffer()
                config.task.fill(&s, rng: &session.trainRNG)
                sequences.append(s)
            } else {
                sequences.append(session.trainingSet[session.trainRNG.integer(in: 0...(session.trainingSet.count - 1))].0)
            }
        }
        learner = session.learner
        self.sequences = sequences
        learningRate = config.learningRate
        timing = config.timing
    }
}
