// The TrialStore contract, run against SweepDatabase (the reference) and InMemoryTrialStore: every
// case must pass on both, so the in-memory store that router tests use behaves like the real one.

import Foundation
import SweepCore
import SweepStore
import Testing

struct TrialStoreContractTests {
    static let conflictMessage =
        "sweep 's' already exists in this database with a different preset, fixed parameters or budget; "
        + "give the changed sweep a new name"

    /// A definition that may not change under the same sweep name.
    enum DefinitionChange: String, CaseIterable, CustomTestStringConvertible {
        case preset, fixedParameter, budget
        var testDescription: String { rawValue }

        var sweep: SweepDefinition {
            var sweep = StoreFixture.sweep()
            switch self {
            case .preset: sweep.preset = "toy-b"
            case .fixedParameter: sweep.fixed["toy.y"] = .int(6)
            case .budget: sweep.budget = Budget(maxSequences: 10)
            }
            return sweep
        }
    }

    // MARK: - Submit

    @Test(arguments: StoreKind.allCases)
    func resubmittingWithMoreSeedsAndValuesInsertsOnlyTheNewTrials(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let first = try await subject.submit(StoreFixture.sweep(seeds: 3, xs: [1, 2]))
        #expect(first == SubmitSummary(createdSweep: true, insertedTrials: 6, existingTrials: 0))
        let same = try await subject.submit(StoreFixture.sweep(seeds: 3, xs: [1, 2]))
        #expect(same == SubmitSummary(createdSweep: false, insertedTrials: 0, existingTrials: 6))
        let extended = try await subject.submit(StoreFixture.sweep(seeds: 5, xs: [1, 2, 3]))
        #expect(extended == SubmitSummary(createdSweep: false, insertedTrials: 9, existingTrials: 6))
        #expect(try await subject.store.statusCounts(sweepName: "s") == StatusCounts(byState: [.queued: 15]))
        #expect(try subject.sweepNames() == ["s"])
    }

