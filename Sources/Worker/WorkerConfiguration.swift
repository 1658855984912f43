import Foundation
import SweepCore

/// How the worker engine runs (remote `worker` or local `run`): parallelism, timing, batching.
public struct WorkerConfiguration: Sendable {
    /// Trials run at once (`--jobs`).
    public var jobs: Int
    /// Worker ids are `"\(name)-\(slot)"`; default host-pid.
    public var name: String
    /// Only claim from these sweeps, from the first that has a queued trial (empty: any active
    /// sweep). A multi-sweep file's sweeps, in file order.
    public var sweepNames: [String]
    /// Seconds running trials may take to finish after SIGTERM before their leases are handed back.
    public var grace: TimeInterval
    /// Seconds between heartbeats; nil uses the coordinator's value from the claim reply.
    public var heartbeatInterval: TimeInterval?
    /// Seconds between claims while nothing is queued.
    public var idlePoll: TimeInterval
    /// Stop when nothing is queued or leased anywhere and nothing is left to send.
    public var exitWhenIdle: Bool
    /// Backoff while the coordinator is unreachable (claims and resends).
    public var backoff: RetryBackoff
    /// Results per resend request.
    public var resendBatch: Int
    /// Most trials one slot claims at once when trials are short (1 disables batching; the
    /// coordinator caps it too, at 64 by default).
    public var maxClaimCount: Int
    /// Whether trials the executor gives one group key run together (``TrialGroupExecutor``: the
    /// executable's SIMD lanes) when a slot claims at least two of them; false runs every trial alone
    /// (`--no-lanes`).
    public var groupsTrials: Bool

    /// Creates a configuration.
    public init(
        jobs: Int = 1, name: String = "\(ProcessInfo.processInfo.hostName)-\(getpid())", sweepNames: [String] = [],
        grace: TimeInterval = 30, heartbeatInterval: TimeInterval? = nil, idlePoll: TimeInterval = 1,
        exitWhenIdle: Bool = false, backoff: RetryBackoff = RetryBackoff(), resendBatch: Int = 500,
        maxClaimCount: Int = 64, groupsTrials: Bool = true
    ) {
        self.jobs = max(1, jobs)
        self.name = name
        self.sweepNames = sweepNames
        self.grace = grace
        self.heartbeatInterval = heartbeatInterval
        self.idlePoll = idlePoll
        self.exitWhenIdle = exitWhenIdle
        self.backoff = backoff
        self.resendBatch = max(1, resendBatch)
        self.maxClaimCount = max(1, maxClaimCount)
        self.groupsTrials = groupsTrials
    }
}
