// `lstm-sweep merge A.sqlite B.sqlite --into C.sqlite`: result databases from separate machines
// joined by trial identity (the SHA-256 of sweep, parameters and seed), in one transaction.
// A trial in several files keeps its most finished state (done > failed > cancelled > leased >
// queued); attempts are copied by fencing token, outcomes with their attempt, curve points once.
// The same trial with two different outcomes, or one sweep name with two definitions, is a
// conflict: every conflict is reported and nothing is written. Never silently picked.

import Foundation
import GRDB
import SweepCore

/// What a merge did.
public struct MergeSummary: Sendable, Equatable {
    /// Sweeps new to the target.
    public var sweeps: Int
    /// Trials new to the target, and trials whose state a source advanced.
    public var insertedTrials: Int, advancedTrials: Int
    /// Outcomes copied.
    public var outcomes: Int
}

extension SweepDatabase {
    /// How finished a trial state is; a merge keeps the highest.
    static let stateRank = "CASE %@ WHEN 'done' THEN 4 WHEN 'failed' THEN 3 WHEN 'cancelled' THEN 2 WHEN 'leased' THEN 1 ELSE 0 END"

    /// Merges the result databases at `sources` into this one; throws `SweepError(.conflict)` listing
    /// every conflict (and writes nothing) when two files disagree.
    public func merge(sources: [String]) throws -> MergeSummary {
        guard sources.count <= 8 else { throw SweepError(.badRequest, "merge at most 8 databases at a time") }
        return try pool.writeWithoutTransaction { db in
            for (index, source) in sources.enumerated() {
                try db.execute(sql: "ATTACH DATABASE ? AS src\(index)", arguments: [source])
            }
            defer { for index in sources.indices { try? db.execute(sql: "DETACH DATABASE src\(index)") } }
            var summary = MergeSummary(sweeps: 0, insertedTrials: 0, advancedTrials: 0, outcomes: 0)
            try db.inTransaction {
                // Each source is checked against the target as the sources before it left it, so
                // two sources that disagree conflict too; any conflict rolls every copy back.
                var conflicts: [String] = []
                for (index, source) in sources.enumerated() {
                    conflicts += try Self.conflicts(db, schema: "src\(index)", file: source)
                    try Self.copy(db, schema: "src\(index)", into: &summary)
                }
                guard conflicts.isEmpty else {
                    let shown = conflicts.prefix(10).joined(separator: "; ")
                    throw SweepError(.conflict, "\(conflicts.count) conflict(s), nothing merged: \(shown)\(conflicts.count > 10 ? "; …" : "")")
                }
                return .commit
            }
            return summary
        }
    }

    /// Sweeps defined differently, and trials with different outcomes, in the target and the source `schema`.
    static func conflicts(_ db: Database, schema: String, file: String) throws -> [String] {
        let sweeps = try String.fetchAll(
            db, sql: "SELECT s.name FROM \(schema).sweep s JOIN main.sweep m ON m.name = s.name WHERE m.fingerprint <> s.fingerprint")
        let trials = try Row.fetchAll(
            db,
            sql: """
                SELECT t.sweepName AS sweep, t.id AS id, m.success AS ms, m.stopReason AS mr, m.sequences AS mq,
                       o.success AS os, o.stopReason AS orr, o.sequences AS oq
                FROM \(schema).outcome o JOIN \(schema).trial t ON t.id = o.trialId JOIN main.outcome m ON m.trialId = o.trialId
                WHERE m.success <> o.success OR m.stopReason <> o.stopReason OR m.sequences <> o.sequences
                ORDER BY t.sweepName, t.ordinal
                """)
        return sweeps.map { "sweep '\($0)' is defined differently in \(file)" }
            + trials.map { row in
                let (sweep, id): (String, String) = (row["sweep"], row["id"])
                return "trial \(id.prefix(12)) of '\(sweep)': \(row["mr"] as String) after \(row["mq"] as Int) here, "
                    + "\(row["orr"] as String) after \(row["oq"] as Int) in \(file)"
            }
    }

    /// Copies one attached source into the target; a conflicting outcome is left out (and the merge rolled back).
    static func copy(_ db: Database, schema: String, into summary: inout MergeSummary) throws {
        try db.execute(sql: "INSERT OR IGNORE INTO main.sweep SELECT * FROM \(schema).sweep")
        summary.sweeps += db.changesCount
        try db.execute(sql: "INSERT OR IGNORE INTO main.search SELECT * FROM \(schema).search")
        try db.execute(sql: "INSERT OR IGNORE INTO main.searchDecision SELECT * FROM \(schema).searchDecision")
        try db.execute(sql: "INSERT OR IGNORE INTO main.trial SELECT * FROM \(schema).trial")
        summary.insertedTrials += db.changesCount
        let rank = { (column: String) in stateRank.replacingOccurrences(of: "%@", with: column) }
        try db.execute(
            sql: """
                UPDATE main.trial SET state = s.state, attempt = s.attempt, maxAttempts = s.maxAttempts, leaseToken = s.leaseToken,
                    leaseWorker = s.leaseWorker, leaseExpiresAt = s.leaseExpiresAt, failureReason = s.failureReason, updatedAt = s.updatedAt
                FROM \(schema).trial s WHERE s.id = main.trial.id AND \(rank("s.state")) > \(rank("main.trial.state"))
                """)
        summary.advancedTrials += db.changesCount
        try db.execute(
            sql: """
                INSERT INTO main.attempt (trialId, number, token, workerId, claimedAt, heartbeatAt, expiresAt, endedAt, status, result)
                SELECT trialId, number, token, workerId, claimedAt, heartbeatAt, expiresAt, endedAt, status, result
                FROM \(schema).attempt WHERE token NOT IN (SELECT token FROM main.attempt) ORDER BY id
                """)
        try db.execute(
            sql: """
                INSERT INTO main.outcome
                SELECT o.trialId, (SELECT m.id FROM main.attempt m JOIN \(schema).attempt a ON a.token = m.token WHERE a.id = o.attemptId),
                       o.success, o.stopReason, o.sequences, o.testWrong, o.testSize, o.testMSE, o.testMeanAbsError, o.weightCount,
                       o.steps, o.wallSeconds, o.cpuSeconds, o.stepsPerSecond, o.precision, o.method, o.errorMessage, o.metrics,
                       o.version, o.host, o.build, o.workerId, o.recordedAt
                FROM \(schema).outcome o WHERE o.trialId NOT IN (SELECT trialId FROM main.outcome)
                """)
        summary.outcomes += db.changesCount
        try db.execute(sql: "INSERT OR IGNORE INTO main.curvePoint SELECT * FROM \(schema).curvePoint")
        try db.execute(
            sql: """
                INSERT INTO main.worker SELECT * FROM \(schema).worker WHERE true
                ON CONFLICT (id) DO UPDATE SET firstSeenAt = min(firstSeenAt, excluded.firstSeenAt),
                    lastSeenAt = max(lastSeenAt, excluded.lastSeenAt), claims = claims + excluded.claims, results = results + excluded.results
                """)
    }
}
