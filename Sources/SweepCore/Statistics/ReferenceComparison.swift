// One configuration's results set beside reference figures (a paper's success rate and mean
// sequences to success): the estimates with their intervals, the ratio of the means, and a verdict.
// Generic: the reference numbers arrive as plain values; which paper row they belong to is the
// caller's business (the executable joins the presets' paper figures with the database).

/// Results of one configuration compared with a reference row.
public struct ReferenceComparison: Sendable, Equatable {
    /// Which part of a comparison failed.
    public enum Part: String, Sendable, Equatable, CaseIterable {
        /// The reference success rate lies above our rate's Wilson interval.
        case successRate = "success rate"
        /// Our mean sequences to success exceeds the tolerated multiple of the reference mean,
        /// or no trial succeeded.
        case sequences
    }

    /// The outcome of a comparison.
    public enum Verdict: Sendable, Equatable {
        /// Every stated reference figure is matched.
        case reproduced
        /// At least one stated figure is not matched; the parts that failed, in `Part` order.
        case notReproduced([Part])
        /// Some trials have not finished; nothing is judged yet.
        case incomplete
        /// The reference states neither a success rate nor sequences.
        case noReference
    }

    /// The mean may exceed the reference mean by this factor at most (lower is always fine).
    public static let defaultSequenceTolerance = 1.5

    /// Trials of the configuration, finished or not.
    public var trials: Int
    /// Trials that ran to an end (done or failed; not queued, leased or cancelled).
    public var finished: Int
    /// Finished trials that succeeded.
    public var successes: Int
    /// successes / finished, or nil before any finished.
    public var successRate: Double?
    /// The Wilson 95 % interval of the success rate.
    public var successInterval: ConfidenceInterval?
    /// Mean and median sequences to success, with bootstrap 95 % intervals (nil without successes).
    public var meanSequences: Double?
    public var meanInterval: ConfidenceInterval?
    public var medianSequences: Double?
    public var medianInterval: ConfidenceInterval?
    /// Our mean over the reference mean, when both exist.
    public var meanRatio: Double?
    /// The verdict.
    public var verdict: Verdict

    /// Compares results with reference figures.
    ///
    /// - Parameters:
    ///   - sequences: sequences to success of every successful trial.
    ///   - referenceRate: the reference success rate in [0, 1], nil when not stated.
    ///   - referenceMean: the reference mean sequences to success, nil when not stated.
    ///
    /// The rate part holds when the reference rate lies in our Wilson interval or below our rate;
    /// the sequences part holds when our mean is at most `tolerance` × the reference mean. A part
    /// without a reference figure is not judged.
    public init(
        trials: Int, finished: Int, sequences: [Double], referenceRate: Double?, referenceMean: Double?,
        tolerance: Double = defaultSequenceTolerance, resamples: Int = ConfidenceInterval.defaultResamples
    ) {
        precondition(sequences.count <= finished && finished <= trials, "need successes <= finished <= trials")
        self.trials = trials
        self.finished = finished
        successes = sequences.count
        successRate = finished > 0 ? Double(sequences.count) / Double(finished) : nil
        successInterval = ConfidenceInterval.wilson(successes: sequences.count, trials: finished)
        meanSequences = ConfidenceInterval.Statistic.mean.value(of: sequences)
        medianSequences = ConfidenceInterval.Statistic.median.value(of: sequences)
        meanInterval = ConfidenceInterval.bootstrap(sequences, statistic: .mean, resamples: resamples)
        medianInterval = ConfidenceInterval.bootstrap(sequences, statistic: .median, resamples: resamples)
        if let meanSequences, let referenceMean, referenceMean > 0 { meanRatio = meanSequences / referenceMean }

        if finished < trials || trials == 0 {
            verdict = .incomplete
        } else if referenceRate == nil && referenceMean == nil {
            verdict = .noReference
        } else {
            var failed: [Part] = []
            if let referenceRate, let successRate, let successInterval,
                !(successInterval.contains(referenceRate) || successRate > referenceRate)
            {
                failed.append(.successRate)
            }
            if let referenceMean, !((meanSequences ?? .infinity) <= tolerance * referenceMean) {
                failed.append(.sequences)
            }
            verdict = failed.isEmpty ? .reproduced : .notReproduced(failed)
        }
    }
}
