// The TrialStore contract, continued: results, cancellation, status counts and concurrent claims.

import Foundation
import SweepCore
import SweepStore
import Testing

extension TrialStoreContractTests {
    // MARK: - Results

    @Test(arguments: StoreKind.allCases)
    func staleResultIsALateDuplicateAndTheAcceptedOutcomeStands(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        // Given a lease that expired, was claimed again by worker b and completed by it
        let (stale, fresh) = try await subject.staleAndLiveClaims()
        let good = TrialCompletion(trialID: fresh.trialID, token: fresh.token, result: StoreFixture.result(sequences: 42))
        #expect(try await store.completeTrial(good, now: subject.time(13)) == .accepted)
        #expect(try await store.completeTrial(good, now: subject.time(14)) == .alreadyAccepted)
        // When worker a reports late, twice
        let late = TrialCompletion(trialID: stale.trialID, token: stale.token, result: StoreFixture.result(sequences: 999))
        #expect(try await store.completeTrial(late, now: subject.time(15)) == .lateDuplicate)
        #expect(try await store.completeTrial(late, now: subject.time(16)) == .lateDuplicate)
        // Then there is exactly one outcome, the accepted one, and the late one is only history
        #expect(try subject.outcomeSequences(trialID: fresh.trialID) == [42])
        #expect(try subject.attemptStatuses(trialID: fresh.trialID) == ["lateDuplicate", "accepted"])
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.done: 1], successes: 1))
    }

    @Test(arguments: StoreKind.allCases)
    func completeTrialsAnswersInOrderAndAcceptsEachTrialOnce(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 3, xs: [1]))
        let store = subject.store
        let held = try await store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "s", count: 3)
        let completions = [
            TrialCompletion(trialID: held[1].trialID, token: held[1].token, result: StoreFixture.result(sequences: 1)),
            TrialCompletion(trialID: held[0].trialID, token: held[0].token, result: StoreFixture.result(sequences: 2)),
            TrialCompletion(trialID: held[1].trialID, token: held[1].token, result: StoreFixture.result(sequences: 3)),
            TrialCompletion(trialID: held[2].trialID, token: held[2].token, result: .error("boom")),
        ]
        #expect(try await store.completeTrials([], now: subject.time(1)) == [])
        #expect(try await store.completeTrials(completions, now: subject.time(1)) == [.accepted, .accepted, .alreadyAccepted, .accepted])
        #expect(try subject.outcomeSequences(trialID: held[1].trialID) == [1])
        #expect(try subject.failureReason(trialID: held[2].trialID) == "boom")
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.done: 2, .failed: 1], successes: 2))
    }

    /// A batch item that cannot be settled, and the error that refuses the whole batch.
    enum BadItem: String, CaseIterable, CustomTestStringConvertible {
        case unknownTrial, neverIssuedToken
        var testDescription: String { rawValue }
    }

    @Test(arguments: StoreKind.allCases, BadItem.allCases)
    func aBatchWithAnUnknownTrialOrTokenRecordsNothing(kind: StoreKind, bad: BadItem) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 2, xs: [1]))
        let store = subject.store
        let held = try await store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "s", count: 2)
        let good = TrialCompletion(trialID: held[0].trialID, token: held[0].token, result: StoreFixture.result())
        let unknown = String(repeating: "0", count: 64)
        let (item, error) =
            switch bad {
            case .unknownTrial:
                (TrialCompletion(trialID: unknown, token: held[1].token, result: StoreFixture.result()),
                 SweepError(.notFound, "no trial \(unknown)"))
            case .neverIssuedToken:
                (TrialCompletion(trialID: held[1].trialID, token: held[0].token, result: StoreFixture.result()),
                 SweepError(.staleToken, "token \(held[0].token) was never issued for trial \(held[1].trialID)"))
            }
        await #expect(throws: error) { try await store.completeTrials([good, item], now: subject.time(1)) }
        // Nothing of the batch was kept: the good item is accepted now, not already
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.leased: 2]))
        #expect(try await store.completeTrial(good, now: subject.time(2)) == .accepted)
    }

    @Test(arguments: StoreKind.allCases, [
        (StopReason.success, TrialState.done), (.budget, .done), (.diverged, .done), (.cancelled, .cancelled),
        (.error, .failed),
    ])
    func theStopReasonDecidesTheFinalState(kind: StoreKind, ending: (reason: StopReason, final: TrialState)) async throws {
        let (reason, final) = ending
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let claim = try #require(try await subject.store.claimTrial(workerID: "w", now: subject.start, leaseFor: 30))
        let result = TrialResult(success: reason == .success, stopReason: reason, sequences: 7)
        let completion = TrialCompletion(trialID: claim.trialID, token: claim.token, result: result)
        #expect(try await subject.store.completeTrial(completion, now: subject.time(1)) == .accepted)
        let counts = try await subject.store.statusCounts(sweepName: "s")
        #expect(counts == StatusCounts(byState: [final: 1], successes: reason == .success ? 1 : 0))
        #expect(try subject.failureReason(trialID: claim.trialID) == (final == .failed ? "executor error" : nil))
        #expect(try subject.outcomeSequences(trialID: claim.trialID) == [7])
    }

    // MARK: - Cancellation

    @Test(arguments: StoreKind.allCases)
    func cancellingASweepCancelsQueuedTrialsAndStopsLeasedOnes(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(name: "s", seeds: 3, xs: [1, 2]))
        try await subject.submit(StoreFixture.sweep(name: "t", seeds: 1, xs: [1]))
        let store = subject.store
        let held = try await store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "s", count: 2)
        // When s is cancelled
        #expect(try await store.cancelSweep(named: "s", now: subject.time(1)) == 4)
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.cancelled: 4, .leased: 2]))
        // Then its leases are told to stop (and still extended), and only t can be claimed
        #expect(try await store.renewLease(trialID: held[0].trialID, token: held[0].token, now: subject.time(20), leaseFor: 30) == .stop)
        #expect(try await store.claimTrial(workerID: "w", now: subject.time(2), leaseFor: 30, sweepName: "s") == nil)
        #expect(try await store.claimTrial(workerID: "w", now: subject.time(2), leaseFor: 300)?.assignment.sweepName == "t")
        // A running trial may still finish; a released or expired one ends cancelled (and is counted so)
        let done = TrialCompletion(trialID: held[0].trialID, token: held[0].token, result: StoreFixture.result())
        #expect(try await store.completeTrial(done, now: subject.time(21)) == .accepted)
        #expect(try await store.reapExpiredLeases(now: subject.time(45)) == ReapSummary(cancelled: 1))
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.cancelled: 5, .done: 1], successes: 1))
        // Cancelling again cancels nothing more; an unknown sweep is not found
        #expect(try await store.cancelSweep(named: "s", now: subject.time(46)) == 0)
        await #expect(throws: SweepError(.notFound, "no sweep named 'nope'")) { try await store.cancelSweep(named: "nope", now: subject.time(46)) }
    }

    @Test(arguments: StoreKind.allCases)
    func resubmittingACancelledSweepIsAConflictAndAddsNothing(kind: StoreKind) async throws {
        // Given a cancelled sweep
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 1, xs: [1, 2]))
        #expect(try await subject.store.cancelSweep(named: "s", now: subject.time(1)) == 2)
        // When it is submitted again, with more seeds or unchanged
        for seeds in [3, 1] {
            await #expect(throws: SweepError.cancelledSweep("s")) { try await subject.submit(StoreFixture.sweep(seeds: seeds, xs: [1, 2])) }
        }
        // Then no trial was added that could wait forever for a claim
        #expect(try await subject.store.statusCounts(sweepName: "s") == StatusCounts(byState: [.cancelled: 2]))
    }

    @Test(arguments: StoreKind.allCases)
    func aLeaseReleasedAfterCancellationEndsCancelled(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let claim = try #require(try await subject.store.claimTrial(workerID: "w", now: subject.start, leaseFor: 30))
        #expect(try await subject.store.cancelSweep(named: "s", now: subject.time(1)) == 0)
        #expect(try await subject.store.releaseLease(trialID: claim.trialID, token: claim.token, now: subject.time(2)))
        #expect(try await subject.store.statusCounts(sweepName: "s") == StatusCounts(byState: [.cancelled: 1]))
    }

    // MARK: - Status and concurrency

    @Test(arguments: StoreKind.allCases)
    func statusCountsFollowEveryPhase(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let store = subject.store
        #expect(try await store.statusCounts(sweepName: nil) == StatusCounts())
        try await subject.submit(StoreFixture.sweep(name: "s", seeds: 2, xs: [1, 2]))
        try await subject.submit(StoreFixture.sweep(name: "t", seeds: 1, xs: [1]))
        #expect(try await store.statusCounts(sweepName: nil) == StatusCounts(byState: [.queued: 5]))
        let held = try await store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "s", count: 3)
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.queued: 1, .leased: 3]))
        let results = [StoreFixture.result(success: true), StoreFixture.result(success: false), .error("x")]
        _ = try await store.completeTrials(
            zip(held, results).map { TrialCompletion(trialID: $0.trialID, token: $0.token, result: $1) }, now: subject.time(1))
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.queued: 1, .done: 2, .failed: 1], successes: 1))
        _ = try await store.cancelSweep(named: "s", now: subject.time(2))
        let all = try await store.statusCounts(sweepName: nil)
        #expect(all == StatusCounts(byState: [.queued: 1, .done: 2, .failed: 1, .cancelled: 1], successes: 1))
        #expect(all.total == 5 && all.finished == 4)
        #expect(try await store.statusCounts(sweepName: "t") == StatusCounts(byState: [.queued: 1]))
        #expect(try await store.statusCounts(sweepName: "nope") == StatusCounts())
    }

    @Test(arguments: StoreKind.allCases)
    func concurrentClaimersNeverGetTheSameTrial(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        try await subject.submit(StoreFixture.sweep(seeds: 50))
        let store = subject.store
        let claimed = ClaimLog()
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    while let claim = try? await store.claimTrial(workerID: "w\(worker)", now: subject.start, leaseFor: 30) {
                        claimed.append(claim.trialID)
                    }
                }
            }
        }
        #expect(claimed.all.count == 100)
        #expect(Set(claimed.all).count == 100)
        #expect(try await store.statusCounts(sweepName: "s") == StatusCounts(byState: [.leased: 100]))
    }
}
