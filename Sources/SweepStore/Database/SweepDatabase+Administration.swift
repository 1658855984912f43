// Operator actions on a sweep (SweepAdministration): retrying its failed trials. One transaction.
// History is kept: the attempt rows stay, and the failed trial's last attempt gets the failure as
// its `result` JSON (the reason, and the failed outcome's stop reason, error and sequences) before
// the outcome and its curve are removed so that the next attempt's result can be recorded.

import Foundation
import GRDB
import SweepCore

extension SweepDatabase: SweepAdministration {
    /// Queues the sweep's failed trials again, each with `policy.maxAttempts` more attempts.
    ///
    /// A sweep that does not exist is `.notFound`; a cancelled one is `.conflict` (its trials could never be claimed).
    public func retryFailedTrials(sweepName: String, now: Date) throws -> Int {
        let time = now.timeIntervalSince1970
        return try pool.write { db in
            guard let state = try String.fetchOne(db, sql: "SELECT state FROM sweep WHERE name = ?", arguments: [sweepName]) else {
                throw SweepError(.notFound, "no sweep named '\(sweepName)'")
            }
            guard state == "active" else {
                throw SweepError(.conflict, "sweep '\(sweepName)' is cancelled: its trials cannot run again (submit it under a new name)")
            }
            try db.execute(
                sql: """
                    UPDATE attempt SET result = json_object(
                        'retriedAt', :now, 'failureReason', t.failureReason, 'success', o.success, 'stopReason', o.stopReason,
                        'errorMessage', o.errorMessage, 'sequences', o.sequences)
                    FROM trial t LEFT JOIN outcome o ON o.trialId = t.id
                    WHERE t.sweepName = :sweep AND t.state = 'failed' AND attempt.result IS NULL
                      AND attempt.id = (SELECT MAX(a.id) FROM attempt a WHERE a.trialId = t.id)
                    """, arguments: ["now": time, "sweep": sweepName])
            let failed = "SELECT id FROM trial WHERE sweepName = :sweep AND state = 'failed'"
            try db.execute(sql: "DELETE FROM curvePoint WHERE trialId IN (\(failed))", arguments: ["sweep": sweepName])
            try db.execute(sql: "DELETE FROM outcome WHERE trialId IN (\(failed))", arguments: ["sweep": sweepName])
            try db.execute(
                sql: """
                    UPDATE trial SET state = 'queued', maxAttempts = attempt + :budget, failureReason = NULL, updatedAt = :now
                    WHERE sweepName = :sweep AND state = 'failed'
                    """, arguments: ["budget": policy.maxAttempts, "now": time, "sweep": sweepName])
            return db.changesCount
        }
    }
}
