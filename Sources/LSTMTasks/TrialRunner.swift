// Turns a TrialSpec into a TrialOutcome: resolve the preset's parameters, build the task and the
// learner from the trial seed's streams, train until the paper's stopping rule, the budget,
// divergence or cancellation, then run the final test (architecture.md §6).

/// Runs trials. A value type with no shared state: run any number concurrently.
///
/// ```swift
/// let runner = TrialRunner()
/// let outcome = runner.run(TrialSpec(preset: "4-1", parameters: ["train.learning_rate": .real(0.1)], seed: 7))
/// print(outcome.success, outcome.sequences)
/// ```
public struct TrialRunner: Sendable {
    /// Builds learners by `net.kind`.
    public var factory: LearnerFactory
    /// The clock for the timing fields; nil leaves them 0.
    public var clock: (any TrialClock)?

    /// Creates a runner.
    public init(factory: LearnerFactory = .standard, clock: (any TrialClock)? = nil) {
        self.factory = factory
        self.clock = clock
    }

    /// Runs one trial to its end and never traps on bad input or divergence.
    ///
    /// The outcome depends only on the spec (and the factory), except `wallSeconds`, `cpuSeconds`
    /// and `stepsPerSecond`. A spec that does not resolve gives `stopReason == .error`.
    public func run(_ spec: TrialSpec, control: TrialControl = .none) -> TrialOutcome {
        let wall0 = clock?.wallSeconds() ?? 0, cpu0 = clock?.cpuSeconds() ?? 0
        var outcome = TrialOutcome(
            preset: spec.preset, seed: spec.seed, parameters: ParameterMap(), success: false, stopReason: .error,
            error: nil, sequences: 0, sequencesTrained: 0, milestones: [:], test: nil, weightCount: 0, steps: 0,
            wallSeconds: 0, cpuSeconds: 0, stepsPerSecond: 0, curve: [], method: "", precision: "float64")
        do {
            let config = try TrialConfiguration(spec: spec, factory: factory)
            outcome.parameters = config.parameters
            outcome.method = config.kind == "lstm" ? "lstm-1997-truncated" : config.kind
            outcome.precision = config.precision.rawValue
            let session = try TrialSession(config: config, seed: spec.seed, factory: factory)
            let reason = train(session, config: config, control: control)
            outcome.stopReason = reason
            outcome.success = reason == .success
            outcome.sequences = session.successAt ?? session.sequences
            outcome.sequencesTrained = session.sequences
            outcome.milestones = session.milestones
            outcome.weightCount = session.learner.weightCount
            outcome.steps = session.steps
            outcome.curve = session.curve
            if reason == .success || reason == .budget { outcome.test = session.finalTest() }
        } catch let error as TaskError {
            outcome.error = error.description
        } catch {
            outcome.error = String(describing: error)
        }
        if let clock {
            outcome.wallSeconds = clock.wallSeconds() - wall0
            outcome.cpuSeconds = clock.cpuSeconds() - cpu0
            outcome.stepsPerSecond = outcome.wallSeconds > 0 ? Double(outcome.steps) / outcome.wallSeconds : 0
        }
        return outcome
    }

    /// The training loop: one sequence at a time, with progress and cancellation every `control.every`.
    private func train(_ session: TrialSession, config: TrialConfiguration, control: TrialControl) -> StopReason {
        while session.sequences < config.maxSequences {
            if let reason = session.trainOne() { return reason }
            if session.sequences % control.every == 0 {
                control.progress(
                    TrialProgress(sequences: session.sequences, maxSequences: config.maxSequences, steps: session.steps,
                                  recentMeanError: session.recent.meanError,
                                  recentShareCorrect: session.recent.shareCorrect))
                if control.isCancelled() { return .cancelled }
                if !session.learner.weightsAreFinite { return .diverged }
            }
        }
        return session.learner.weightsAreFinite ? .budget : .diverged
    }
}
