import Foundation

/// `POST /v1/trials/claim`: lease up to `count` queued trials.
public struct ClaimRequest: Sendable, Codable, Equatable {
    /// A stable name of the worker (host-pid-slot), recorded with each attempt.
    public var workerID: String
    /// Only claim from this sweep; nil claims from any active sweep.
    public var sweepName: String?
    /// Trials wanted (1 when absent); the coordinator caps it.
    public var count: Int?

    /// Creates a request.
    public init(workerID: String, sweepName: String? = nil, count: Int? = nil) {
        self.workerID = workerID
        self.sweepName = sweepName
        self.count = count
    }
}

/// The answer to a claim: leases granted (possibly none) and the timing the worker must keep.
public struct ClaimResponse: Sendable, Codable, Equatable {
    /// Granted leases, in expansion order; empty when nothing is queued.
    public var claims: [Claim]
    /// Seconds a lease lasts from the claim or the last heartbeat.
    public var leaseSeconds: Double
    /// Seconds between heartbeats the coordinator expects.
    public var heartbeatSeconds: Double
    /// When `claims` is empty: trials still queued or leased (nil when trials were granted).
    public var remaining: Int?

    /// Creates a response.
    public init(claims: [Claim], leaseSeconds: Double, heartbeatSeconds: Double, remaining: Int? = nil) {
        self.claims = claims
        self.leaseSeconds = leaseSeconds
        self.heartbeatSeconds = heartbeatSeconds
        self.remaining = remaining
    }
}

/// `POST /v1/trials/{id}/heartbeat`: renew one lease.
public struct HeartbeatRequest: Sendable, Codable, Equatable {
    /// The fencing token of the claim.
    public var token: String
    /// Creates a request.
    public init(token: String) { self.token = token }
}

/// The answer to a heartbeat: `ok`, `stop` (sweep cancelled: stop and report `cancelled`) or
/// `lost` (the lease expired or was taken over: abandon the trial, report nothing).
public struct HeartbeatResponse: Sendable, Codable, Equatable {
    /// What the worker must do.
    public var status: RenewResult
    /// Seconds the lease now lasts (zero when lost).
    public var leaseSeconds: Double

    /// Creates a response.
    public init(status: RenewResult, leaseSeconds: Double) {
        self.status = status
        self.leaseSeconds = leaseSeconds
    }
}

/// `POST /v1/trials/{id}/release`: hand a lease back without counting the attempt.
public struct ReleaseRequest: Sendable, Codable, Equatable {
    /// The fencing token of the claim.
    public var token: String
    /// Creates a request.
    public init(token: String) { self.token = token }
}

/// The answer to a release.
public struct ReleaseResponse: Sendable, Codable, Equatable {
    /// False when the token was stale (the trial was already requeued or finished).
    public var released: Bool
    /// Creates a response.
    public init(released: Bool) { self.released = released }
}
