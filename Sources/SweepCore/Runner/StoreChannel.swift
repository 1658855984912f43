// The in-process adapter of the worker engine: `lstm-sweep run` claims, renews and reports straight
// on the local store, with the coordinator's rules (lease timing from one LeasePolicy, `now` from a
// monotonic StoreClock, never from the engine). No reaper runs beside a local run, so an empty claim
// first takes back leases that expired (a crashed earlier run's), as the coordinator's reaper would.

import Foundation

/// A ``TrialChannel`` over a ``TrialStore`` in this process.
///
/// ```swift
/// let channel = StoreChannel(store: database, policy: .standard)
/// let worker = WorkerLoop(channel: channel, executor: executor, outbox: nil, configuration: …)
/// ```
public struct StoreChannel: TrialChannel {
    let store: any TrialStore
    let policy: LeasePolicy
    let clock: StoreClock
    let maxClaimCount: Int

    /// Creates the adapter.
    /// - Parameters:
    ///   - clock: `now` for every store call; monotonic unless a test passes a fake.
    ///   - maxClaimCount: the most trials one claim leases (the coordinator's default cap: 64).
    public init(store: any TrialStore, policy: LeasePolicy, clock: StoreClock = .monotonic(), maxClaimCount: Int = 64) {
        self.store = store
        self.policy = policy
        self.clock = clock
        self.maxClaimCount = max(1, maxClaimCount)
    }

    public func claim(_ request: ClaimRequest) async throws -> ClaimResponse {
        let reply = try await store.answerClaim(request, policy: policy, maxClaimCount: maxClaimCount, now: clock.now())
        guard reply.claims.isEmpty, try await store.reapExpiredLeases(now: clock.now()).requeued > 0 else { return reply }
        return try await store.answerClaim(request, policy: policy, maxClaimCount: maxClaimCount, now: clock.now())
    }

    public func renew(_ leases: [LeaseRenewal]) async throws -> [HeartbeatResponse] {
        try await store.answerRenewals(leases, leaseFor: policy.leaseDuration, now: clock.now())
    }

    public func report(_ completions: [TrialCompletion]) async throws -> ResultBatchResponse {
        try await store.settle(completions, now: clock.now())
    }

    public func release(trialID: String, token: String) async throws -> Bool {
        try await store.releaseLease(trialID: trialID, token: token, now: clock.now())
    }

    /// Store errors (a full disk, a corrupt file) are never worth retrying: the run stops on them.
    public func isRetryable(_ error: any Error) -> Bool { false }
}
