import Foundation
import Synchronization
import Testing
import SweepCore
@testable import SweepStore

/// Counts calls and returns a result derived from the seed.
final class CountingExecutor: TrialExecutor {
    let calls = Mutex<[String]>([])
    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        calls.withLock { $0.append(assignment.trialID) }
        if assignment.seed == 1 { throw CancellationError() }
        return StoreFixture.result(sequences: 10 + Int(assignment.seed))
    }
}

struct LocalSweepRunnerTests {
    @Test func runnerCompletesEveryTrialExactlyOnce() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.submit(StoreFixture.sweep(seeds: 20, xs: [1, 2, 3]))
        let executor = CountingExecutor()
        let runner = LocalSweepRunner(
            store: fixture.database, executor: executor, configuration: .init(jobs: 4, sweepNames: ["s"], batchSize: 7))
        let summary = try runner.run()
        #expect(summary.progress.finished == 60)
        #expect(!summary.interrupted)
        let calls = executor.calls.withLock { $0 }
        #expect(calls.count == 60)
        #expect(Set(calls).count == 60)
        let counts = try fixture.database.statusCounts(sweepName: "s")
        #expect(counts[.done] == 57)
        #expect(counts[.failed] == 3)  // seed 1 throws: recorded as an error outcome
        // A second run finds nothing to do
        let again = LocalSweepRunner(
            store: fixture.database, executor: executor, configuration: .init(jobs: 4, sweepNames: ["s"]))
        #expect(try again.run().progress.finishedThisRun == 0)
        #expect(executor.calls.withLock { $0.count } == 60)
    }

    @Test func stopRequestBeforeRunClaimsNothing() throws {
        let fixture = try StoreFixture()
        defer { fixture.remove() }
        try fixture.submit(StoreFixture.sweep(seeds: 5, xs: [1]))
        let runner = LocalSweepRunner(
            store: fixture.database, executor: CountingExecutor(), configuration: .init(jobs: 2, sweepNames: ["s"]))
        runner.requestStop(grace: 0)
        let summary = try runner.run()
        #expect(summary.interrupted)
        #expect(try fixture.database.statusCounts(sweepName: "s")[.queued] == 5)
    }
}
