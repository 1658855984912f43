// The per-configuration summary (migration v4) against the reference: after random mixes of every
// write, its rows equal the straightforward trial ⋈ outcome aggregates, and every dashboard and plot
// query answers exactly what ReferenceQueries answers. Doubles are compared with ==: on both sides
// they are the same ratios of the same integers (rates, means, medians of one or two values).

import Foundation
import GRDB
import SweepCore
import Testing
@testable import SweepStore

struct ConfigurationSummaryTests {
    /// The summary's columns as the reference computes them from trial ⋈ outcome.
    static let referenceSQL = """
        SELECT t.sweepName, t.params, MIN(t.ordinal), COUNT(*), SUM(t.state = 'queued'), SUM(t.state = 'leased'),
               SUM(t.state = 'done'), SUM(t.state = 'failed'), SUM(t.state = 'cancelled'), COUNT(o.trialId),
               COALESCE(SUM(o.success), 0), COALESCE(SUM(CASE WHEN o.success = 1 THEN o.sequences END), 0)
        FROM trial t LEFT JOIN outcome o ON o.trialId = t.id GROUP BY t.sweepName, t.params ORDER BY 1, 2
        """
    static let summarySQL = """
        SELECT sweepName, params, firstOrdinal, trials, queued, leased, done, failed, cancelled, outcomes, successes,
               successSequences
        FROM configurationSummary WHERE trials > 0 ORDER BY 1, 2
        """
    static let referenceOutcomesSQL = """
        SELECT t.sweepName, t.params, o.trialId, o.success, o.sequences, t.ordinal, o.success = 0 AND o.stopReason = 'budget',
               o.recordedAt
        FROM outcome o JOIN trial t ON t.id = o.trialId ORDER BY o.trialId
        """
    static let summaryOutcomesSQL = """
        SELECT c.sweepName, c.params, o.trialId, o.success, o.sequences, o.ordinal, o.capped, o.recordedAt
        FROM configurationOutcome o JOIN configurationSummary c ON c.id = o.configurationId ORDER BY o.trialId
        """

    static func values(_ db: Database, _ sql: String, droppingColumn dropped: Int? = nil) throws -> [[DatabaseValue]] {
        try Row.fetchAll(db, sql: sql).map { row in
            Array(row.databaseValues).enumerated().filter { $0.offset != dropped }.map(\.element)
        }
    }

