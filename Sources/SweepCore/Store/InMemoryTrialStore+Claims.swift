// Claims, renewals, releases and the reaper of the in-memory store, mirroring
// SweepDatabase+Claims.swift rule for rule: claims in (ordinal, insertion) order from active sweeps,
// a fresh fencing token per claim, renewals refused once the lease has run out (even unreaped), and
// expired leases requeued or, after the last attempt, failed.

import Foundation

extension InMemoryTrialStore {
    /// Leases the first queued trial (expansion order) of an active sweep, or returns nil.
    public func claimTrial(workerID: String, now: Date, leaseFor: TimeInterval, sweepName: String?) throws -> Claim? {
        try claimTrials(workerID: workerID, now: now, leaseFor: leaseFor, sweepName: sweepName, count: 1).first
    }

    /// Leases up to `count` queued trials (expansion order) under one lock; each gets its own
    /// fencing token and attempt. A `count` below 1 claims one, as SweepDatabase does.
    public func claimTrials(
        workerID: String, now: Date, leaseFor: TimeInterval, sweepName: String?, count: Int
    ) throws -> [Claim] {
        let time = now.timeIntervalSince1970
        return withState { state in
            var claims: [Claim] = []
            while claims.count < max(1, count),
                let claim = Self.claimOne(&state, workerID: workerID, now: time, leaseFor: leaseFor, sweepName: sweepName)
            {
                claims.append(claim)
            }
            return claims
        }
    }

    /// Leases the queued trial of an active sweep with the smallest (ordinal, insertion position).
    private static func claimOne(
        _ state: inout State, workerID: String, now time: Double, leaseFor: TimeInterval, sweepName: String?
    ) -> Claim? {
        // Trials are in insertion order, so the first smallest ordinal found wins ties, like ORDER BY
        // ordinal, rowid.
        var next: Int?
        for (index, trial) in state.trials.enumerated() where trial.state == .queued {
            guard sweepName == nil || trial.sweepName == sweepName,
                state.sweeps[trial.sweepName]?.isCancelled == false
            else { continue }
            if let best = next, state.trials[best].ordinal <= trial.ordinal { continue }
            next = index
        }
        guard let index = next, let sweep = state.sweeps[state.trials[index].sweepName] else { return nil }
        let expires = time + leaseFor
        let token = UUID().uuidString.lowercased()
        state.trials[index].state = .leased
        state.trials[index].attempt += 1
        state.trials[index].leaseToken = token
        state.trials[index].leaseWorker = workerID
        state.trials[index].leaseExpiresAt = expires
        let trial = state.trials[index]
        state.attemptIndex[token] = state.attempts.count
        state.attempts.append(AttemptEntry(trialID: trial.id, number: trial.attempt, token: token, workerID: workerID))
        let assignment = TrialAssignment(
            trialID: trial.id, sweepName: trial.sweepName, preset: sweep.preset, parameters: trial.parameters,
            seed: trial.seed, budget: sweep.budget)
        return Claim(
            assignment: assignment, attempt: trial.attempt, token: token,
            leaseExpiresAt: Date(timeIntervalSince1970: expires), workerID: workerID)
    }

    /// Extends a live lease: `.ok`, or `.stop` when its sweep was cancelled (the lease is extended
    /// all the same). A lease that ran out but was not reaped yet is still live, as its result would
    /// be. An unknown trial, a stale token or a reaped lease is `.lost`.
    public func renewLease(trialID: String, token: String, now: Date, leaseFor: TimeInterval) throws -> RenewResult {
        try renewLeases([LeaseRenewal(trialID: trialID, token: token)], now: now, leaseFor: leaseFor)[0]
    }

    /// Extends many leases under one lock, each as ``renewLease(trialID:token:now:leaseFor:)`` would.
    public func renewLeases(_ leases: [LeaseRenewal], now: Date, leaseFor: TimeInterval) throws -> [RenewResult] {
        let time = now.timeIntervalSince1970
        return withState { state in
            leases.map { lease -> RenewResult in
                guard let index = state.trialIndex[lease.trialID] else { return .lost }
                let trial = state.trials[index]
                guard trial.state == .leased, trial.leaseToken == lease.token else { return .lost }
                state.trials[index].leaseExpiresAt = time + leaseFor
                return state.sweeps[trial.sweepName]?.isCancelled == true ? .stop : .ok
            }
        }
    }

    /// Hands a lease back: the trial is queued again (cancelled, if its sweep was) and the attempt
    /// is not counted. False when the token is not the trial's current lease.
    public func releaseLease(trialID: String, token: String, now: Date) throws -> Bool {
        withState { state in
            guard let index = state.trialIndex[trialID], state.trials[index].state == .leased,
                state.trials[index].leaseToken == token
            else { return false }
            let cancelled = state.sweeps[state.trials[index].sweepName]?.isCancelled == true
            state.trials[index].state = cancelled ? .cancelled : .queued
            state.trials[index].attempt -= 1
            Self.clearLease(&state.trials[index])
            if let attempt = state.attemptIndex[token] { state.attempts[attempt].status = .released }
            return true
        }
    }

    /// Takes back every lease that expired strictly before `now`: the trial fails if that was its
    /// last attempt, and otherwise is queued again (or cancelled, if its sweep was).
    public func reapExpiredLeases(now: Date) throws -> ReapSummary {
        let time = now.timeIntervalSince1970
        return try withState { state in
            var summary = ReapSummary()
            var failedSweeps: Set<String> = []
            for index in state.trials.indices {
                let trial = state.trials[index]
                guard trial.state == .leased, let expiresAt = trial.leaseExpiresAt, expiresAt < time else { continue }
                if let token = trial.leaseToken, let attempt = state.attemptIndex[token] {
                    state.attempts[attempt].status = .expired
                }
                if trial.attempt >= trial.maxAttempts {
                    state.trials[index].state = .failed
                    state.trials[index].failureReason =
                        "lease expired on attempt \(trial.attempt) of \(trial.maxAttempts) (worker \(trial.leaseWorker ?? ""))"
                    summary.failed += 1
                    failedSweeps.insert(trial.sweepName)
                } else {
                    if state.sweeps[trial.sweepName]?.isCancelled == true {
                        state.trials[index].state = .cancelled
                        summary.cancelled += 1
                    } else {
                        state.trials[index].state = .queued
                        summary.requeued += 1
                    }
                }
                Self.clearLease(&state.trials[index])
            }
            // A failed trial is an outcome too: searches move on from it.
            for sweep in failedSweeps.sorted() { try advanceSearch(sweepName: sweep, state: &state) }
            return summary
        }
    }

    static func clearLease(_ trial: inout TrialEntry) {
        trial.leaseToken = nil
        trial.leaseWorker = nil
        trial.leaseExpiresAt = nil
    }
}
