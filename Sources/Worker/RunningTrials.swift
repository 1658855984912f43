// The leases a worker holds right now, shared by the slots that run the trials and the Heartbeater
// that renews them. Deadlines are on the worker's monotonic clock: the lease is taken to end
// `leaseSeconds` after the request that granted or renewed it was *sent*, which errs on the safe side.

import Synchronization
import SweepCore

/// One held lease.
struct HeldLease: Sendable {
    var trialID: String
    var token: String
    var flag: CancellationFlag
    var deadline: ContinuousClock.Instant
    /// When the lease was granted or last renewed (the next heartbeat is due one interval later).
    var renewedAt: ContinuousClock.Instant
    /// Do not report: the lease was lost, or the stop grace ran out (then release it).
    var abandoned = false
    /// The coordinator no longer knows this lease: neither report nor release.
    var lost = false
    /// How far the trial has come, once it started and its executor said.
    var standing: TrialStanding?
}

/// The table of held leases.
final class RunningTrials: Sendable {
    private let table = Mutex<[String: HeldLease]>([:])

    func insert(_ lease: HeldLease) { table.withLock { $0[lease.trialID] = lease } }

    func remove(_ trialID: String) -> HeldLease? { table.withLock { $0.removeValue(forKey: trialID) } }

    func lookup(_ trialID: String) -> HeldLease? { table.withLock { $0[trialID] } }

    var snapshot: [HeldLease] { table.withLock { Array($0.values) } }

    var count: Int { table.withLock { $0.count } }

    func extend(_ trialID: String, token: String, sent: ContinuousClock.Instant, until deadline: ContinuousClock.Instant) {
        table.withLock { table in
            guard table[trialID]?.token == token else { return }
            table[trialID]?.deadline = deadline
            table[trialID]?.renewedAt = sent
        }
    }

    /// Records how far a running trial has come.
    func record(_ trialID: String, standing: TrialStanding) { table.withLock { $0[trialID]?.standing = standing } }

    /// The standings of the running trials that reported one.
    var standings: [TrialStanding] { table.withLock { $0.values.compactMap(\.standing) } }

    /// Marks a lease lost and asks its trial to stop.
    func markLost(_ trialID: String) {
        table.withLock { table in
            table[trialID]?.abandoned = true
            table[trialID]?.lost = true
            table[trialID]?.flag.raise()
        }
    }

    /// A stop came while these trials were being claimed: hand them back instead of running them.
    func abandon(_ trialIDs: [String]) { table.withLock { Self.abandon(trialIDs, in: &$0) } }

    /// Grace ran out: stop every trial and hand its lease back instead of reporting.
    func abandonAll() { table.withLock { Self.abandon(Array($0.keys), in: &$0) } }

    /// Marks the leases abandoned and raises their trials' cancellation flags.
    private static func abandon(_ trialIDs: [String], in table: inout [String: HeldLease]) {
        for key in trialIDs {
            table[key]?.abandoned = true
            table[key]?.flag.raise()
        }
    }
}
