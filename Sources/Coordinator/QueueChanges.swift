// What lets a claim wait instead of a worker polling: a claim that finds nothing queued while trials
// are still leased elsewhere is held (up to CoordinatorConfiguration.idleClaimWait) and answered
// again as soon as the queue may have changed. Without it, the last trials of a sweep finish while
// every other worker sleeps its idle poll (1 s by default), which was a fifth of issue 15's measure.

import Synchronization

/// A counter of events that may change what a claim finds: results, releases, reaped leases,
/// submits, cancels and retries. Held claims compare it with what they saw before asking the store.
public final class QueueChanges: Sendable {
    private let generation = Atomic<UInt64>(0)
    /// How often a held claim looks at the counter: a change is noticed within this time.
    static let checkInterval: Duration = .milliseconds(10)

    /// Creates a counter at zero.
    public init() {}

    /// The number of changes so far.
    public var current: UInt64 { generation.load(ordering: .acquiring) }

    /// Records that the queue may have changed; held claims ask the store again.
    public func notify() {
        generation.wrappingAdd(1, ordering: .releasing)
    }

    /// Waits until the counter moves past `seen` or `deadline` passes (or the task is cancelled).
    ///
    /// Reading an atomic every few milliseconds costs nothing next to a store query, and needs no
    /// continuation bookkeeping for cancellation.
    public func waitForChange(after seen: UInt64, until deadline: ContinuousClock.Instant) async {
        while current == seen, ContinuousClock.now < deadline, !Task.isCancelled {
            try? await Task.sleep(for: min(Self.checkInterval, deadline - ContinuousClock.now))
        }
    }
}
