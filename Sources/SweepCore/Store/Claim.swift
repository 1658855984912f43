import Foundation

/// A granted lease on one trial: what to run, and the proof of ownership to send back.
public struct Claim: Sendable, Equatable, Codable {
    /// The trial to run.
    public var assignment: TrialAssignment
    /// 1 for the first counted attempt, 2 after one expired lease, …
    public var attempt: Int
    /// The fencing token: renewals and results must carry it; a newer claim makes it stale.
    public var token: String
    /// When the lease runs out unless renewed.
    public var leaseExpiresAt: Date
    /// The worker that holds the lease.
    public var workerID: String

    /// Creates a claim.
    public init(assignment: TrialAssignment, attempt: Int, token: String, leaseExpiresAt: Date, workerID: String) {
        self.assignment = assignment
        self.attempt = attempt
        self.token = token
        self.leaseExpiresAt = leaseExpiresAt
        self.workerID = workerID
    }

    /// The trial identity (shorthand for `assignment.trialID`).
    public var trialID: String { assignment.trialID }
}