    @Test(arguments: StoreKind.allCases, DefinitionChange.allCases)
    func changedDefinitionUnderTheSameNameIsAConflict(kind: StoreKind, change: DefinitionChange) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep())
        await #expect(throws: SweepError(.conflict, Self.conflictMessage)) { try await subject.submit(change.sweep) }
        #expect(try await subject.store.statusCounts(sweepName: nil) == StatusCounts(byState: [.queued: 6]))
    }

    @Test(arguments: StoreKind.allCases)
    func aTrialOfAnotherSweepIsRefusedAndNothingIsStored(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        // Given the trials of sweep s followed by one of sweep t
        let sweep = StoreFixture.sweep()
        let stranger = try #require(StoreFixture.sweep(name: "t").expandTrials().first)
        // When they are submitted as sweep s, then the whole submission is refused …
        await #expect(throws: SweepError(.invalidSweep, "trial \(stranger.id) belongs to sweep 't', not 's'")) {
            try await subject.store.submit(sweep, trials: sweep.expandTrials() + [stranger], now: subject.start)
        }
        // … and neither the sweep nor its first trials were kept
        #expect(try await subject.store.statusCounts(sweepName: nil) == StatusCounts())
        #expect(try await subject.submit(sweep).createdSweep)
    }

    // MARK: - Claims

    @Test(arguments: StoreKind.allCases)
    func claimsComeInExpansionOrderAndEachTrialOnce(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let sweep = StoreFixture.sweep(seeds: 3, xs: [1, 2])
        try await subject.submit(sweep)
        var claims: [Claim] = []
        while let claim = try await subject.store.claimTrial(workerID: "w", now: subject.start, leaseFor: 30) {
            claims.append(claim)
        }
        #expect(claims.map(\.trialID) == sweep.expandTrials().sorted { $0.ordinal < $1.ordinal }.map(\.id))
        #expect(claims.allSatisfy { $0.attempt == 1 && $0.workerID == "w" })
        #expect(Set(claims.map(\.token)).count == 6)
        #expect(try await subject.store.statusCounts(sweepName: "s") == StatusCounts(byState: [.leased: 6]))
    }

    @Test(arguments: StoreKind.allCases)
    func trialsAddedLaterQueueBehindEarlierOnesOfTheSameOrdinal(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        // Given a sweep extended from 3 to 5 seeds: old trials keep their ordinals, new ones share some
        try await subject.submit(StoreFixture.sweep(seeds: 3, xs: [1, 2]))
        try await subject.submit(StoreFixture.sweep(seeds: 5, xs: [1, 2]))
        // When everything is claimed
        let claims = try await subject.store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: nil, count: 20)
        // Then the order is by ordinal, and on a tie the earlier submission first
        let order = claims.map { "\($0.assignment.parameters["toy.x"]?.doubleValue ?? -1)/\($0.assignment.seed)" }
        #expect(order == ["1.0/0", "1.0/1", "1.0/2", "2.0/0", "1.0/3", "2.0/1", "1.0/4", "2.0/2", "2.0/3", "2.0/4"])
    }

    @Test(arguments: StoreKind.allCases)
    func claimsAcrossSweepsInterleaveByOrdinalAndMayBeLimitedToOneSweep(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(name: "a", seeds: 2, xs: [1]))
        try await subject.submit(StoreFixture.sweep(name: "b", seeds: 2, xs: [1]))
        let onlyB = try #require(try await subject.store.claimTrial(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "b"))
        #expect(onlyB.assignment.sweepName == "b" && onlyB.assignment.seed == 0)
        let rest = try await subject.store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: nil, count: 10)
        #expect(rest.map { "\($0.assignment.sweepName)\($0.assignment.seed)" } == ["a0", "a1", "b1"])
        #expect(try await subject.store.claimTrial(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "nope") == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func claimCarriesTheAssignmentAsStored(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        var sweep = StoreFixture.sweep(seeds: 1, xs: [1])
        sweep.budget = Budget(maxSequences: 1000, maxSeconds: 2.5)
        let spec = try #require(sweep.expandTrials().first)
        try await subject.submit(sweep)
        let claim = try #require(try await subject.store.claimTrial(workerID: "w7", now: subject.time(5), leaseFor: 30))
        // Parameters come back through their canonical JSON, which cannot tell 1.0 from 1.
        let stored = try JSONDecoder().decode([String: ParameterValue].self, from: Data(spec.configuration.utf8))
        #expect(stored["toy.x"] == .int(1))
        #expect(claim.assignment == TrialAssignment(
            trialID: spec.id, sweepName: "s", preset: "toy", parameters: stored, seed: 0, budget: sweep.budget))
        #expect(claim.leaseExpiresAt.timeIntervalSince1970 == 1_700_000_035)
        #expect(claim.workerID == "w7" && claim.attempt == 1 && !claim.token.isEmpty)
    }

    @Test(arguments: StoreKind.allCases)
    func batchClaimLeasesUpToCountInExpansionOrder(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let sweep = StoreFixture.sweep(seeds: 3, xs: [1, 2])
        let expected = sweep.expandTrials().map(\.id)
        try await subject.submit(sweep)
        func claim(_ count: Int) async throws -> [String] {
            try await subject.store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "s", count: count)
                .map(\.trialID)
        }
        #expect(try await claim(4) == Array(expected[0..<4]))
        #expect(try await subject.store.statusCounts(sweepName: "s") == StatusCounts(byState: [.leased: 4, .queued: 2]))
        #expect(try await claim(0) == [expected[4]])  // a count below 1 still claims one
        #expect(try await claim(4) == [expected[5]])
        #expect(try await claim(4) == [])
    }

    // MARK: - Leases

    @Test(arguments: StoreKind.allCases)
    func renewalWithTheLiveTokenExtendsTheLeaseUntilItIsReaped(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let claim = try #require(try await subject.store.claimTrial(workerID: "w", now: subject.start, leaseFor: 30))
        let store = subject.store
        // At the very end of the lease it can still be renewed, until t = 60
        #expect(try await store.renewLease(trialID: claim.trialID, token: claim.token, now: subject.time(30), leaseFor: 30) == .ok)
        #expect(try await store.reapExpiredLeases(now: subject.time(59)) == ReapSummary())
        #expect(try await store.renewLease(trialID: claim.trialID, token: "other", now: subject.time(40), leaseFor: 30) == .lost)
        let unknown = String(repeating: "0", count: 64)
        #expect(try await store.renewLease(trialID: unknown, token: claim.token, now: subject.time(40), leaseFor: 30) == .lost)
        // Once it ran out but before the reaper took it back, no one else can hold it: a worker that was
        // stopped past its deadline renews it (until t = 95), as its result would be accepted
        #expect(try await store.renewLease(trialID: claim.trialID, token: claim.token, now: subject.time(65), leaseFor: 30) == .ok)
        #expect(try await store.reapExpiredLeases(now: subject.time(94)) == ReapSummary())
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.leased: 1]))
        // Once reaped it is lost
        #expect(try await store.reapExpiredLeases(now: subject.time(96)) == ReapSummary(requeued: 1))
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.queued: 1]))
        #expect(try await store.renewLease(trialID: claim.trialID, token: claim.token, now: subject.time(97), leaseFor: 30) == .lost)
    }

    @Test(arguments: StoreKind.allCases)
    func staleTokenIsLostAfterTheLeaseWasReapedAndClaimedAgain(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let store = subject.store
        let stale = try #require(try await store.claimTrial(workerID: "a", now: subject.start, leaseFor: 10))
        #expect(try await store.reapExpiredLeases(now: subject.time(10)) == ReapSummary())  // expiry is strictly after
        #expect(try await store.reapExpiredLeases(now: subject.time(11)) == ReapSummary(requeued: 1))
        let fresh = try #require(try await store.claimTrial(workerID: "b", now: subject.time(12), leaseFor: 10))
        #expect(fresh.trialID == stale.trialID && fresh.attempt == 2 && fresh.token != stale.token)
        #expect(try await store.renewLease(trialID: stale.trialID, token: stale.token, now: subject.time(13), leaseFor: 10) == .lost)
        #expect(try await store.renewLease(trialID: fresh.trialID, token: fresh.token, now: subject.time(13), leaseFor: 10) == .ok)
        #expect(try subject.attemptStatuses(trialID: fresh.trialID) == ["expired", "running"])
    }

    @Test(arguments: StoreKind.allCases)
    func releasedLeaseReturnsToTheQueueWithoutUsingAnAttempt(kind: StoreKind) async throws {
        let subject = try kind.make(policy: LeasePolicy(maxAttempts: 1))
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let store = subject.store
        let first = try #require(try await store.claimTrial(workerID: "w", now: subject.start, leaseFor: 30))
        #expect(try await store.releaseLease(trialID: first.trialID, token: first.token, now: subject.time(1)))
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.queued: 1]))
        #expect(try await !store.releaseLease(trialID: first.trialID, token: first.token, now: subject.time(2)))
        // The next claim is attempt 1 again, under a new token; the released one is dead
        let again = try #require(try await store.claimTrial(workerID: "w", now: subject.time(2), leaseFor: 30))
        #expect(again.attempt == 1 && again.token != first.token)
        #expect(try await store.renewLease(trialID: first.trialID, token: first.token, now: subject.time(3), leaseFor: 30) == .lost)
        #expect(try await !store.releaseLease(trialID: again.trialID, token: first.token, now: subject.time(3)))
        #expect(try subject.attemptStatuses(trialID: first.trialID) == ["released", "running"])
        // With one attempt allowed, only the counted attempt's expiry fails the trial
        #expect(try await store.reapExpiredLeases(now: subject.time(40)) == ReapSummary(failed: 1))
    }

    @Test(arguments: StoreKind.allCases)
    func expiryOfTheLastAttemptFailsTheTrialWithTheReason(kind: StoreKind) async throws {
        let subject = try kind.make(policy: LeasePolicy(maxAttempts: 2))
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let store = subject.store
        let first = try #require(try await store.claimTrial(workerID: "a", now: subject.start, leaseFor: 10))
        #expect(try await store.reapExpiredLeases(now: subject.time(11)) == ReapSummary(requeued: 1))
        _ = try #require(try await store.claimTrial(workerID: "b", now: subject.time(12), leaseFor: 10))
        #expect(try await store.reapExpiredLeases(now: subject.time(23)) == ReapSummary(failed: 1))
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.failed: 1]))
        #expect(try await store.claimTrial(workerID: "c", now: subject.time(24), leaseFor: 10) == nil)
        #expect(try subject.failureReason(trialID: first.trialID) == "lease expired on attempt 2 of 2 (worker b)")
        #expect(try subject.attemptStatuses(trialID: first.trialID) == ["expired", "expired"])
    }
}
