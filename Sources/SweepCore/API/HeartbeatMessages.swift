// `POST /v1/trials/heartbeat`: renew many leases in one request and one transaction.

/// One lease to renew.
public struct LeaseRenewal: Sendable, Codable, Equatable, Hashable {
    /// The trial.
    public var trialID: String
    /// The fencing token of the claim.
    public var token: String
    /// How far the trial has come, when it started and its executor tells (absent otherwise): training
    /// sequences so far, and its budget. The coordinator keeps the latest with the attempt.
    public var sequences: Int?, maxSequences: Int?

    /// Creates a renewal.
    public init(trialID: String, token: String, standing: TrialStanding? = nil) {
        self.trialID = trialID
        self.token = token
        sequences = standing?.sequences
        maxSequences = standing?.maxSequences
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
