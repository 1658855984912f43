// The count an empty claim answers with: both stores agree with their own status counts, for one
// sweep and for all, as trials are claimed and finished.

import Foundation
import SweepCore
import SweepStore
import Testing

struct UnfinishedCountTests {
    @Test(arguments: StoreKind.allCases)
    func unfinishedCountIsQueuedPlusLeased(kind: StoreKind) async throws {
        let subject = try kind.make()
        defer { subject.remove() }
        // Given six queued trials of sweep s, three of them claimed and one of those finished
        try await subject.submit(StoreFixture.sweep())
        let claims = try await subject.store.claimTrials(workerID: "w", now: subject.start, leaseFor: 30, sweepName: nil, count: 3)
        let first = try #require(claims.first)
        _ = try await subject.store.completeTrial(
            TrialCompletion(trialID: first.trialID, token: first.token, result: StoreFixture.result()), now: subject.start)
        // Then the unfinished count is the queued and leased trials, per sweep and overall
        let counts = try await subject.store.statusCounts(sweepName: "s")
        #expect(counts[.queued] == 3 && counts[.leased] == 2 && counts[.done] == 1)
        #expect(try await subject.store.unfinishedCount(sweepName: "s") == 5)
        #expect(try await subject.store.unfinishedCount(sweepName: nil) == 5)
        #expect(try await subject.store.unfinishedCount(sweepName: "other") == 0)
    }
}
