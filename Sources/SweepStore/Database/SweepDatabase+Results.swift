// Results: accepted exactly once. The lease's fencing token decides: the live token is
// accepted; the same token again is a harmless resend; any other token is a late duplicate,
// kept in the attempt history and never written over the outcome.
//
// A batch is settled in one transaction: each result is checked in order (one lookup of its trial
// and attempt), and the rows of the accepted ones are written together at the end (multi-row
// statements, SweepDatabase+BulkRows.swift). A result's fate within the batch sees the ones before
// it: a second copy of an accepted result is `alreadyAccepted`, another token for its trial a late
// duplicate, exactly as if each had been written before the next was checked.

import Foundation
import GRDB
import SweepCore

extension SweepDatabase {
    /// Records one result (see ``completeTrials(_:now:)``).
    public func completeTrial(_ completion: TrialCompletion, now: Date) async throws -> CompletionResult {
        try await completeTrials([completion], now: now)[0]
    }

    /// Records many results in one transaction; answers in the same order.
    public func completeTrials(_ completions: [TrialCompletion], now: Date) async throws -> [CompletionResult] {
        guard !completions.isEmpty else { return [] }
        let time = now.timeIntervalSince1970
        return try await pool.write { db in
            var accepted = AcceptedResults()
            let answers = try completions.map { try Self.check($0, db: db, now: time, accepted: &accepted) }
            try accepted.write(db, now: time)
            // Follow-up trials and decisions of adaptive searches, in the same transaction.
            for sweep in try Self.sweepNames(ofTrials: accepted.trialIDs, db: db) {
                try Self.advanceSearch(sweepName: sweep, db: db, maxAttempts: policy.maxAttempts, now: time)
            }
            return answers
        }
    }

    /// Decides one result's fate; an accepted one is added to `accepted`, written after the batch's checks.
    private static func check(
        _ completion: TrialCompletion, db: Database, now: Double, accepted: inout AcceptedResults
    ) throws -> CompletionResult {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: """
                    SELECT t.state, t.leaseToken, a.id AS attemptId, a.status, a.workerId
                    FROM trial t LEFT JOIN attempt a ON a.token = ? AND a.trialId = t.id
                    WHERE t.id = ?
                    """),
                arguments: [completion.token, completion.trialID])
        else { throw SweepError(.notFound, "no trial \(completion.trialID)") }
        guard let attemptID: Int64 = row["attemptId"] else {
            throw SweepError(.staleToken, "token \(completion.token) was never issued for trial \(completion.trialID)")
        }
        if row["status"] == "accepted" || accepted.attemptIDs.contains(attemptID) { return .alreadyAccepted }
        // Another token for a trial accepted earlier in the batch fails here too: the trial's lease
        // is still the accepted one's, so its token differs.
        guard row["state"] == "leased", row["leaseToken"] == completion.token else {
            try db.cachedStatement(sql: "UPDATE attempt SET status = 'lateDuplicate', endedAt = ?, result = ? WHERE id = ?")
                .execute(arguments: [now, try json(completion.result), attemptID])
            return .lateDuplicate
        }
        accepted.add(completion, attemptID: attemptID, workerID: row["workerId"])
        return .accepted
    }
}
