/// What a search sees of one finished trial: the outcome and the few numbers a decision may use.
///
/// Searches are pure functions of these, keyed by trial identity; a trial that failed (executor
/// error, or its last lease expired) is an observation with `success == false` and no losses.
public struct SearchObservation: Sendable, Equatable {
    /// Whether the trial met its task's success criterion.
    public var success: Bool
    /// Training sequences until the stop.
    public var sequences: Int
    /// Training loss at the last learning-curve point, when the trial recorded a curve.
    public var finalLoss: Double?
    /// The smallest training loss on the learning curve.
    public var minimumLoss: Double?

    /// Creates an observation.
    public init(success: Bool, sequences: Int = 0, finalLoss: Double? = nil, minimumLoss: Double? = nil) {
        self.success = success
        self.sequences = sequences
        self.finalLoss = finalLoss
        self.minimumLoss = minimumLoss
    }

    /// The observation of a recorded result.
    public init(_ result: TrialResult) {
        self.init(
            success: result.success, sequences: result.sequences, finalLoss: result.curve.last?.trainingLoss,
            minimumLoss: result.curve.map(\.trainingLoss).min())
    }
}
