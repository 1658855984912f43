import Coordinator
import Foundation
import SweepCore
import SweepStore
import Testing

@Suite struct LeaseReaperTests {
    func store() async throws -> (SweepDatabase, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("reaper-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try SweepDatabase(path: folder.appendingPathComponent("r.sqlite").path, policy: LeasePolicy(maxAttempts: 2))
        let sweep = SweepDefinition(name: "reap", preset: "toy", seeds: [1], schema: CoordinatorFixture.toySchema)
        _ = try await database.submit(sweep, trials: sweep.expandTrials(), now: Date(timeIntervalSince1970: 0))
        return (database, folder)
    }

    /// A reaper on `database` whose rounds the tests run by hand (`runOnce(now:)`).
    static func reaper(on database: SweepDatabase) -> LeaseReaper {
        LeaseReaper(
            store: database, clock: StoreClock { Date(timeIntervalSince1970: 0) }, interval: .seconds(1),
            metrics: CoordinatorMetrics())
    }

    @Test func expiredLeaseReturnsTrialToQueueThenFailsAfterTheLastAttempt() async throws {
        let (database, folder) = try await store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reaper = Self.reaper(on: database)
        // Given a 10 s lease claimed at t = 0
        _ = try #require(try await database.claimTrial(workerID: "a", now: Date(timeIntervalSince1970: 0), leaseFor: 10))
        // When the reaper runs before and after the expiry
        #expect(try await reaper.runOnce(now: Date(timeIntervalSince1970: 9)).total == 0)
        #expect(try await reaper.runOnce(now: Date(timeIntervalSince1970: 11)).requeued == 1)
        // Then the second attempt's expiry fails the trial (maxAttempts 2)
        let second = try #require(try await database.claimTrial(workerID: "b", now: Date(timeIntervalSince1970: 12), leaseFor: 10))
        #expect(second.attempt == 2)
        #expect(try await reaper.runOnce(now: Date(timeIntervalSince1970: 30)).failed == 1)
        #expect(try await database.statusCounts(sweepName: nil)[.failed] == 1)
    }

    @Test func expiredLeaseOfACancelledSweepIsCountedAsCancelled() async throws {
        let (database, folder) = try await store()
        defer { try? FileManager.default.removeItem(at: folder) }
        let reaper = Self.reaper(on: database)
        // Given a leased trial whose sweep is then cancelled
        _ = try #require(try await database.claimTrial(workerID: "a", now: Date(timeIntervalSince1970: 0), leaseFor: 10))
        _ = try await database.cancelSweep(named: "reap", now: Date(timeIntervalSince1970: 1))
        // When its lease expires, the reaper reports it cancelled, not requeued
        #expect(try await reaper.runOnce(now: Date(timeIntervalSince1970: 11)) == ReapSummary(cancelled: 1))
        #expect(try await database.statusCounts(sweepName: nil)[.cancelled] == 1)
    }

    @Test func monotonicClockStartsAtTheWallClockAndNeverGoesBack() {
        let clock = StoreClock.monotonic()
        let first = clock.now()
        let second = clock.now()
        #expect(abs(first.timeIntervalSinceNow) < 5)
        #expect(second >= first)
    }

    @Test(arguments: [
        ("worker=abcdefgh\nread=12345678\n", true), ("# c\n\nworker = abcdefgh\n", true), ("read=12345678\n", false),
        ("worker=short\n", false), ("admin=abcdefgh\nworker=abcdefgh\n", false), ("worker=abcdefgh\nread=abcdefgh\n", false),
    ])
    func tokenFilesAreParsedStrictly(text: String, valid: Bool) {
        #expect(((try? AccessTokens(parsing: text)) != nil) == valid)
    }

    @Test(arguments: [("127.0.0.1", false, true), ("0.0.0.0", false, false), ("0.0.0.0", true, true), ("localhost", false, true)])
    func nonLoopbackBindNeedsTokens(host: String, withTokens: Bool, allowed: Bool) {
        let configuration = CoordinatorConfiguration(
            host: host, tokens: withTokens ? AccessTokens(worker: "abcdefgh") : nil, schemas: CoordinatorFixture.schemas)
        #expect(((try? configuration.validate()) != nil) == allowed)
    }
}
