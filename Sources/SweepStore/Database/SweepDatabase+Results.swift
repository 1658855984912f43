// Results: accepted exactly once. The lease's fencing token decides: the live token is
// accepted; the same token again is a harmless resend; any other token is a late duplicate,
// kept in the attempt history and never written over the outcome.

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
            let answers = try completions.map { try Self.complete($0, db: db, now: time) }
            // Follow-up trials and decisions of adaptive searches, in the same transaction.
            let accepted = zip(completions, answers).filter { $1 == .accepted }.map(\.0.trialID)
            for sweep in try Self.sweepNames(ofTrials: accepted, db: db) {
                try Self.advanceSearch(sweepName: sweep, db: db, maxAttempts: policy.maxAttempts, now: time)
            }
            return answers
        }
    }

    private static func complete(_ completion: TrialCompletion, db: Database, now: Double) throws -> CompletionResult {
        guard
            let trial = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT state, leaseToken FROM trial WHERE id = ?"),
                arguments: [completion.trialID])
        else { throw SweepError(.notFound, "no trial \(completion.trialID)") }
        guard
            let attempt = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, status, workerId FROM attempt WHERE token = ? AND trialId = ?"),
                arguments: [completion.token, completion.trialID])
        else {
            throw SweepError(.staleToken, "token \(completion.token) was never issued for trial \(completion.trialID)")
        }
        if attempt["status"] == "accepted" { return .alreadyAccepted }
        guard trial["state"] == "leased", trial["leaseToken"] == completion.token else {
            try db.cachedStatement(sql: "UPDATE attempt SET status = 'lateDuplicate', endedAt = ?, result = ? WHERE id = ?")
                .execute(arguments: [now, try json(completion.result), attempt["id"]])
            return .lateDuplicate
        }
        let result = completion.result
        let workerID: String = attempt["workerId"]
        let state: TrialState =
            switch result.stopReason {
            case .error: .failed
            case .cancelled: .cancelled
            default: .done
            }
        try db.cachedStatement(sql: """
            UPDATE trial SET state = ?, failureReason = ?, leaseToken = NULL, leaseWorker = NULL,
                leaseExpiresAt = NULL, updatedAt = ?
            WHERE id = ?
            """).execute(arguments: [
                state.rawValue, state == .failed ? (result.errorMessage ?? "executor error") : nil, now,
                completion.trialID,
            ])
        try db.cachedStatement(sql: "UPDATE attempt SET status = 'accepted', endedAt = ? WHERE id = ?")
            .execute(arguments: [now, attempt["id"]])
        try insertOutcome(result, trialID: completion.trialID, attemptID: attempt["id"], workerID: workerID, db: db, now: now)
        try touchWorker(db, workerID: workerID, now: now, claims: 0, results: 1)
        return .accepted
    }

    private static func insertOutcome(
        _ result: TrialResult, trialID: String, attemptID: Int64, workerID: String, db: Database, now: Double
    ) throws {
        let metrics = result.metrics.isEmpty ? "{}" : try json(result.metrics)
        let values: [(any DatabaseValueConvertible)?] = [
            trialID, attemptID, result.success, result.stopReason.rawValue, result.sequences,
            result.testWrong, result.testSize, result.testMSE, result.testMeanAbsError, result.weightCount,
            result.steps, result.wallSeconds, result.cpuSeconds, result.stepsPerSecond, result.precision,
            result.method, result.errorMessage, metrics, result.provenance.version, result.provenance.host,
            result.provenance.build, workerID, now,
        ]
        try db.cachedStatement(sql: """
            INSERT INTO outcome (trialId, attemptId, success, stopReason, sequences, testWrong, testSize, testMSE,
                testMeanAbsError, weightCount, steps, wallSeconds, cpuSeconds, stepsPerSecond, precision, method,
                errorMessage, metrics, version, host, build, workerId, recordedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: StatementArguments(values))
        guard !result.curve.isEmpty else { return }
        let point = try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO curvePoint (trialId, sequences, trainingLoss, testLoss, errorRate)
            VALUES (?, ?, ?, ?, ?)
            """)
        for sample in result.curve {
            try point.execute(arguments: [trialID, sample.sequences, sample.trainingLoss, sample.testLoss, sample.errorRate])
        }
    }
}
