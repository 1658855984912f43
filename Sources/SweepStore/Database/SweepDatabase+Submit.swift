import Foundation
import GRDB
import SweepCore

extension SweepDatabase {
    /// Registers `sweep` and inserts the trials whose identity is new, in one transaction.
    ///
    /// Throws `.conflict` when a sweep of the same name exists with another preset, other fixed
    /// parameters or another budget, or was cancelled (its trials could never be claimed again).
    public func submit(_ sweep: SweepDefinition, trials: [TrialSpec], now: Date) async throws -> SubmitSummary {
        try await submit([SweepSubmission(sweep, trials: trials)], now: now)[0]
    }

    /// Registers several sweeps in one transaction, each with its search plan and the search's
    /// initial step when it has a `search:` section: a refusal of any rolls all of them back.
    public func submit(_ submissions: [SweepSubmission], now: Date) async throws -> [SubmitSummary] {
        let time = now.timeIntervalSince1970
        let budgets = try submissions.map { try Self.json($0.sweep.budget) }
        return try await pool.write { db in
            try zip(submissions, budgets).map { submission, budget in
                try insert(submission.sweep, trials: submission.trials, budget: budget, time: time, db)
            }
        }
    }

    private func insert(
        _ sweep: SweepDefinition, trials: [TrialSpec], budget: String, time: Double, _ db: Database
    ) throws -> SubmitSummary {
        var created = false
        if let existing = try Row.fetchOne(db, sql: "SELECT fingerprint, state FROM sweep WHERE name = ?", arguments: [sweep.name]) {
            guard existing["fingerprint"] == sweep.fingerprint else {
                throw SweepError(
                    .conflict,
                    "sweep '\(sweep.name)' already exists in this database with a different preset, fixed "
                        + "parameters or budget; give the changed sweep a new name")
            }
            guard existing["state"] != "cancelled" else { throw SweepError.cancelledSweep(sweep.name) }
        } else {
            try db.execute(
                sql: """
                    INSERT INTO sweep (name, preset, fingerprint, budget, state, createdAt, updatedAt)
                    VALUES (?, ?, ?, ?, 'active', ?, ?)
                    """,
                arguments: [sweep.name, sweep.preset, sweep.fingerprint, budget, time, time])
            if let plan = sweep.searchPlan {
                try db.execute(
                    sql: "INSERT INTO search (sweepName, kind, parameter, plan, createdAt) VALUES (?, ?, ?, ?, ?)",
                    arguments: [sweep.name, plan.search.kind, plan.search.parameter, plan.json, time])
            }
            created = true
        }
        let insert = try db.cachedStatement(sql: """
            INSERT INTO trial (id, sweepName, ordinal, params, seed, maxAttempts, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """)
        var inserted = 0
        for trial in trials {
            guard trial.sweepName == sweep.name else {
                throw SweepError(.invalidSweep, "trial \(trial.id) belongs to sweep '\(trial.sweepName)', not '\(sweep.name)'")
            }
            try insert.execute(arguments: [
                trial.id, trial.sweepName, trial.ordinal, trial.configuration, Int64(bitPattern: trial.seed),
                policy.maxAttempts, time, time,
            ])
            inserted += db.changesCount
        }
        // The search's initial step (or its catch-up on a resubmit), in the same transaction.
        try Self.advanceSearch(sweepName: sweep.name, db: db, maxAttempts: policy.maxAttempts, now: time)
        return SubmitSummary(createdSweep: created, insertedTrials: inserted, existingTrials: trials.count - inserted)
    }

    /// Cancels a sweep: its queued trials become cancelled and its leased ones are told to stop.
    public func cancelSweep(named name: String, now: Date) async throws -> Int {
        let time = now.timeIntervalSince1970
        return try await pool.write { db in
            try db.execute(sql: "UPDATE sweep SET state = 'cancelled', updatedAt = ? WHERE name = ?", arguments: [time, name])
            guard db.changesCount > 0 else { throw SweepError(.notFound, "no sweep named '\(name)'") }
            try db.execute(
                sql: "UPDATE trial SET state = 'cancelled', updatedAt = ? WHERE sweepName = ? AND state = 'queued'",
                arguments: [time, name])
            return db.changesCount
        }
    }

    /// Counts trials by state, for one sweep or all.
    public func statusCounts(sweepName: String?) async throws -> StatusCounts {
        try await pool.read { db in try Self.statusCounts(db, sweepName: sweepName) }
    }

    static func statusCounts(_ db: Database, sweepName: String?) throws -> StatusCounts {
        let filter = sweepName == nil ? "" : "WHERE t.sweepName = ?"
        let arguments: StatementArguments = sweepName.map { [$0] } ?? []
        var counts = StatusCounts()
        for row in try Row.fetchAll(db, sql: "SELECT t.state, COUNT(*) FROM trial t \(filter) GROUP BY t.state", arguments: arguments) {
            if let state = TrialState(rawValue: row[0]) { counts.byState[state] = row[1] }
        }
        counts.successes = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM trial t JOIN outcome o ON o.trialId = t.id \(filter.isEmpty ? "WHERE" : filter + " AND") o.success = 1",
            arguments: arguments) ?? 0
        return counts
    }
}
