// Claims, renewals, releases and the reaper. A claim is one UPDATE … RETURNING on the single
// writer, so two claimers can never lease the same trial.

import Foundation
import GRDB
import SweepCore

extension SweepDatabase {
    /// Leases the first queued trial (expansion order) of an active sweep, or returns nil.
    public func claimTrial(workerID: String, now: Date, leaseFor: TimeInterval, sweepName: String?) async throws -> Claim? {
        try await claimTrials(workerID: workerID, now: now, leaseFor: leaseFor, sweepName: sweepName, count: 1).first
    }

    /// Leases up to `count` queued trials (expansion order) in one write transaction; each gets
    /// its own fencing token and attempt row.
    public func claimTrials(workerID: String, now: Date, leaseFor: TimeInterval, sweepName: String?, count: Int) async throws -> [Claim] {
        let time = now.timeIntervalSince1970
        return try await pool.write { db -> [Claim] in
            var claims: [Claim] = []
            var terms = ClaimTerms()
            while claims.count < max(1, count),
                let claim = try Self.claimOne(
                    db, workerID: workerID, now: time, leaseFor: leaseFor, sweepName: sweepName, terms: &terms)
            {
                claims.append(claim)
            }
            guard !claims.isEmpty else { return [] }
            // The attempt rows, one multi-row INSERT for the claim (nothing reads them before it commits).
            try Self.insertRows(
                db, prefix: "INSERT INTO attempt (trialId, number, token, workerId, claimedAt, expiresAt, status)",
                row: "(?, ?, ?, ?, ?, ?, 'running')", rows: claims,
                values: { [$0.assignment.trialID, $0.attempt, $0.token, workerID, time, time + leaseFor] })
            try Self.touchWorker(db, workerID: workerID, now: time, claims: claims.count, results: 0)
            return claims
        }
    }

    /// What a claim copies from its sweep into each assignment, read once per claim transaction.
    private struct SweepTerms {
        var preset: String
        var budget: Budget
    }

    /// A claim transaction's decoded sweeps and parameter sets: many trials of a sweep share both.
    private struct ClaimTerms {
        var sweeps: [String: SweepTerms] = [:]
        var parameters: [String: [String: ParameterValue]] = [:]
    }

