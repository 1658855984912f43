// The store's notion of "now", for the coordinator and for local runs alike. Leases are stored as
// dates, but the dates come from a monotonic source: the wall clock is read once at start, then
// advanced by ContinuousClock, so a wall-clock step (NTP, DST, an operator) cannot expire or extend
// every lease at once. Workers never send times; only this clock decides when a lease has run out.

import Foundation

/// Supplies `now:` for every store call of the coordinator and of `StoreChannel`.
public struct StoreClock: Sendable {
    /// The current time.
    public var now: @Sendable () -> Date

    /// Creates a clock from a closure (tests pass a fake).
    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// A monotonic clock anchored at the wall time of its creation.
    public static func monotonic() -> StoreClock {
        let anchor = Date()
        let start = ContinuousClock.now
        return StoreClock {
            let elapsed = start.duration(to: ContinuousClock.now)
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return anchor.addingTimeInterval(seconds)
        }
    }
}
