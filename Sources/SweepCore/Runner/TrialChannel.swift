// The one protocol the worker engine speaks: claim, renew (in batches), report, release. Two
// adapters implement it: `StoreChannel` (in process, over a TrialStore: `lstm-sweep run`) and the
// Worker module's `CoordinatorClient` (HTTP: `lstm-sweep worker`). Both answer with the HTTP API's
// message types, so the engine cannot tell them apart.

/// Claims trials and reports their outcomes; what the worker engine runs over.
///
/// Errors: a `WorkerError`-style retryable error means "try again later" (the engine backs off);
/// anything else is fatal for the engine, which then stops and rethrows it.
public protocol TrialChannel: Sendable {
    /// Leases up to `request.count` trials; answers the lease timing the worker must keep.
    func claim(_ request: ClaimRequest) async throws -> ClaimResponse

    /// Renews several leases at once; one reply per lease, in order.
    func renew(_ leases: [LeaseRenewal]) async throws -> [HeartbeatResponse]

    /// Records results; one item per result, in order.
    func report(_ completions: [TrialCompletion]) async throws -> ResultBatchResponse

    /// Hands a lease back without counting the attempt; false when the token was stale.
    func release(trialID: String, token: String) async throws -> Bool

    /// Whether an error thrown by this channel is worth retrying (a lost link), not fatal.
    func isRetryable(_ error: any Error) -> Bool
}
