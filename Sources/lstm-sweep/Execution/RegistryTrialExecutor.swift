import SweepCore

/// Runs any trial whose preset the registry knows; a remote worker may receive trials of any sweep.
/// Trials of presets whose executor groups them (LSTM presets: SIMD lanes) can run in groups.
struct RegistryTrialExecutor: TrialGroupExecutor {
    struct UnknownPreset: Error, CustomStringConvertible {
        var description: String
    }

    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        try runTrial(assignment, isCancelled: isCancelled, progress: { _ in })
    }

    func runTrial(
        _ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool, progress: @Sendable (TrialStanding) -> Void
    ) throws -> TrialResult {
        guard let execution = ExecutorRegistry.execution(forPreset: assignment.preset) else {
            throw UnknownPreset(description: "this worker has no executor for preset '\(assignment.preset)'")
        }
        var result = try execution.executor.runTrial(assignment, isCancelled: isCancelled, progress: progress)
        result.provenance = .current
        return result
    }

    // MARK: - Groups

    /// The width of the group of the preset's executor (1 when it does not group trials).
    func groupWidth(for assignment: TrialAssignment) -> Int {
        Self.grouping(assignment.preset)?.groupWidth(for: assignment) ?? 1
    }

    /// The key of the preset's executor, when it groups trials.
    func groupKey(for assignment: TrialAssignment) -> String? {
        Self.grouping(assignment.preset)?.groupKey(for: assignment)
    }

    /// Hands the group to the executor of its first trial's preset (equal keys share an executor).
    func runGroup(next: () -> GroupedTrial?, finished: (GroupedTrial, TrialResult) -> Void) {
        guard let first = next() else { return }
        var held: GroupedTrial? = first
        func pull() -> GroupedTrial? {
            guard let trial = held ?? next() else { return nil }
            held = nil
            return trial
        }
        guard let grouping = Self.grouping(first.assignment.preset) else {
            while let trial = pull() {  // no executor groups it: one after the other, as runTrial would
                let result: TrialResult
                do {
                    result = try runTrial(trial.assignment, isCancelled: trial.isCancelled, progress: trial.progress)
                } catch {
                    result = .error("\(error)")
                }
                finished(trial, result)
            }
            return
        }
        grouping.runGroup(next: pull, finished: finished)
    }

    static func grouping(_ preset: String) -> (any TrialGroupExecutor)? {
        ExecutorRegistry.execution(forPreset: preset)?.executor as? any TrialGroupExecutor
    }
}
