// The TrialStore contract for several sweeps submitted at once (a multi-sweep file), on both stores.

import Foundation
import SweepCore
import Testing

extension TrialStoreContractTests {
    @Test(arguments: StoreKind.allCases)
    func severalSweepsAreRegisteredTogetherInOrder(kind: StoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        let sweeps = [StoreFixture.sweep(name: "a", seeds: 2), StoreFixture.sweep(name: "b", seeds: 1, xs: [7])]
        let summaries = try subject.store.submit(sweeps.map(SweepSubmission.init(expanding:)), now: subject.start)
        #expect(summaries == [
            SubmitSummary(createdSweep: true, insertedTrials: 4, existingTrials: 0),
            SubmitSummary(createdSweep: true, insertedTrials: 1, existingTrials: 0),
        ])
        #expect(try subject.sweepNames() == ["a", "b"])
    }

    @Test(arguments: StoreKind.allCases)
    func oneRefusedSweepRegistersNoneOfTheOthers(kind: StoreKind) throws {
        let subject = try kind.make()
        defer { subject.remove() }
        // Given sweep s in the store
        try subject.submit(StoreFixture.sweep())
        // When a file submits a new sweep n, more seeds of s, and s with another fixed value
        var changed = StoreFixture.sweep(seeds: 5)
        changed.fixed["toy.y"] = .int(6)
        let batch = [StoreFixture.sweep(name: "n"), StoreFixture.sweep(seeds: 5), changed]
        #expect(throws: SweepError(.conflict, Self.conflictMessage)) {
            try subject.store.submit(batch.map(SweepSubmission.init(expanding:)), now: subject.start)
        }
        // Then neither n nor the new seeds of s were stored
        #expect(try subject.sweepNames() == ["s"])
        #expect(try subject.store.statusCounts(sweepName: nil) == StatusCounts(byState: [.queued: 6]))
    }
}
