// The TrialStore contract for several sweeps submitted at once (a multi-sweep file), on both stores,
// including sweeps with an adaptive search, whose plan and first step belong to the same submit.

import Foundation
import SweepCore
import Testing

extension TrialStoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func severalSweepsAreRegisteredTogetherInOrder(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let sweeps = [StoreFixture.sweep(name: "a", seeds: 2), StoreFixture.sweep(name: "b", seeds: 1, xs: [7])]
        let summaries = try await subject.store.submit(sweeps.map(SweepSubmission.init(expanding:)), now: subject.start)
        #expect(summaries == [
            SubmitSummary(createdSweep: true, insertedTrials: 4, existingTrials: 0),
            SubmitSummary(createdSweep: true, insertedTrials: 1, existingTrials: 0),
        ])
        #expect(try subject.sweepNames() == ["a", "b"])
    }

    @Test(arguments: StoreKind.allCases)
    func oneRefusedSweepRegistersNoneOfTheOthers(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        // Given sweep s in the store
        try await subject.submit(StoreFixture.sweep())
        // When a file submits a new sweep n, more seeds of s, and s with another fixed value
        var changed = StoreFixture.sweep(seeds: 5)
        changed.fixed["toy.y"] = .int(6)
        let batch = [StoreFixture.sweep(name: "n"), StoreFixture.sweep(seeds: 5), changed]
        await #expect(throws: SweepError(.conflict, Self.conflictMessage)) {
            try await subject.store.submit(batch.map(SweepSubmission.init(expanding:)), now: subject.start)
        }
        // Then neither n nor the new seeds of s were stored
        #expect(try subject.sweepNames() == ["s"])
        #expect(try await subject.store.statusCounts(sweepName: nil) == StatusCounts(byState: [.queued: 6]))
    }

    @Test(arguments: StoreKind.allCases)
    func aSearchSweepAmongSeveralGetsItsPlanAndFirstStepInTheSameSubmit(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        // Given a plain sweep and a frontier search submitted together
        let batch = [StoreFixture.sweep(name: "a", seeds: 1, xs: [7]), Self.frontierSweep(seeds: 2, rate: 1)]
        let summaries = try await subject.store.submit(batch.map(SweepSubmission.init(expanding:)), now: subject.start)
        #expect(summaries.map(\.insertedTrials) == [1, 2])
        // When the search's first probe succeeds
        let probe = try await subject.store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "f", count: 5)
        #expect(probe.map { $0.assignment.parameters["toy.y"] } == [.int(4), .int(4)])
        #expect(try await Self.finish(probe, in: subject, at: 1, success: true) == [.accepted, .accepted])
        // Then the stored plan queued the next probe and recorded the pass; the plain sweep is untouched
        #expect(try await subject.store.statusCounts(sweepName: "f") == StatusCounts(byState: [.done: 2, .queued: 2], successes: 2))
        #expect(try subject.searchDecisions(sweepName: "f").map(\.kind) == [.pass])
        #expect(try await subject.store.statusCounts(sweepName: "a") == StatusCounts(byState: [.queued: 1]))
    }

    @Test(arguments: StoreKind.allCases)
    func aRefusedSweepLeavesNoSearchPlanOfTheOthers(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        // Given sweep s in the store, and a file with a new frontier search f and a changed s
        try await subject.submit(StoreFixture.sweep())
        var changed = StoreFixture.sweep()
        changed.fixed["toy.y"] = .int(6)
        let batch = [Self.frontierSweep(seeds: 2, rate: 1), changed]
        await #expect(throws: SweepError(.conflict, Self.conflictMessage)) {
            try await subject.store.submit(batch.map(SweepSubmission.init(expanding:)), now: subject.start)
        }
        // Then f has neither trials nor a plan: submitting it alone creates it afresh, and its search runs
        #expect(try subject.sweepNames() == ["s"])
        #expect(
            try await subject.submit(Self.frontierSweep(seeds: 2, rate: 1))
                == SubmitSummary(createdSweep: true, insertedTrials: 2, existingTrials: 0))
        let probe = try await subject.store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: "f", count: 5)
        #expect(try await Self.finish(probe, in: subject, at: 1, success: true) == [.accepted, .accepted])
        #expect(try await subject.store.statusCounts(sweepName: "f")[.queued] == 2)
    }
}
