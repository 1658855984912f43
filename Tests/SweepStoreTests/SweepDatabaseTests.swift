import Foundation
import Testing
import SweepCore
@testable import SweepStore

struct SweepDatabaseTests {
    @Test func concurrentClaimersNeverGetTheSameTrial() async throws {
        // Given 200 queued trials
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 100))
        // When 8 threads claim until the queue is empty
        let claimed = ClaimLog()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<8 {
                group.addTask {
                    while let claim = try? await fixture.database.claimTrial(workerID: "w\(worker)", now: fixture.start, leaseFor: 30) {
                        claimed.append(claim.trialID)
                    }
                }
            }
        }
        // Then every trial was claimed exactly once
        let ids = claimed.all
        #expect(ids.count == 200)
        #expect(Set(ids).count == 200)
        #expect(try await fixture.database.statusCounts(sweepName: "s")[.leased] == 200)
    }

    @Test func expiredLeaseIsRequeuedWithTheNextAttempt() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let first = try #require(try await fixture.database.claimTrial(workerID: "a", now: fixture.start, leaseFor: 30))
        #expect(first.attempt == 1)
        // Not yet expired: nothing to reap
        #expect(try await fixture.database.reapExpiredLeases(now: fixture.time(29)).total == 0)
        // Expired: requeued, and the next claim is attempt 2 with a new token
        #expect(try await fixture.database.reapExpiredLeases(now: fixture.time(31)) == ReapSummary(requeued: 1))
        let second = try #require(try await fixture.database.claimTrial(workerID: "b", now: fixture.time(32), leaseFor: 30))
        #expect(second.trialID == first.trialID)
        #expect(second.attempt == 2)
        #expect(second.token != first.token)
        #expect(try await fixture.database.renewLease(trialID: first.trialID, token: first.token, now: fixture.time(33), leaseFor: 30) == .lost)
    }

    /// A heartbeat that tells how far its trial has come leaves that with the attempt (the dashboard's
    /// running trials show it); one that does not tell keeps the last.
    @Test func heartbeatsKeepTheAttemptsLatestStanding() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let claim = try #require(try await fixture.database.claimTrial(workerID: "a", now: fixture.start, leaseFor: 30))
        let reader = try SweepReader(path: fixture.path)
        let standing = { try reader.query("SELECT sequences, maxSequences FROM attempt").rows[0] }
        #expect(try standing() == [.null, .null])
        let told = LeaseRenewal(trialID: claim.trialID, token: claim.token, standing: TrialStanding(sequences: 1500, maxSequences: 5_000_000))
        #expect(try await fixture.database.renewLeases([told], now: fixture.time(5), leaseFor: 30) == [.ok])
        #expect(try standing() == [.integer(1500), .integer(5_000_000)])
        let silent = LeaseRenewal(trialID: claim.trialID, token: claim.token)
        #expect(try await fixture.database.renewLeases([silent], now: fixture.time(10), leaseFor: 30) == [.ok])
        #expect(try standing() == [.integer(1500), .integer(5_000_000)])
        // And the wire form leaves both out when nothing is told, as older workers send it
        #expect(String(decoding: try APICoding.encode(silent), as: UTF8.self).contains("sequences") == false)
    }

    /// `serve --read-only` on a file from before migration v5 (a reader may not migrate) still lists the
    /// running trials, without a standing. It answered 500 on the committed paper snapshot at first.
    @Test func overviewOfAFileFromBeforeTheStandingColumns() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        _ = try #require(try await fixture.database.claimTrial(workerID: "a", now: fixture.start, leaseFor: 30))
        try await fixture.database.pool.write { db in
            try db.execute(sql: "ALTER TABLE attempt DROP COLUMN sequences")
            try db.execute(sql: "ALTER TABLE attempt DROP COLUMN maxSequences")
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v5-attempt-standing'")
        }
        let overview = try await DashboardReader(path: fixture.path).overview(now: Date())
        #expect(overview.running.count == 1)
        #expect(overview.running.first?.sequences == nil)
        // And `status --db` reads it the same way
        let running = try SweepReader(path: fixture.path).runningTrials()
        #expect(running.rows.count == 1 && running.rows.first?.suffix(2) == [.null, .null])
    }

    @Test func trialFailsWithReasonAfterMaxAttempts() async throws {
        let fixture = try StoreFixture(policy: LeasePolicy(maxAttempts: 2))
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        var now: TimeInterval = 0
        for _ in 0..<2 {
            _ = try #require(try await fixture.database.claimTrial(workerID: "w", now: fixture.time(now), leaseFor: 10))
            now += 11
            _ = try await fixture.database.reapExpiredLeases(now: fixture.time(now))
        }
        #expect(try await fixture.database.statusCounts(sweepName: "s")[.failed] == 1)
        #expect(try await fixture.database.claimTrial(workerID: "w", now: fixture.time(now), leaseFor: 10) == nil)
        let reader = try SweepReader(path: fixture.path)
        let reason = try reader.query("SELECT failureReason FROM trial").rows[0][0].text
        #expect(reason.contains("lease expired on attempt 2 of 2"))
        let attempts = try reader.query("SELECT status FROM attempt ORDER BY id").rows.map(\.[0].text)
        #expect(attempts == ["expired", "expired"])
    }

    @Test func repeatedResultIsAcceptedOnce() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let claim = try #require(try await fixture.database.claimTrial(workerID: "w", now: fixture.start, leaseFor: 30))
        let completion = TrialCompletion(trialID: claim.trialID, token: claim.token, result: StoreFixture.result())
        #expect(try await fixture.database.completeTrial(completion, now: fixture.time(1)) == .accepted)
        #expect(try await fixture.database.completeTrial(completion, now: fixture.time(2)) == .alreadyAccepted)
        let reader = try SweepReader(path: fixture.path)
        #expect(try reader.query("SELECT COUNT(*) FROM outcome").rows[0][0] == .integer(1))
        #expect(try await fixture.database.statusCounts(sweepName: nil)[.done] == 1)
    }

    @Test func staleTokenResultIsALateDuplicateThatNeverOverwrites() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        // Given a lease that expired and was claimed again and completed by worker b
        let stale = try #require(try await fixture.database.claimTrial(workerID: "a", now: fixture.start, leaseFor: 10))
        _ = try await fixture.database.reapExpiredLeases(now: fixture.time(11))
        let fresh = try #require(try await fixture.database.claimTrial(workerID: "b", now: fixture.time(12), leaseFor: 10))
        let good = TrialCompletion(trialID: fresh.trialID, token: fresh.token, result: StoreFixture.result(sequences: 42))
        #expect(try await fixture.database.completeTrial(good, now: fixture.time(13)) == .accepted)
        // When worker a reports late
        let late = TrialCompletion(trialID: stale.trialID, token: stale.token, result: StoreFixture.result(sequences: 999))
        #expect(try await fixture.database.completeTrial(late, now: fixture.time(14)) == .lateDuplicate)
        // Then the accepted outcome stands and the late one is kept in the attempt history
        let reader = try SweepReader(path: fixture.path)
        let expected: [[ResultTable.Cell]] = [[.integer(42)]]
        #expect(try reader.query("SELECT sequences FROM outcome").rows == expected)
        let statuses = try reader.query("SELECT status FROM attempt ORDER BY id").rows.map(\.[0].text)
        #expect(statuses == ["lateDuplicate", "accepted"])
    }

    @Test func changedFixedParameterIsRefused() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(fixedY: 5))
        await #expect {
            try await fixture.submit(StoreFixture.sweep(fixedY: 6))
        } throws: { error in
            (error as? SweepError)?.code == .conflict && "\(error)".contains("new name")
        }
        #expect(try await fixture.database.statusCounts(sweepName: "s").total == 6)
    }

    @Test func addingSeedsAndGridValuesAddsOnlyNewTrials() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        #expect(try await fixture.submit(StoreFixture.sweep(seeds: 3, xs: [1, 2])).insertedTrials == 6)
        #expect(try await fixture.submit(StoreFixture.sweep(seeds: 3, xs: [1, 2])).insertedTrials == 0)
        let extended = try await fixture.submit(StoreFixture.sweep(seeds: 5, xs: [1, 2, 3]))
        #expect(extended == SubmitSummary(createdSweep: false, insertedTrials: 9, existingTrials: 6))
    }

    @Test func releasedLeaseDoesNotCountAnAttempt() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let claim = try #require(try await fixture.database.claimTrial(workerID: "w", now: fixture.start, leaseFor: 30))
        #expect(try await fixture.database.releaseLease(trialID: claim.trialID, token: claim.token, now: fixture.time(1)))
        let again = try #require(try await fixture.database.claimTrial(workerID: "w", now: fixture.time(2), leaseFor: 30))
        #expect(again.attempt == 1)
    }

    @Test func cancelledSweepTellsHeartbeatsToStop() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep(seeds: 2, xs: [1]))
        let claim = try #require(try await fixture.database.claimTrial(workerID: "w", now: fixture.start, leaseFor: 30))
        #expect(try await fixture.database.cancelSweep(named: "s", now: fixture.time(1)) == 1)
        #expect(try await fixture.database.renewLease(trialID: claim.trialID, token: claim.token, now: fixture.time(2), leaseFor: 30) == .stop)
        #expect(try await fixture.database.claimTrial(workerID: "w", now: fixture.time(3), leaseFor: 30) == nil)
    }

    @Test func readerRefusesWrites() async throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try await fixture.submit(StoreFixture.sweep())
        let reader = try SweepReader(path: fixture.path)
        #expect {
            _ = try reader.query("DELETE FROM trial")
        } throws: { error in
            (error as? StoreError)?.code == .readOnly
        }
        #expect(try await fixture.database.statusCounts(sweepName: nil).total == 6)
    }
}

/// A thread-safe list of claimed trial ids.
final class ClaimLog: Sendable {
    private let ids = Mutex<[String]>([])
    func append(_ id: String) { ids.withLock { $0.append(id) } }
    var all: [String] { ids.withLock { $0 } }
}

import Synchronization
