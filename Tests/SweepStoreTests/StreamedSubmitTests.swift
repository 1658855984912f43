import Foundation
import GRDB
import SweepCore
import Testing

@testable import SweepStore

/// A submit bigger than one transaction streams its trials; the sweep opens only at the end.
struct StreamedSubmitTests {
    @Test func aSubmitOfSeveralChunksInsertsEveryTrialOnceAndOpensTheSweep() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        // Given a sweep of 2.5 chunks
        let seeds = SweepDatabase.submitChunk * 5 / 4
        let sweep = StoreFixture.sweep(seeds: seeds, xs: [1, 2])
        // When it is submitted, then submitted again
        let first = try await fixture.submit(sweep)
        let again = try await fixture.submit(sweep)
        // Then every trial was inserted exactly once, and the sweep is open to claims
        #expect(first == SubmitSummary(createdSweep: true, insertedTrials: 2 * seeds, existingTrials: 0))
        #expect(again == SubmitSummary(createdSweep: false, insertedTrials: 0, existingTrials: 2 * seeds))
        #expect(try await fixture.database.statusCounts(sweepName: "s")[.queued] == 2 * seeds)
        #expect(try await fixture.database.claimTrial(workerID: "w", now: fixture.start, leaseFor: 30) != nil)
        let open = try await fixture.database.pool.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM submissionInProgress") }
        #expect(open == 0)
    }

    @Test func aSweepLeftMidSubmitByACrashIsClosedUntilTheSubmitIsRepeated() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        let sweep = StoreFixture.sweep(seeds: 3, xs: [1, 2])
        try await fixture.submit(sweep)
        // Given a crash between the trial inserts and the last transaction (its marker is left)
        try await fixture.database.pool.write { db in
            try db.execute(sql: "INSERT INTO submissionInProgress (sweepName, startedAt) VALUES ('s', 0)")
            try db.execute(sql: "DELETE FROM trial WHERE rowid IN (SELECT rowid FROM trial ORDER BY rowid DESC LIMIT 2)")
        }
        // Then nothing of it can be claimed
        #expect(try await fixture.database.claimTrial(workerID: "w", now: fixture.start, leaseFor: 30) == nil)
        // When the same submit is repeated, the missing trials are inserted and the sweep opens
        let repeated = try await fixture.submit(sweep)
        #expect(repeated == SubmitSummary(createdSweep: false, insertedTrials: 2, existingTrials: 4))
        #expect(try await fixture.database.claimTrial(workerID: "w", now: fixture.start, leaseFor: 30) != nil)
    }

    @Test func aRefusedSweepOfAFileWritesNothingOfTheOthers() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 2))
        var changed = StoreFixture.sweep(seeds: 2)
        changed.fixed["toy.y"] = .int(6)
        let big = StoreFixture.sweep(name: "big", seeds: SweepDatabase.submitChunk, xs: [1, 2])
        await #expect(throws: SweepError.self) {
            try await fixture.database.submit([big, changed].map(SweepSubmission.init(expanding:)), now: fixture.start)
        }
        #expect(try await fixture.database.statusCounts(sweepName: "big").total == 0)
        #expect(try SweepReader(path: fixture.path).sweepNames() == ["s"])
    }
}
