// The count an empty claim answers with. Idle workers ask for it again and again while the last
// trials of a sweep run, so it reads only the unfinished trials' index entries instead of grouping
// every trial and joining every outcome as statusCounts does (8 % of `serve` in issue 15's profile).

import GRDB
import SweepCore

extension SweepDatabase {
    /// Trials queued or leased, from the `(state, ordinal)` index (or `(sweepName, state)` for one sweep).
    public func unfinishedCount(sweepName: String?) async throws -> Int {
        try await pool.read { db in
            if let sweepName {
                return try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM trial WHERE sweepName = ? AND state IN ('queued', 'leased')",
                    arguments: [sweepName]) ?? 0
            }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM trial WHERE state IN ('queued', 'leased')") ?? 0
        }
    }
}
