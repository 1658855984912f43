import Foundation

/// The claim / lease / result protocol shared by local runs and the HTTP coordinator.
///
/// Every method is async and throwing, and takes the current time as `now:`; implementations never
/// read a clock. None blocks the cooperative pool: SweepDatabase suspends on GRDB's async writer,
/// and InMemoryTrialStore's critical sections are short (its synchronous methods satisfy these
/// async requirements). Leases are fenced: each claim gets a fresh token, and a renewal or result with a stale
/// token is refused (renewal: `.lost`) or recorded only as a late duplicate (result).
public protocol TrialStore: Sendable {
    /// Registers a sweep and its trials.
    ///
    /// Re-submitting the same sweep inserts only trials whose identity is new (more seeds, grid
    /// values or random samples). A different preset, fixed parameters or budget under the same
    /// name throws a `.conflict` error asking for a new sweep name.
    func submit(_ sweep: SweepDefinition, trials: [SweepTrial], now: Date) async throws -> SubmitSummary

    /// Registers several sweeps (the documents of one sweep file), all or nothing: when one of them
    /// is refused, none is registered. Answers in the same order.
    func submit(_ submissions: [SweepSubmission], now: Date) async throws -> [SubmitSummary]

    /// Leases the next queued trial (expansion order) of an active sweep, or returns nil.
    ///
    /// - Parameter sweepName: only claim from this sweep; nil claims from any.
    func claimTrial(workerID: String, now: Date, leaseFor: TimeInterval, sweepName: String?) async throws -> Claim?

    /// Leases up to `count` queued trials (expansion order), ideally in one transaction.
    func claimTrials(workerID: String, now: Date, leaseFor: TimeInterval, sweepName: String?, count: Int) async throws -> [Claim]

    /// Extends a lease; `.stop` when the sweep was cancelled, `.lost` when the token is stale.
    func renewLease(trialID: String, token: String, now: Date, leaseFor: TimeInterval) async throws -> RenewResult

    /// Extends many leases, ideally in one transaction; answers in the same order.
    func renewLeases(_ leases: [LeaseRenewal], now: Date, leaseFor: TimeInterval) async throws -> [RenewResult]

    /// Records one result; accepted exactly once per trial.
    func completeTrial(_ completion: TrialCompletion, now: Date) async throws -> CompletionResult

    /// Records many results in one transaction; answers in the same order.
    func completeTrials(_ completions: [TrialCompletion], now: Date) async throws -> [CompletionResult]

    /// Hands a lease back without counting the attempt (graceful shutdown). False if the token is stale.
    func releaseLease(trialID: String, token: String, now: Date) async throws -> Bool

    /// Requeues trials whose lease expired before `now`, or fails them after the last attempt.
    func reapExpiredLeases(now: Date) async throws -> ReapSummary

    /// Counts trials by state, for one sweep or (nil) all.
    func statusCounts(sweepName: String?) async throws -> StatusCounts

    /// Trials still queued or leased, for one sweep or (nil) all: what an empty claim answers.
    ///
    /// The default sums ``statusCounts(sweepName:)``; a store can count only the unfinished trials,
    /// which an idle worker's claim asks for again and again at the end of a sweep.
    func unfinishedCount(sweepName: String?) async throws -> Int

    /// Cancels a sweep: queued trials become cancelled, leased ones get `.stop` on their next renewal.
    /// Returns the number of trials cancelled now.
    func cancelSweep(named name: String, now: Date) async throws -> Int
}

extension TrialStore {
    /// Leases up to `count` trials one claim at a time (stores without a batched claim).
    public func claimTrials(workerID: String, now: Date, leaseFor: TimeInterval, sweepName: String?, count: Int) async throws -> [Claim] {
        var claims: [Claim] = []
        while claims.count < max(1, count),
            let claim = try await claimTrial(workerID: workerID, now: now, leaseFor: leaseFor, sweepName: sweepName)
        {
            claims.append(claim)
        }
        return claims
    }

    /// Leases the next queued trial of any active sweep.
    public func claimTrial(workerID: String, now: Date, leaseFor: TimeInterval) async throws -> Claim? {
        try await claimTrial(workerID: workerID, now: now, leaseFor: leaseFor, sweepName: nil)
    }

    /// Trials queued or leased, from ``statusCounts(sweepName:)``.
    public func unfinishedCount(sweepName: String?) async throws -> Int {
        let counts = try await statusCounts(sweepName: sweepName)
        return counts[.queued] + counts[.leased]
    }

    /// Renews leases one at a time (stores without a batched renewal).
    public func renewLeases(_ leases: [LeaseRenewal], now: Date, leaseFor: TimeInterval) async throws -> [RenewResult] {
        var answers: [RenewResult] = []
        for lease in leases {
            answers.append(try await renewLease(trialID: lease.trialID, token: lease.token, now: now, leaseFor: leaseFor))
        }
        return answers
    }
}
