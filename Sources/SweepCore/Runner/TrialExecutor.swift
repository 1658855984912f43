/// Runs one trial: the seam between the sweep system and whatever it sweeps over.
///
/// The executable implements it for LSTM presets (and a toy objective for tests). Implementations
/// must be deterministic in (preset, parameters, seed, budget), callable concurrently from several
/// threads, and should poll `isCancelled` every so often (for example once per training sequence)
/// and then return promptly with stop reason `cancelled`.
public protocol TrialExecutor: Sendable {
    /// Runs `assignment` to completion and returns its result; throwing records an `error` result.
    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult

    /// The same, telling `progress` how far the trial has come every so often (an executor that
    /// cannot tell never calls it; the default does that).
    func runTrial(
        _ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool, progress: @Sendable (TrialStanding) -> Void
    ) throws -> TrialResult
}

extension TrialExecutor {
    /// Runs the trial without progress reports.
    public func runTrial(
        _ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool, progress: @Sendable (TrialStanding) -> Void
    ) throws -> TrialResult {
        try runTrial(assignment, isCancelled: isCancelled)
    }
}
