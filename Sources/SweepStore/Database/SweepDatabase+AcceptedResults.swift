// The rows of a batch's accepted results, gathered while each result is checked and written at the
// end of the batch's transaction: trial and attempt updates over `id IN (…)`, multi-row INSERTs of
// outcomes and curve points, and one upsert per worker. The summary triggers fire once per row, as
// they did when each result was written alone.

import GRDB
import SweepCore

extension SweepDatabase {
    /// What a batch's accepted results write, in the order they were accepted.
    struct AcceptedResults {
        /// One accepted result.
        struct Entry {
            var completion: TrialCompletion
            var attemptID: Int64
            var workerID: String
        }

        private(set) var entries: [Entry] = []
        /// The attempts accepted so far in this batch: a second copy of one is a resend.
        private(set) var attemptIDs: Set<Int64> = []

        /// The accepted trials, in order.
        var trialIDs: [String] { entries.map(\.completion.trialID) }

        mutating func add(_ completion: TrialCompletion, attemptID: Int64, workerID: String) {
            entries.append(Entry(completion: completion, attemptID: attemptID, workerID: workerID))
            attemptIDs.insert(attemptID)
        }

        /// Writes every accepted result: trial state, attempt status, outcome, curve, worker counts.
        func write(_ db: Database, now: Double) throws {
            guard !entries.isEmpty else { return }
            try writeTrials(db, now: now)
            try updateRows(
                db, prefix: "UPDATE attempt SET status = 'accepted', endedAt = ?", leading: [now],
                ids: entries.map(\.attemptID))
            try writeOutcomes(db, now: now)
            var points: [(trialID: String, point: LearningCurvePoint)] = []
            for entry in entries {
                for point in entry.completion.result.curve { points.append((entry.completion.trialID, point)) }
            }
            try insertRows(
                db, prefix: "INSERT OR REPLACE INTO curvePoint (trialId, sequences, trainingLoss, testLoss, errorRate)",
                row: "(?, ?, ?, ?, ?)", rows: points,
                values: { [$0.trialID, $0.point.sequences, $0.point.trainingLoss, $0.point.testLoss, $0.point.errorRate] })
            var results: [String: Int] = [:]
            for entry in entries { results[entry.workerID, default: 0] += 1 }
            for (workerID, count) in results.sorted(by: { $0.key < $1.key }) {
                try touchWorker(db, workerID: workerID, now: now, claims: 0, results: count)
            }
        }

        /// A trial ends done, failed (with the reason) or cancelled, by its result's stop reason.
        private func writeTrials(_ db: Database, now: Double) throws {
            var ended: [TrialState: [String]] = [:]
            for entry in entries {
                let result = entry.completion.result
                switch result.stopReason {
                case .error:
                    try db.cachedStatement(sql: """
                        UPDATE trial SET state = 'failed', failureReason = ?, leaseToken = NULL, leaseWorker = NULL,
                            leaseExpiresAt = NULL, updatedAt = ?
                        WHERE id = ?
                        """).execute(arguments: [result.errorMessage ?? "executor error", now, entry.completion.trialID])
                case .cancelled: ended[.cancelled, default: []].append(entry.completion.trialID)
                default: ended[.done, default: []].append(entry.completion.trialID)
                }
            }
            for state in [TrialState.done, .cancelled] {
                guard let ids = ended[state] else { continue }
                try updateRows(
                    db,
                    prefix: """
                        UPDATE trial SET state = ?, failureReason = NULL, leaseToken = NULL, leaseWorker = NULL,
                            leaseExpiresAt = NULL, updatedAt = ?
                        """,
                    leading: [state.rawValue, now], ids: ids)
            }
        }

        private func writeOutcomes(_ db: Database, now: Double) throws {
            let metrics = try entries.map { entry in
                entry.completion.result.metrics.isEmpty ? "{}" : try APICoding.encodeMetrics(entry.completion.result.metrics)
            }
            try insertRows(
                db,
                prefix: """
                    INSERT INTO outcome (trialId, attemptId, success, stopReason, sequences, testWrong, testSize, testMSE,
                        testMeanAbsError, weightCount, steps, wallSeconds, cpuSeconds, stepsPerSecond, precision, method,
                        errorMessage, metrics, version, host, build, workerId, recordedAt)
                    """,
                row: "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows: Array(zip(entries, metrics)),
                values: { entry, metrics in
                    let result = entry.completion.result
                    return [
                        entry.completion.trialID, entry.attemptID, result.success, result.stopReason.rawValue,
                        result.sequences, result.testWrong, result.testSize, result.testMSE, result.testMeanAbsError,
                        result.weightCount, result.steps, result.wallSeconds, result.cpuSeconds, result.stepsPerSecond,
                        result.precision, result.method, result.errorMessage, metrics, result.provenance.version,
                        result.provenance.host, result.provenance.build, entry.workerID, now,
                    ]
                })
        }
    }
}
