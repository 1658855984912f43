// The rows the plot queries return (SweepStore/Reading/PlotQueries.swift aggregates them in SQL):
// small value types, Codable so the dashboard could ship them as JSON too.

/// Finished trials and successes of one (group, x) cell: one point of a success-rate plot.
public struct SuccessCount: Sendable, Equatable, Codable {
    /// The `--by` value as text, or nil without grouping.
    public var group: String?
    /// The x parameter's value.
    public var x: Double
    /// Trials that ran to an end (done or failed).
    public var finished: Int
    /// Those that succeeded.
    public var successes: Int

    /// Creates a count.
    public init(group: String?, x: Double, finished: Int, successes: Int) {
        self.group = group
        self.x = x
        self.finished = finished
        self.successes = successes
    }
}

/// One finished trial's sequences: a dot of a sequences plot.
public struct SequenceSample: Sendable, Equatable, Codable {
    /// The `--by` value as text, or nil.
    public var group: String?
    /// The x parameter's value.
    public var x: Double
    /// Sequences to success, or to the stop for a trial that did not succeed.
    public var sequences: Int
    /// Stopped by its budget without success.
    public var capped: Bool

    /// Creates a sample.
    public init(group: String?, x: Double, sequences: Int, capped: Bool) {
        self.group = group
        self.x = x
        self.sequences = sequences
        self.capped = capped
    }
}

/// The median sequences to success of one (group, x) cell, over its successful trials.
public struct SequenceMedian: Sendable, Equatable, Codable {
    /// The `--by` value as text, or nil.
    public var group: String?
    /// The x parameter's value.
    public var x: Double
    /// The median (the mean of the two middle values for an even count).
    public var median: Double
    /// Successful trials it is taken over.
    public var successes: Int

    /// Creates a median.
    public init(group: String?, x: Double, median: Double, successes: Int) {
        self.group = group
        self.x = x
        self.median = median
        self.successes = successes
    }
}

/// One recorded point of a trial's learning curve (the `curvePoint` table).
public struct CurveSample: Sendable, Equatable, Codable {
    /// The trial's label (its seed, or a short identity).
    public var trial: String
    /// Training sequences seen so far.
    public var sequences: Int
    /// The training loss at that point.
    public var trainingLoss: Double

    /// Creates a sample.
    public init(trial: String, sequences: Int, trainingLoss: Double) {
        self.trial = trial
        self.sequences = sequences
        self.trainingLoss = trainingLoss
    }
}
