import Foundation

/// Operator actions on a whole sweep beyond `TrialStore`: giving failed trials another chance.
///
/// Separate from `TrialStore` so stores can offer it on their own; `SweepDatabase` does. Like the
/// store, it is synchronous, takes `now:` and never reads a clock.
public protocol SweepAdministration: Sendable {
    /// Queues every failed trial of the sweep again with a fresh attempt budget (the store's
    /// `maxAttempts` more attempts), and keeps its history: earlier attempts stay in the attempt
    /// log, and a failed result is kept on its attempt. Reactivates a cancelled sweep's failed
    /// trials only if the sweep is active. Returns the number of trials queued; a sweep that does
    /// not exist throws `SweepError(.notFound)`.
    func retryFailedTrials(sweepName: String, now: Date) throws -> Int
}
