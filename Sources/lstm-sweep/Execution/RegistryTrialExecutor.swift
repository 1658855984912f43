import SweepCore

/// Runs any trial whose preset the registry knows; a remote worker may receive trials of any sweep.
struct RegistryTrialExecutor: TrialExecutor {
    struct UnknownPreset: Error, CustomStringConvertible {
        var description: String
    }

    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        guard let execution = ExecutorRegistry.execution(forPreset: assignment.preset) else {
            throw UnknownPreset(description: "this worker has no executor for preset '\(assignment.preset)'")
        }
        var result = try execution.executor.runTrial(assignment, isCancelled: isCancelled)
        result.provenance = .current
        return result
    }
}
