// Per-configuration counts aggregated in SQL, and the sequences of one configuration's successful
// trials: what a comparison with reference figures needs, without loading every trial.

import Foundation
import GRDB
import SweepCore

extension SweepReader {
    /// Every configuration of the sweeps whose preset is in `presets` (nil: all sweeps), oldest
    /// sweep first, configurations in expansion order. One grouped query; no trial rows are loaded.
    public func configurationSummaries(presets: [String]? = nil) throws -> [ConfigurationSummary] {
        if let presets, presets.isEmpty { return [] }
        let filter = presets.map { "WHERE s.preset IN (\(Array(repeating: "?", count: $0.count).joined(separator: ", ")))" } ?? ""
        let sql = """
            SELECT t.sweepName AS sweep, s.preset AS preset, t.params AS params, COUNT(*) AS trials,
                   SUM(t.state IN ('done', 'failed')) AS finished, COALESCE(SUM(o.success), 0) AS successes,
                   COALESCE(SUM(o.stopReason = 'budget'), 0) AS atBudget
            FROM trial t JOIN sweep s ON s.name = t.sweepName LEFT JOIN outcome o ON o.trialId = t.id
            \(filter)
            GROUP BY t.sweepName, t.params
            ORDER BY MIN(s.createdAt), t.sweepName, MIN(t.ordinal)
            """
        do {
            return try queue.read { db in
                try Row.fetchAll(db, sql: sql, arguments: StatementArguments(presets ?? [])).map { row in
                    let json: String = row["params"]
                    let parameters = (try? JSONDecoder().decode([String: ParameterValue].self, from: Data(json.utf8))) ?? [:]
                    return ConfigurationSummary(
                        sweep: row["sweep"], preset: row["preset"], parametersJSON: json, parameters: parameters,
                        trials: row["trials"], finished: row["finished"], successes: row["successes"],
                        atBudget: row["atBudget"])
                }
            }
        } catch let error as DatabaseError {
            throw StoreError(.sql, Self.message(error))
        }
    }

    /// The `sequences` of every successful trial of one configuration, ascending.
    public func successfulSequences(sweep: String, parametersJSON: String) throws -> [Int] {
        do {
            return try queue.read { db in
                try Int.fetchAll(
                    db,
                    sql: """
                        SELECT o.sequences FROM trial t JOIN outcome o ON o.trialId = t.id
                        WHERE t.sweepName = ? AND t.params = ? AND o.success = 1 ORDER BY o.sequences
                        """,
                    arguments: [sweep, parametersJSON])
            }
        } catch let error as DatabaseError {
            throw StoreError(.sql, Self.message(error))
        }
    }

    /// A cheap fingerprint of what `configurationSummaries(presets:)` and `successfulSequences` read
    /// for the sweeps of `presets`: equal fingerprints mean equal inputs, so a cached comparison
    /// still holds. Opaque; compare it, never parse it.
    ///
    /// With the per-configuration summary (migration v4): its sums of trials, done, failed, outcomes,
    /// successes and their sequences over the presets' configurations (one row per configuration).
    /// On an older file (read-only, no summary): the trial count and finished count, and the outcome
    /// count and latest `recordedAt`, of the whole database.
    public func resultFingerprint(presets: [String]) throws -> String {
        let marks = Array(repeating: "?", count: max(presets.count, 1)).joined(separator: ", ")
        let arguments = StatementArguments(presets.isEmpty ? [""] : presets)
        do {
            return try queue.read { db in
                let row: Row?
                if try PlotQueries.hasSummary(db) {
                    row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT 'summary', COUNT(*), SUM(c.trials), SUM(c.done), SUM(c.failed), SUM(c.outcomes),
                                   SUM(c.successes), SUM(c.successSequences)
                            FROM configurationSummary c JOIN sweep s ON s.name = c.sweepName WHERE s.preset IN (\(marks))
                            """, arguments: arguments)
                } else {
                    row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT 'joins', (SELECT COUNT(*) FROM trial), (SELECT COUNT(*) FROM trial WHERE state IN ('done', 'failed')),
                                   COUNT(*), MAX(recordedAt) FROM outcome
                            """)
                }
                return row.map { row in row.databaseValues.map(\.description).joined(separator: "|") } ?? ""
            }
        } catch let error as DatabaseError {
            throw StoreError(.sql, Self.message(error))
        }
    }
}
