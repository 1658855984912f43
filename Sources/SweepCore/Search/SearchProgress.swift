/// Where an adaptive search stands, given the outcomes seen so far (``SearchPlan/progress(observations:)``).
///
/// Stores apply it in the transaction that recorded the triggering result: insert the trials they
/// do not hold yet, cancel the listed trials that are still queued, and insert the decisions whose
/// `(configuration, step)` they have not recorded. Applying it twice changes nothing.
public struct SearchProgress: Sendable, Equatable {
    /// Every trial the search has asked for so far (the initial probes or rung included).
    public var trials: [SweepTrial]
    /// Trials no decision needs any more (the seeds after an early decision); cancel them if still queued.
    public var cancellations: [String]
    /// Every decision taken so far, by configuration and step.
    public var decisions: [SearchDecision]
    /// Whether every configuration's search has ended.
    public var isFinished: Bool

    /// Creates a progress value.
    public init(trials: [SweepTrial], cancellations: [String], decisions: [SearchDecision], isFinished: Bool) {
        self.trials = trials
        self.cancellations = cancellations
        self.decisions = decisions
        self.isFinished = isFinished
    }
}
