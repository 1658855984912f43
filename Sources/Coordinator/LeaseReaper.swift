// Requeues trials whose lease ran out (attempt + 1 on the next claim) and fails those that used
// their last attempt. It runs on the coordinator's monotonic clock: ContinuousClock schedules the
// rounds, and `now` comes from StoreClock (itself monotonic), never from a worker.

import Foundation
import Logging
import ServiceLifecycle
import SweepCore

/// The coordinator's background loop over `TrialStore.reapExpiredLeases(now:)`.
public struct LeaseReaper: Service {
    let store: any TrialStore
    let clock: StoreClock
    let interval: Duration
    let metrics: CoordinatorMetrics
    let logger: Logger
    let changes: QueueChanges?

    /// Creates a reaper that runs every `interval`.
    /// - Parameter changes: told when a round requeued, failed or cancelled trials (wakes held claims).
    public init(
        store: any TrialStore, clock: StoreClock, interval: Duration, metrics: CoordinatorMetrics,
        logger: Logger = Logger(label: "lstm-sweep.reaper"), changes: QueueChanges? = nil
    ) {
        self.store = store
        self.clock = clock
        self.interval = interval
        self.metrics = metrics
        self.logger = logger
        self.changes = changes
    }

    /// One round: reap every lease that expired before `now`. Tests call this directly.
    @discardableResult
    public func runOnce(now: Date) async throws -> ReapSummary {
        let summary = try await store.reapExpiredLeases(now: now)
        metrics.recordReap(summary)
        if summary.total > 0 {
            changes?.notify()
            let line =
                "expired leases: \(summary.requeued) requeued, \(summary.failed) failed after the last attempt, "
                + "\(summary.cancelled) cancelled with their sweep"
            logger.info("\(line)")
        }
        return summary
    }

    /// Runs a round every `interval` until graceful shutdown (or cancellation).
    public func run() async throws {
        var failing = false
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
            } catch {
                return
            }
            do {
                try await runOnce(now: clock.now())
                if failing { logger.info("lease reaper recovered") }
                failing = false
            } catch {
                // Log the first failure of a streak only; the next round retries.
                if !failing { logger.error("lease reaper round failed: \(error)") }
                failing = true
            }
        }
    }
}
