// A store's answers in the API's own terms, shared by the coordinator's routes and StoreChannel, so a
// remote worker and a local run get the same replies to a claim and to a heartbeat.

import Foundation

extension TrialStore {
    /// Leases up to `request.count` trials (at least 1, at most `maxClaimCount`) in one transaction and
    /// answers with the lease timing of `policy`; an empty answer carries the trials still queued or
    /// leased in the requested sweep (or all).
    public func answerClaim(
        _ request: ClaimRequest, policy: LeasePolicy, maxClaimCount: Int, now: Date
    ) async throws -> ClaimResponse {
        let wanted = min(max(request.count ?? 1, 1), maxClaimCount)
        let claims = try await claimTrials(
            workerID: request.workerID, now: now, leaseFor: policy.leaseDuration, sweepName: request.sweepName, count: wanted)
        var remaining: Int?
        if claims.isEmpty {
            remaining = try await unfinishedCount(sweepName: request.sweepName)
        }
        return ClaimResponse(
            claims: claims, leaseSeconds: policy.leaseDuration, heartbeatSeconds: policy.heartbeatInterval,
            remaining: remaining)
    }

    /// Renews `leases` in one transaction; each answer says how long its lease now lasts (0 when lost).
    public func answerRenewals(_ leases: [LeaseRenewal], leaseFor: TimeInterval, now: Date) async throws -> [HeartbeatResponse] {
        try await renewLeases(leases, now: now, leaseFor: leaseFor).map { status in
            HeartbeatResponse(status: status, leaseSeconds: status == .lost ? 0 : leaseFor)
        }
    }
}