    private static func claimOne(
        _ db: Database, workerID: String, now time: Double, leaseFor: TimeInterval, sweepName: String?,
        terms claimTerms: inout ClaimTerms
    ) throws -> Claim? {
        let expires = time + leaseFor
        let token = UUID().uuidString.lowercased()
        let sweepFilter = sweepName == nil ? "" : "AND t.sweepName = :sweep"
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        UPDATE trial SET state = 'leased', attempt = attempt + 1, leaseToken = :token,
                            leaseWorker = :worker, leaseExpiresAt = :expires, updatedAt = :now
                        WHERE id = (
                            SELECT t.id FROM trial t JOIN sweep s ON s.name = t.sweepName
                            WHERE t.state = 'queued' AND s.state = 'active' \(sweepFilter)
                                AND NOT EXISTS (SELECT 1 FROM submissionInProgress p WHERE p.sweepName = s.name)
                            ORDER BY t.ordinal, t.rowid LIMIT 1)
                        RETURNING id, sweepName, params, seed, attempt
                        """),
                arguments: ["token": token, "worker": workerID, "expires": expires, "now": time, "sweep": sweepName])
        else { return nil }
        let trialID: String = row["id"]
        let attempt: Int = row["attempt"]
        let sweep: String = row["sweepName"]
        let terms: SweepTerms
        if let known = claimTerms.sweeps[sweep] {
            terms = known
        } else {
            guard
                let sweepRow = try Row.fetchOne(
                    db.cachedStatement(sql: "SELECT preset, budget FROM sweep WHERE name = ?"), arguments: [sweep])
            else { throw SweepError(.notFound, "sweep '\(sweep)' of trial \(trialID) is missing") }
            terms = SweepTerms(preset: sweepRow["preset"], budget: try decodeBudget(sweepRow["budget"]))
            claimTerms.sweeps[sweep] = terms
        }
        let paramsJSON: String = row["params"]
        let parameters: [String: ParameterValue]
        if let known = claimTerms.parameters[paramsJSON] {
            parameters = known
        } else {
            parameters = try decodeParameters(paramsJSON)
            claimTerms.parameters[paramsJSON] = parameters
        }
        let seed: Int64 = row["seed"]
        let assignment = TrialAssignment(
            trialID: trialID, sweepName: sweep, preset: terms.preset,
            parameters: parameters, seed: UInt64(bitPattern: seed),
            budget: terms.budget)
        return Claim(
            assignment: assignment, attempt: attempt, token: token,
            leaseExpiresAt: Date(timeIntervalSince1970: expires), workerID: workerID)
    }

    /// Extends a live lease: one whose token is the trial's current one. A lease that ran out but was
    /// not reaped yet is still live (its result would be accepted too), so a worker that was stopped
    /// or starved past its deadline keeps its trial when no one else has taken it; once reaped, `.lost`.
    public func renewLease(trialID: String, token: String, now: Date, leaseFor: TimeInterval) async throws -> RenewResult {
        try await renewLeases([LeaseRenewal(trialID: trialID, token: token)], now: now, leaseFor: leaseFor)[0]
    }

    /// Extends many leases in one write transaction, each as ``renewLease(trialID:token:now:leaseFor:)``.
    public func renewLeases(_ leases: [LeaseRenewal], now: Date, leaseFor: TimeInterval) async throws -> [RenewResult] {
        let time = now.timeIntervalSince1970
        return try await pool.write { db in
            try leases.map { lease in try Self.renew(db, lease, time: time, leaseFor: leaseFor) }
        }
    }

    private static func renew(_ db: Database, _ lease: LeaseRenewal, time: Double, leaseFor: TimeInterval) throws -> RenewResult {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT t.state, t.leaseToken, s.state AS sweepState
                        FROM trial t JOIN sweep s ON s.name = t.sweepName WHERE t.id = ?
                        """),
                arguments: [lease.trialID])
        else { return .lost }
        guard row["state"] == "leased", row["leaseToken"] == lease.token else { return .lost }
        try db.cachedStatement(sql: "UPDATE trial SET leaseExpiresAt = ?, updatedAt = ? WHERE id = ?")
            .execute(arguments: [time + leaseFor, time, lease.trialID])
        try db.cachedStatement(
            sql: """
                UPDATE attempt SET heartbeatAt = ?, expiresAt = ?, sequences = COALESCE(?, sequences),
                    maxSequences = COALESCE(?, maxSequences)
                WHERE token = ?
                """
        ).execute(arguments: [time, time + leaseFor, lease.sequences, lease.maxSequences, lease.token])
        return row["sweepState"] == "cancelled" ? .stop : .ok
    }

    /// Hands a lease back: the trial is queued again and the attempt is not counted.
    public func releaseLease(trialID: String, token: String, now: Date) async throws -> Bool {
        let time = now.timeIntervalSince1970
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE trial SET
                        state = CASE WHEN (SELECT state FROM sweep WHERE name = trial.sweepName) = 'cancelled'
                                     THEN 'cancelled' ELSE 'queued' END,
                        attempt = attempt - 1, leaseToken = NULL, leaseWorker = NULL, leaseExpiresAt = NULL,
                        updatedAt = ?
                    WHERE id = ? AND state = 'leased' AND leaseToken = ?
                    """,
                arguments: [time, trialID, token])
            guard db.changesCount == 1 else { return false }
            try db.execute(
                sql: "UPDATE attempt SET status = 'released', endedAt = ? WHERE token = ?", arguments: [time, token])
            return true
        }
    }

    /// Requeues expired leases (the next claim counts attempt + 1), fails trials that used their
    /// last attempt, with the reason, and cancels those of cancelled sweeps.
    public func reapExpiredLeases(now: Date) async throws -> ReapSummary {
        let time = now.timeIntervalSince1970
        return try await pool.write { db in
            try db.execute(
                sql: """
                    UPDATE attempt SET status = 'expired', endedAt = :now
                    WHERE token IN (SELECT leaseToken FROM trial WHERE state = 'leased' AND leaseExpiresAt < :now)
                    """,
                arguments: ["now": time])
            try db.execute(
                sql: """
                    UPDATE trial SET state = 'failed',
                        failureReason = 'lease expired on attempt ' || attempt || ' of ' || maxAttempts
                            || ' (worker ' || leaseWorker || ')',
                        leaseToken = NULL, leaseWorker = NULL, leaseExpiresAt = NULL, updatedAt = :now
                    WHERE state = 'leased' AND leaseExpiresAt < :now AND attempt >= maxAttempts
                    """,
                arguments: ["now": time])
            let failed = db.changesCount
            try db.execute(
                sql: """
                    UPDATE trial SET state = 'cancelled',
                        leaseToken = NULL, leaseWorker = NULL, leaseExpiresAt = NULL, updatedAt = :now
                    WHERE state = 'leased' AND leaseExpiresAt < :now
                        AND (SELECT state FROM sweep WHERE name = trial.sweepName) = 'cancelled'
                    """,
                arguments: ["now": time])
            let cancelled = db.changesCount
            try db.execute(
                sql: """
                    UPDATE trial SET state = 'queued',
                        leaseToken = NULL, leaseWorker = NULL, leaseExpiresAt = NULL, updatedAt = :now
                    WHERE state = 'leased' AND leaseExpiresAt < :now
                    """,
                arguments: ["now": time])
            let requeued = db.changesCount
            if failed > 0 {
                // A failed trial is an outcome too: searches move on from it.
                for sweep in try String.fetchAll(db, sql: "SELECT sweepName FROM search ORDER BY sweepName") {
                    try Self.advanceSearch(sweepName: sweep, db: db, maxAttempts: policy.maxAttempts, now: time)
                }
            }
            return ReapSummary(requeued: requeued, failed: failed, cancelled: cancelled)
        }
    }

    static func touchWorker(_ db: Database, workerID: String, now: Double, claims: Int, results: Int) throws {
        try db.cachedStatement(sql: """
            INSERT INTO worker (id, firstSeenAt, lastSeenAt, claims, results) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET lastSeenAt = excluded.lastSeenAt,
                claims = claims + excluded.claims, results = results + excluded.results
            """).execute(arguments: [workerID, now, now, claims, results])
    }
}
