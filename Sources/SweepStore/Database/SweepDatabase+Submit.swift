import Foundation
import GRDB
import SweepCore

extension SweepDatabase {
    /// Registers `sweep` and inserts the trials whose identity is new, in one transaction.
    ///
    /// Throws `.conflict` when a sweep of the same name exists with another preset, other fixed
    /// parameters or another budget, or was cancelled (its trials could never be claimed again).
    public func submit(_ sweep: SweepDefinition, trials: [SweepTrial], now: Date) async throws -> SubmitSummary {
        try await submit([SweepSubmission(sweep, trials: trials)], now: now)[0]
    }

    /// Trials inserted per write transaction of a submit: a big sweep never holds the single writer
    /// for long, so claims, heartbeats and results of other sweeps go on while it is inserted.
    static let submitChunk = 10_000

    /// Registers several sweeps, each with its search plan and the search's initial step.
    ///
    /// All or none: every check (fingerprints, cancelled sweeps, trials of the right sweep) happens in
    /// the first transaction, before any trial is written, so a refusal of one sweep registers none.
    /// The trials then stream in transactions of ``submitChunk``; meanwhile `submissionInProgress`
    /// keeps the sweeps unclaimable. The last transaction takes the searches' first steps and opens
    /// the sweeps. After a crash mid-way the sweeps stay closed until the same submit is repeated
    /// (`run` always repeats it; a coordinator's client retries), which inserts only what is missing.
    public func submit(_ submissions: [SweepSubmission], now: Date) async throws -> [SubmitSummary] {
        let time = now.timeIntervalSince1970
        let budgets = try submissions.map { try Self.json($0.sweep.budget) }
        for submission in submissions {
            let sweep = submission.sweep
            if let stranger = submission.trials.first(where: { $0.sweepName != sweep.name }) {
                throw SweepError(.invalidSweep, "trial \(stranger.id) belongs to sweep '\(stranger.sweepName)', not '\(sweep.name)'")
            }
        }
        let created = try await pool.write { db in
            try zip(submissions, budgets).map { submission, budget in
                try Self.open(submission.sweep, budget: budget, time: time, db)
            }
        }
        var inserted = Array(repeating: 0, count: submissions.count)
        for (index, submission) in submissions.enumerated() {
            for start in stride(from: 0, to: submission.trials.count, by: Self.submitChunk) {
                let chunk = submission.trials[start..<min(start + Self.submitChunk, submission.trials.count)]
                inserted[index] += try await pool.write { db in try self.insert(chunk, time: time, db) }
            }
        }
        let names = submissions.map(\.sweep.name)
        try await pool.write { db in
            for name in names {
                // The search's initial step (or its catch-up on a resubmit), then the sweep opens.
                try Self.advanceSearch(sweepName: name, db: db, maxAttempts: self.policy.maxAttempts, now: time)
                try db.execute(sql: "DELETE FROM submissionInProgress WHERE sweepName = ?", arguments: [name])
            }
        }
        return submissions.indices.map { index in
            SubmitSummary(
                createdSweep: created[index], insertedTrials: inserted[index],
                existingTrials: submissions[index].trials.count - inserted[index])
        }
    }

    /// Checks a sweep against the one of the same name, creates it (with its search plan) when new,
    /// and closes it to claims until its trials are in. Returns whether it was created.
    private static func open(_ sweep: SweepDefinition, budget: String, time: Double, _ db: Database) throws -> Bool {
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
        try db.execute(
            sql: "INSERT INTO submissionInProgress (sweepName, startedAt) VALUES (?, ?) ON CONFLICT DO NOTHING",
            arguments: [sweep.name, time])
        return created
    }

    /// Inserts the trials whose identity is new; returns how many.
    private func insert(_ trials: ArraySlice<SweepTrial>, time: Double, _ db: Database) throws -> Int {
        let insert = try db.cachedStatement(sql: """
            INSERT INTO trial (id, sweepName, ordinal, params, seed, maxAttempts, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING
            """)
        var inserted = 0
        for trial in trials {
            try insert.execute(arguments: [
                trial.id, trial.sweepName, trial.ordinal, trial.configuration, Int64(bitPattern: trial.seed),
                policy.maxAttempts, time, time,
            ])
            inserted += db.changesCount
        }
        return inserted
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

    /// Counts from the per-configuration summary (one row per configuration, not per trial); a
    /// database opened read-only before migration v4 counts trials and joins outcomes instead.
    static func statusCounts(_ db: Database, sweepName: String?) throws -> StatusCounts {
        let arguments: StatementArguments = sweepName.map { [$0] } ?? []
        let filter = sweepName == nil ? "" : "WHERE sweepName = ?"
        var counts = StatusCounts()
        guard try PlotQueries.hasSummary(db) else {
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM trial \(filter) GROUP BY state", arguments: arguments) {
                if let state = TrialState(rawValue: row[0]) { counts.byState[state] = row[1] }
            }
            counts.successes = try ReferenceQueries.successes(db, sweepName: sweepName)
            return counts
        }
        guard
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT SUM(queued), SUM(leased), SUM(done), SUM(failed), SUM(cancelled), SUM(successes)
                    FROM configurationSummary \(filter)
                    """, arguments: arguments)
        else { return counts }
        let states: [TrialState] = [.queued, .leased, .done, .failed, .cancelled]
        for (index, state) in states.enumerated() {
            if let count = row[index] as Int?, count > 0 { counts.byState[state] = count }
        }
        counts.successes = row[5] ?? 0
        return counts
    }
}
