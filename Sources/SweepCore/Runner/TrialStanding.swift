// How far a running trial has come, as its executor tells the worker engine (run's progress line)
// and the worker tells the coordinator in its heartbeats (the dashboard's running trials).

/// How far a running trial has come: training sequences so far, of its budget.
public struct TrialStanding: Sendable, Equatable {
    /// Training sequences presented so far.
    public var sequences: Int
    /// The trial's budget of training sequences.
    public var maxSequences: Int

    /// Creates a standing.
    public init(sequences: Int, maxSequences: Int) {
        self.sequences = sequences
        self.maxSequences = maxSequences
    }
}