    /// Checks the summary's rows, then every fast query against its reference, for each sweep.
    static func expectSummaryEqualsReference(
        _ db: Database, since: Double, sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws {
        func same<T: Equatable>(_ fast: T, _ reference: T, _ what: String) {
            #expect(fast == reference, "\(what)", sourceLocation: sourceLocation)
        }
        same(try values(db, summarySQL), try values(db, referenceSQL), "summary rows")
        same(try values(db, summaryOutcomesSQL), try values(db, referenceOutcomesSQL), "outcome rows")
        same(try DashboardReader.sweepTallies(db, since: since), try ReferenceQueries.sweepTallies(db, since: since), "tallies")
        for sweep in try String.fetchAll(db, sql: "SELECT name FROM sweep ORDER BY name") {
            same(
                try PlotQueries.configurations(db, sweep: sweep), try ReferenceQueries.configurations(db, sweep: sweep),
                "configurations of \(sweep)")
            same(
                try DashboardReader.configurationRows(db, sweep: sweep), try ReferenceQueries.configurationRows(db, sweep: sweep),
                "table of \(sweep)")
            for (x, by) in [("toy.x", nil), ("toy.x", "toy.y"), ("toy.y", nil)] as [(String, String?)] {
                let cell = "\(sweep) x=\(x) by=\(by ?? "-")"
                same(
                    try PlotQueries.successCounts(db, sweep: sweep, x: x, by: by),
                    try ReferenceQueries.successCounts(db, sweep: sweep, x: x, by: by), "success counts \(cell)")
                same(
                    try PlotQueries.sequenceMedians(db, sweep: sweep, x: x, by: by),
                    try ReferenceQueries.sequenceMedians(db, sweep: sweep, x: x, by: by), "medians \(cell)")
                for limit in [1_000, 5] {
                    let fast = try PlotQueries.sequenceSamples(db, sweep: sweep, x: x, by: by, limit: limit)
                    let reference = try ReferenceQueries.sequenceSamples(db, sweep: sweep, x: x, by: by, limit: limit)
                    same(fast.samples, reference.samples, "dots \(cell) limit \(limit)")
                    same(fast.step, reference.step, "step \(cell) limit \(limit)")
                }
            }
            var counts = StatusCounts(successes: try ReferenceQueries.successes(db, sweepName: sweep))
            let byState = "SELECT state, COUNT(*) FROM trial WHERE sweepName = ? GROUP BY state"
            for row in try Row.fetchAll(db, sql: byState, arguments: [sweep]) {
                counts.byState[TrialState(rawValue: row[0]) ?? .queued] = row[1]
            }
            same(try SweepDatabase.statusCounts(db, sweepName: sweep), counts, "status of \(sweep)")
        }
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func summaryEqualsTheReferenceAfterRandomWrites(seed: UInt64) async throws {
        // Given two files and a seeded mix of every write
        var workload = try await SummaryWorkload(seed: seed)
        defer { workload.remove() }
        for round in 0..<240 {
            // When one more operation is done
            try await workload.step()
            // Then the summary and every query on it agree with the joins (checked every few steps)
            if round % 6 == 5 {
                let since = workload.fixture.time(workload.clock / 2).timeIntervalSince1970
                try await workload.fixture.database.pool.read { db in try Self.expectSummaryEqualsReference(db, since: since) }
            }
        }
        let kinds = ["claim", "result", "late result", "release", "reap", "retry", "resubmit", "cancel", "source", "merge"]
        #expect(kinds.allSatisfy { workload.done[$0, default: 0] > 0 }, "\(workload.done)")
        let outcomes = try await workload.fixture.database.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outcome")
        }
        #expect((outcomes ?? 0) > 20)
    }

    @Test func migrationBackfillsAndReadersFallBackOnADatabaseWrittenBeforeIt() async throws {
        // Given a database written by a random mix, charts drawn from its summary
        var workload = try await SummaryWorkload(seed: 9)
        defer { workload.remove() }
        for _ in 0..<150 { try await workload.step() }
        let path = workload.fixture.path
        let charts = { (reader: SweepReader) in
            try [
                reader.successChart(sweep: "a", x: "toy.x", by: nil),
                reader.sequencesChart(sweep: "a", x: "toy.y", by: nil, dotLimit: 7),
                reader.curvesChart(sweep: "a", configuration: 2, trials: 3),
            ]
        }
        let withSummary = try charts(SweepReader(path: path))
        // When the file is put back as it was before migration v4
        try await workload.fixture.database.pool.write { db in
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
            try db.execute(sql: "DROP TABLE configurationOutcome; DROP TABLE configurationSummary")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v4-configuration-summary'")
        }
        // Then a read-only reader (which may not migrate) draws the same charts from the reference joins
        #expect(try charts(SweepReader(path: path)) == withSummary)
        // And opening it for writing backfills the summary, which the next writes keep
        let reopened = try SweepDatabase(path: path, policy: LeasePolicy(maxAttempts: 2))
        try await reopened.pool.read { db in try Self.expectSummaryEqualsReference(db, since: 0) }
        for _ in 0..<60 { try await workload.step() }
        try await reopened.pool.read { db in try Self.expectSummaryEqualsReference(db, since: 0) }
        #expect(try charts(SweepReader(path: path)).count == 3)
    }

    @Test func handEditsAndDeletionsKeepTheSummary() async throws {
        // Given a database after a random mix
        var workload = try await SummaryWorkload(seed: 4)
        defer { workload.remove() }
        for _ in 0..<150 { try await workload.step() }
        // When outcomes are edited, single trials deleted and a whole sweep deleted with sqlite3's SQL
        try await workload.fixture.database.pool.write { db in
            try db.execute(sql: "UPDATE outcome SET sequences = sequences + 1, success = 1 - success WHERE rowid % 2 = 0")
            try db.execute(sql: "DELETE FROM trial WHERE rowid % 5 = 0")
            try db.execute(sql: "DELETE FROM sweep WHERE name = 'b'")
        }
        // Then the summary still equals the joins (but for the first ordinal, which a deletion does not recompute)
        try await workload.fixture.database.pool.read { (db: Database) throws in
            #expect(try Self.values(db, Self.summarySQL, droppingColumn: 2) == Self.values(db, Self.referenceSQL, droppingColumn: 2))
            #expect(try Self.values(db, Self.summaryOutcomesSQL) == Self.values(db, Self.referenceOutcomesSQL))
        }
        // And a trial's identity cannot be rewritten under the summary
        await #expect(throws: DatabaseError.self) {
            try await workload.fixture.database.pool.write { db in try db.execute(sql: "UPDATE trial SET params = '{}'") }
        }
    }
}
