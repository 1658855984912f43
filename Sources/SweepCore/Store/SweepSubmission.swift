/// One sweep and its expanded trials, as handed to ``TrialStore/submit(_:now:)``.
///
/// A sweep file with several documents gives one submission per document; the store registers
/// them all or none.
public struct SweepSubmission: Sendable {
    /// The parsed sweep.
    public var sweep: SweepDefinition
    /// Its trials, in expansion order.
    public var trials: [SweepTrial]

    /// Creates a submission.
    public init(_ sweep: SweepDefinition, trials: [SweepTrial]) {
        self.sweep = sweep
        self.trials = trials
    }

    /// A submission of `sweep` with every trial it expands to.
    public init(expanding sweep: SweepDefinition) {
        self.init(sweep, trials: sweep.expandTrials())
    }
}
