// Adaptive searches under the TrialStore contract: the follow-up trials, cancellations and decisions
// appear in the same call (one transaction) as the result or reaping that triggers them, alike in
// SweepDatabase and InMemoryTrialStore.

import Foundation
import SweepCore
import SweepStore
import Testing

extension TrialStoreContractTests {
    static func frontierSweep(seeds: Int, rate: Double) -> SweepDefinition {
        var sweep = StoreFixture.sweep(name: "f", seeds: seeds, xs: [1], fixedY: 0)
        sweep.fixed = [:]
        sweep.search = .frontier(FrontierSearch(parameter: "toy.y", start: 4, max: 64, resolution: 1.5, successRate: rate))
        return sweep
    }

    static func finish(_ claims: [Claim], in subject: StoreUnderTest, at seconds: TimeInterval, success: Bool, loss: (Claim) -> Double = { _ in 0.5 }) async throws -> [CompletionResult] {
        let completions = claims.map { claim in
            TrialCompletion(
                trialID: claim.trialID, token: claim.token,
                result: TrialResult(
                    success: success, stopReason: success ? .success : .budget, sequences: 10,
                    curve: [LearningCurvePoint(sequences: 10, trainingLoss: loss(claim))]))
        }
        return try await subject.store.completeTrials(completions, now: subject.time(seconds))
    }

    @Test(arguments: StoreKind.allCases)
    func aProbesLastResultCreatesTheNextProbeInTheSameCall(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        // Given a frontier search whose first probe (toy.y = 4, two seeds) is running
        #expect(try await subject.submit(Self.frontierSweep(seeds: 2, rate: 1)).insertedTrials == 2)
        let held = try await subject.store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "f", count: 5)
        #expect(held.count == 2)
        // When both seeds succeed, in one batch
        #expect(try await Self.finish(held, in: subject, at: 1, success: true) == [.accepted, .accepted])
        // Then the next probe (toy.y = 8) is queued and the pass is recorded
        #expect(try await subject.store.statusCounts(sweepName: "f") == StatusCounts(byState: [.done: 2, .queued: 2], successes: 2))
        let next = try #require(try await subject.store.claimTrial(workerID: "w", now: subject.time(2), leaseFor: 30))
        #expect(next.assignment.parameters["toy.y"] == .int(8))
        #expect(
            try subject.searchDecisions(sweepName: "f") == [
                SearchDecision(
                    configuration: 0, step: 0, kind: .pass, value: 4, trials: 2, successes: 2,
                    detail: "toy.y=4: 2/2 reach 1.0")
            ])
    }

    @Test(arguments: StoreKind.allCases)
    func anEarlyFailureCancelsTheProbesQueuedSeeds(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(Self.frontierSweep(seeds: 3, rate: 0.8))
        // When the first seed fails (Wilson upper bound 0.79 < 0.8) while the other two are queued
        let first = try #require(try await subject.store.claimTrial(workerID: "w", now: subject.start, leaseFor: 30))
        _ = try await Self.finish([first], in: subject, at: 1, success: false)
        // Then they are cancelled, and the shrinking probe (toy.y = 2) is queued with all three seeds
        #expect(try await subject.store.statusCounts(sweepName: "f") == StatusCounts(byState: [.done: 1, .cancelled: 2, .queued: 3]))
        #expect(try subject.searchDecisions(sweepName: "f").map(\.kind) == [.fail])
        #expect(try subject.searchDecisions(sweepName: "f").first?.trials == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func aTrialFailedByTheReaperMovesTheSearchOn(kind: StoreKind) async throws {
        let subject = try kind.make(policy: LeasePolicy(maxAttempts: 1))
        defer { subject.remove() }
        try await subject.submit(Self.frontierSweep(seeds: 2, rate: 0.8))
        _ = try #require(try await subject.store.claimTrial(workerID: "w", now: subject.start, leaseFor: 10))
        // When its only attempt's lease expires
        #expect(try await subject.store.reapExpiredLeases(now: subject.time(20)) == ReapSummary(failed: 1))
        // Then the probe fails like any failed trial, and the search goes on
        #expect(try await subject.store.statusCounts(sweepName: "f") == StatusCounts(byState: [.failed: 1, .cancelled: 1, .queued: 2]))
        #expect(try subject.searchDecisions(sweepName: "f").map(\.kind) == [.fail])
    }

    @Test(arguments: StoreKind.allCases)
    func halvingPromotesTheBestConfigurationWithTheLastResultOfItsRung(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        var sweep = StoreFixture.sweep(name: "h", seeds: 1, xs: [1, 2, 3], fixedY: 0)
        sweep.fixed = [:]
        sweep.search = .halving(HalvingSearch(parameter: "toy.y", minBudget: 10, maxBudget: 30, eta: 3))
        #expect(try await subject.submit(sweep).insertedTrials == 3)
        let held = try await subject.store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "h", count: 3)
        // When toy.x = 2 has the lowest final loss of the first rung
        _ = try await Self.finish(held, in: subject, at: 1, success: false) { claim in
            abs((claim.assignment.parameters["toy.x"]?.doubleValue ?? 0) - 2) + 0.5
        }
        // Then it alone is queued on the second rung, at the full budget
        let promoted = try #require(try await subject.store.claimTrial(workerID: "w", now: subject.time(2), leaseFor: 30))
        // (stored JSON hands the real 2.0 back as 2, as for every trial)
        #expect(promoted.assignment.parameters["toy.x"]?.doubleValue == 2)
        #expect(promoted.assignment.parameters["toy.y"] == .int(30))
        #expect(try await subject.store.statusCounts(sweepName: "h")[.queued] == 0)
        let decisions = try subject.searchDecisions(sweepName: "h").map { [$0.configuration, $0.step] }
        #expect(decisions == [[0, 0], [1, 0], [2, 0]])
        #expect(try subject.searchDecisions(sweepName: "h").map(\.kind) == [.stop, .promote, .stop])
    }
}
