// A batch of results is written with multi-row statements (SweepDatabase+AcceptedResults.swift). These
// tests hold it to what writing each result alone gave: the same rows in every table, the same fate
// for a late token in the same batch as the live one, and every chunk size of the bulk statements.

import Foundation
import SweepCore
import SweepStore
import Testing

struct BatchedResultTests {
    /// Trial i's result: a curve of two points, one metric, and every fourth one failed or cancelled.
    static func result(_ index: Int) -> TrialResult {
        switch index % 4 {
        case 1: return .error("boom \(index)")
        case 2: return TrialResult(success: false, stopReason: .cancelled, sequences: index)
        default:
            return TrialResult(
                success: index % 8 == 0, stopReason: index % 8 == 0 ? .success : .budget, sequences: 10 * index,
                testMSE: 0.5 / Double(index + 1), method: "m", metrics: ["i": Double(index), "half": 0.5],
                curve: [
                    LearningCurvePoint(sequences: index, trainingLoss: 0.25),
                    LearningCurvePoint(sequences: index + 1, trainingLoss: 0.125, testLoss: 1, errorRate: 0),
                ],
                provenance: Provenance(version: "v", host: "h"))
        }
    }

    /// Every table a result writes, token columns left out (tokens are random per claim).
    static func tables(_ fixture: StoreFixture) throws -> [String] {
        let reader = try SweepReader(path: fixture.path)
        return try [
            "SELECT * FROM trial ORDER BY id",
            "SELECT id, trialId, number, workerId, claimedAt, heartbeatAt, expiresAt, endedAt, status, result FROM attempt ORDER BY id",
            "SELECT * FROM outcome ORDER BY trialId",
            "SELECT * FROM curvePoint ORDER BY trialId, sequences",
            "SELECT * FROM worker ORDER BY id",
            "SELECT * FROM configurationSummary ORDER BY id",
            "SELECT * FROM configurationOutcome ORDER BY configurationId, success, sequences, trialId",
        ].map { sql in try reader.query(sql).rows.map { $0.map(\.text).joined(separator: "|") }.joined(separator: "\n") }
    }

    /// 150 trials claimed 100 + 50 by two workers (attempt INSERTs of 64 + 16 + 16 + 4 and 16 + 16 + 16 + 1 + 1),
    /// settled in one batch (64 + 64 + 16 + 4 + 1 + 1), against the same results settled one at a time.
    @Test func aBatchWritesTheSameRowsAsItsResultsWrittenOneByOne() async throws {
        var dumps: [[String]] = []
        for batched in [true, false] {
            let fixture = try StoreFixture()
            defer { fixture.remove() }
            try await fixture.submit(StoreFixture.sweep(seeds: 75, xs: [1, 2]))
            let database = fixture.database
            let first = try await database.claimTrials(workerID: "w1", now: fixture.start, leaseFor: 30, sweepName: nil, count: 100)
            let second = try await database.claimTrials(workerID: "w2", now: fixture.time(1), leaseFor: 30, sweepName: nil, count: 50)
            #expect(first.count == 100 && second.count == 50)
            let completions = (second + first).enumerated().map { index, claim in
                TrialCompletion(trialID: claim.trialID, token: claim.token, result: Self.result(index))
            }
            if batched {
                let answers = try await database.completeTrials(completions, now: fixture.time(2))
                #expect(answers == Array(repeating: .accepted, count: 150))
            } else {
                for completion in completions {
                    #expect(try await database.completeTrial(completion, now: fixture.time(2)) == .accepted)
                }
            }
            dumps.append(try Self.tables(fixture))
        }
        #expect(dumps[0] == dumps[1])
        let done = (0..<150).filter { $0 % 4 == 0 || $0 % 4 == 3 }.count
        #expect(dumps[0][3].split(separator: "\n").count == 2 * done)  // two curve points per done trial
    }

    /// The live token and a stale one of the same trial in one batch, in either order.
    @Test(arguments: StoreKind.allCases, [true, false])
    func aStaleTokenInTheBatchOfTheLiveOneIsALateDuplicate(kind: StoreKind, liveFirst: Bool) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        let (stale, live) = try await subject.staleAndLiveClaims()
        let good = TrialCompletion(trialID: live.trialID, token: live.token, result: StoreFixture.result(sequences: 42))
        let late = TrialCompletion(trialID: stale.trialID, token: stale.token, result: StoreFixture.result(sequences: 9))
        let answers = try await store.completeTrials(liveFirst ? [good, late, good] : [late, good, good], now: subject.time(13))
        #expect(answers == (liveFirst ? [.accepted, .lateDuplicate, .alreadyAccepted] : [.lateDuplicate, .accepted, .alreadyAccepted]))
        #expect(try subject.outcomeSequences(trialID: live.trialID) == [42])
        #expect(try subject.attemptStatuses(trialID: live.trialID) == ["lateDuplicate", "accepted"])
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.done: 1], successes: 1))
    }
}
