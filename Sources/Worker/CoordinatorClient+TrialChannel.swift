// The HTTP adapter of the worker engine: the same claim/renew/report/release protocol as
// StoreChannel, over the `/v1` API.

import SweepCore

extension CoordinatorClient: TrialChannel {
    /// Renews many leases in one `POST /v1/trials/heartbeat`.
    public func renew(_ leases: [LeaseRenewal]) async throws -> [HeartbeatResponse] {
        let reply: HeartbeatBatchResponse = try await call("POST", "v1/trials/heartbeat", HeartbeatBatchRequest(leases: leases))
        guard reply.items.count == leases.count else {
            throw WorkerError(.malformedReply, "heartbeat: \(reply.items.count) answers for \(leases.count) leases")
        }
        return reply.items
    }

    /// Reports many results in one `POST /v1/results`.
    public func report(_ completions: [TrialCompletion]) async throws -> ResultBatchResponse {
        try await reportResults(completions)
    }

    /// Hands a lease back.
    public func release(trialID: String, token: String) async throws -> Bool {
        let reply: ReleaseResponse = try await call("POST", "v1/trials/\(trialID)/release", ReleaseRequest(token: token))
        return reply.released
    }

    /// No answer or a 5xx: the link, not the request, failed.
    public func isRetryable(_ error: any Error) -> Bool {
        (error as? WorkerError)?.isRetryable ?? false
    }
}
