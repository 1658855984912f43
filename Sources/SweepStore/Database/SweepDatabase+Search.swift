// Adaptive searches (docs/searches.md): after each batch of results, and after the reaper fails a
// trial, the sweep's SearchPlan is replayed over every finished trial of the sweep, inside the same
// transaction. Follow-up trials are inserted (identities already present are left alone), trials
// the decisions no longer need are cancelled while still queued, and new decisions are recorded
// once per (configuration, step). Replaying is idempotent, so a restart needs no catching up.

import Foundation
import GRDB
import SweepCore

extension SweepDatabase {
    /// The sweeps with a search among the sweeps of `trialIDs`.
    static func sweepNames(ofTrials trialIDs: [String], db: Database) throws -> [String] {
        guard !trialIDs.isEmpty else { return [] }
        // Most stores hold no search: one cached probe instead of preparing an IN list of the batch.
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM search)")) == true else { return [] }
        let marks = Array(repeating: "?", count: trialIDs.count).joined(separator: ",")
        return try String.fetchAll(
            db,
            sql: """
                SELECT DISTINCT t.sweepName FROM trial t JOIN search s ON s.sweepName = t.sweepName
                WHERE t.id IN (\(marks)) ORDER BY t.sweepName
                """,
            arguments: StatementArguments(trialIDs))
    }

    /// Applies the search's progress for `sweepName`; nothing for sweeps without a search or cancelled ones.
    static func advanceSearch(sweepName: String, db: Database, maxAttempts: Int, now: Double) throws {
        guard
            let row = try Row.fetchOne(
                db,
                sql: "SELECT s.plan, w.state FROM search s JOIN sweep w ON w.name = s.sweepName WHERE s.sweepName = ?",
                arguments: [sweepName]),
            row["state"] == "active"
        else { return }
        let plan = try SearchPlan.decode(json: row["plan"])
        let progress = plan.progress(observations: try observations(sweepName: sweepName, db: db))
        let insert = try db.cachedStatement(sql: """
            INSERT INTO trial (id, sweepName, ordinal, params, seed, maxAttempts, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """)
        for trial in progress.trials {
            try insert.execute(arguments: [
                trial.id, trial.sweepName, trial.ordinal, trial.configuration, Int64(bitPattern: trial.seed), maxAttempts,
                now, now,
            ])
        }
        let cancel = try db.cachedStatement(
            sql: "UPDATE trial SET state = 'cancelled', updatedAt = ? WHERE id = ? AND state = 'queued'")
        for id in progress.cancellations { try cancel.execute(arguments: [now, id]) }
        let record = try db.cachedStatement(sql: """
            INSERT INTO searchDecision (sweepName, configuration, step, kind, value, trials, successes, score, detail,
                recordedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (sweepName, configuration, step) DO NOTHING
            """)
        for decision in progress.decisions {
            let score = decision.score.flatMap { $0.isFinite ? $0 : nil }
            try record.execute(arguments: [
                sweepName, decision.configuration, decision.step, decision.kind.rawValue, decision.value, decision.trials,
                decision.successes, score, decision.detail, now,
            ])
        }
    }

    /// What the search sees of every finished (done or failed) trial of a sweep, by identity.
    static func observations(sweepName: String, db: Database) throws -> [String: SearchObservation] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT t.id, o.success, o.sequences,
                    (SELECT c.trainingLoss FROM curvePoint c WHERE c.trialId = t.id
                        ORDER BY c.sequences DESC LIMIT 1) AS finalLoss,
                    (SELECT MIN(c.trainingLoss) FROM curvePoint c WHERE c.trialId = t.id) AS minimumLoss
                FROM trial t LEFT JOIN outcome o ON o.trialId = t.id
                WHERE t.sweepName = ? AND t.state IN ('done', 'failed')
                """,
            arguments: [sweepName])
        var observations: [String: SearchObservation] = [:]
        while let row = try rows.next() {
            observations[row["id"]] = SearchObservation(
                success: (row["success"] as Int?) == 1, sequences: row["sequences"] ?? 0, finalLoss: row["finalLoss"],
                minimumLoss: row["minimumLoss"])
        }
        return observations
    }
}
