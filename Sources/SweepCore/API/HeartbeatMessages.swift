// `POST /v1/trials/heartbeat`: renew many leases in one request and one transaction.

/// One lease to renew.
public struct LeaseRenewal: Sendable, Codable, Equatable, Hashable {
    /// The trial.
    public var trialID: String
    /// The fencing token of the claim.
    public var token: String

    /// Creates a renewal.
    public init(trialID: String, token: String) {
        self.trialID = trialID
        self.token = token
    }
}

/// The body of a batched heartbeat.
public struct HeartbeatBatchRequest: Sendable, Codable, Equatable {
    /// The leases, at most the coordinator's claim cap times the worker's slots (see docs/api.md).
    public var leases: [LeaseRenewal]
    /// Creates a request.
    public init(leases: [LeaseRenewal]) { self.leases = leases }
}

/// The answer to a batched heartbeat: one item per lease, in request order.
public struct HeartbeatBatchResponse: Sendable, Codable, Equatable {
    /// Same meaning as the single heartbeat's answer.
    public var items: [HeartbeatResponse]
    /// Creates a response.
    public init(items: [HeartbeatResponse]) { self.items = items }
}
