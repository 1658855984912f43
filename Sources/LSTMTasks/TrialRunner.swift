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
        let started = TrialClockReading(clock)
        var outcome: TrialOutcome
        switch start(spec) {
        case .failed(let failed):
            outcome = failed
        case .ready(let session, let partial):
            let reason = train(session, control: control)
            outcome = conclude(partial, session, reason: reason, test: Self.runsFinalTest(after: reason) ? session.finalTest() : nil)
        }
        started.stamp(&outcome)
        return outcome
    }

    /// A trial set up to train (with the outcome fields known so far), or the outcome of one that
    /// could not be set up.
    enum Start {
        case ready(TrialSession, TrialOutcome)
        case failed(TrialOutcome)
    }

    /// Resolves the spec and builds its session (task, learner, random streams).
    func start(_ spec: TrialSpec) -> Start {
        var outcome = TrialOutcome(
            preset: spec.preset, seed: spec.seed, parameters: ParameterMap(), success: false, stopReason: .error,
            error: nil, sequences: 0, sequencesTrained: 0, milestones: [:], test: nil, weightCount: 0, steps: 0,
            wallSeconds: 0, cpuSeconds: 0, stepsPerSecond: 0, curve: [], method: "", precision: "float64")
        do {
            let config = try TrialConfiguration(spec: spec, factory: factory)
            outcome.parameters = config.parameters
            outcome.method = config.kind == "lstm" ? "lstm-1997-truncated" : config.kind
            outcome.precision = config.precision.rawValue
            return .ready(try TrialSession(config: config, seed: spec.seed, factory: factory), outcome)
        } catch let error as TaskError {
            outcome.error = error.description
        } catch {
            outcome.error = String(describing: error)
        }
        return .failed(outcome)
    }

    /// Whether a trial that stopped for `reason` runs its final test: after success or the budget.
    static func runsFinalTest(after reason: StopReason) -> Bool { reason == .success || reason == .budget }

    /// The outcome of a session that stopped for `reason`, with its final test's result.
    func conclude(_ partial: TrialOutcome, _ session: TrialSession, reason: StopReason, test: TestResult?) -> TrialOutcome {
        var outcome = partial
        outcome.stopReason = reason
        outcome.success = reason == .success
        outcome.sequences = session.successAt ?? session.sequences
        outcome.sequencesTrained = session.sequences
        outcome.milestones = session.milestones
        outcome.weightCount = session.learner.weightCount
        outcome.steps = session.steps
        outcome.curve = session.curve
        outcome.test = test
        return outcome
    }

    /// The training loop: one sequence at a time, with progress and cancellation every `control.every`.
    func train(_ session: TrialSession, control: TrialControl) -> StopReason {
        if let reason = session.budgetReason() { return reason }
        if control.watchesCellStates { session.cellStateWatch = CellStateWatch() }
        while true {
            if let reason = session.trainOne() ?? session.controlReason(control) ?? session.budgetReason() {
                return reason
            }
        }
    }
}

/// The clock readings at a trial's start, and the timing fields they give its outcome.
struct TrialClockReading {
    let clock: (any TrialClock)?
    let wall: Double, cpu: Double

    init(_ clock: (any TrialClock)?) {
        self.clock = clock
        (wall, cpu) = (clock?.wallSeconds() ?? 0, clock?.cpuSeconds() ?? 0)
    }

    /// Sets the outcome's wall and CPU seconds since the start, and its steps per second.
    func stamp(_ outcome: inout TrialOutcome) {
        guard let clock else { return }
        outcome.wallSeconds = clock.wallSeconds() - wall
        outcome.cpuSeconds = clock.cpuSeconds() - cpu
        outcome.stepsPerSecond = outcome.wallSeconds > 0 ? Double(outcome.steps) / outcome.wallSeconds : 0
    }
}
