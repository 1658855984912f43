import Foundation
import SweepCore
import SweepStore
import Synchronization
import Testing
import Worker

/// Counts calls and returns a result derived from the seed; seed 1 throws (an executor error).
final class CountingExecutor: TrialExecutor {
    let calls = Mutex<[String]>([])
    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        calls.withLock { $0.append(assignment.trialID) }
        if assignment.seed == 1 { throw CancellationError() }
        return TrialResult(success: true, stopReason: .success, sequences: 10 + Int(assignment.seed))
    }
}

/// A store whose result writes fail, as a full disk would make them.
struct FailingResultsStore: TrialStore {
    let inner = InMemoryTrialStore()
    struct DiskFull: Error {}
    func submit(_ sweep: SweepDefinition, trials: [SweepTrial], now: Date) throws -> SubmitSummary {
        try inner.submit(sweep, trials: trials, now: now)
    }
    func submit(_ submissions: [SweepSubmission], now: Date) throws -> [SubmitSummary] { try inner.submit(submissions, now: now) }
    func claimTrial(workerID: String, now: Date, leaseFor: TimeInterval, sweepName: String?) throws -> Claim? {
        try inner.claimTrial(workerID: workerID, now: now, leaseFor: leaseFor, sweepName: sweepName)
    }
    func renewLease(trialID: String, token: String, now: Date, leaseFor: TimeInterval) throws -> RenewResult {
        try inner.renewLease(trialID: trialID, token: token, now: now, leaseFor: leaseFor)
    }
    func completeTrial(_ completion: TrialCompletion, now: Date) throws -> CompletionResult { throw DiskFull() }
    func completeTrials(_ completions: [TrialCompletion], now: Date) throws -> [CompletionResult] { throw DiskFull() }
    func releaseLease(trialID: String, token: String, now: Date) throws -> Bool {
        try inner.releaseLease(trialID: trialID, token: token, now: now)
    }
    func reapExpiredLeases(now: Date) throws -> ReapSummary { try inner.reapExpiredLeases(now: now) }
    func statusCounts(sweepName: String?) throws -> StatusCounts { try inner.statusCounts(sweepName: sweepName) }
    func cancelSweep(named name: String, now: Date) throws -> Int { try inner.cancelSweep(named: name, now: now) }
}

/// The worker engine over the in-process adapter: what `lstm-sweep run` does.
struct LocalEngineTests {
    static let schema = ParameterSchema(["toy.x": .init(.real(-100...100))])

    static func sweep(_ name: String, seeds: Int, xs: [Double]) -> SweepDefinition {
        SweepDefinition(
            name: name, preset: "toy", seeds: (0..<UInt64(seeds)).map { $0 }, fixed: [:],
            grid: [.init(name: "toy.x", values: xs.map { .real($0) })], schema: schema)
    }

    static func engine(_ store: any TrialStore, _ executor: any TrialExecutor, sweeps: [String], jobs: Int) -> WorkerLoop {
        WorkerLoop(
            channel: StoreChannel(store: store, policy: .standard), executor: executor, outbox: nil,
            configuration: WorkerConfiguration(jobs: jobs, name: "local", sweepNames: sweeps, idlePoll: 0.02, exitWhenIdle: true))
    }

    static func database() throws -> (SweepDatabase, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return (try SweepDatabase(path: folder.appendingPathComponent("results.sqlite").path), folder)
    }

    @Test func everyTrialRunsExactlyOnceOnARealDatabase() async throws {
        let (store, folder) = try Self.database()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = Self.sweep("s", seeds: 20, xs: [1, 2, 3])
        _ = try await store.submit(sweep, trials: sweep.expandTrials(), now: Date())
        let executor = CountingExecutor()
        let engine = Self.engine(store, executor, sweeps: ["s"], jobs: 4)
        try await engine.run()
        let calls = executor.calls.withLock { $0 }
        #expect(calls.count == 60)
        #expect(Set(calls).count == 60)
        #expect(engine.tally.finished == 60)
        let counts = try await store.statusCounts(sweepName: "s")
        #expect(counts[.done] == 57)
        #expect(counts[.failed] == 3)  // seed 1 throws: recorded as an error outcome
        // A second run finds nothing to do
        let again = Self.engine(store, executor, sweeps: ["s"], jobs: 4)
        try await again.run()
        #expect(again.tally.finished == 0)
        #expect(executor.calls.withLock { $0.count } == 60)
    }

    @Test func aStopBeforeTheRunClaimsNothing() async throws {
        let store = InMemoryTrialStore()
        let sweep = Self.sweep("s", seeds: 5, xs: [1])
        _ = try store.submit(sweep, trials: sweep.expandTrials(), now: Date())
        let engine = Self.engine(store, CountingExecutor(), sweeps: ["s"], jobs: 2)
        engine.requestStop(grace: 0)
        try await engine.run()
        #expect(try store.statusCounts(sweepName: "s")[.queued] == 5)
    }

    @Test func sweepsAreClaimedInFileOrder() async throws {
        let store = InMemoryTrialStore()
        for sweep in [Self.sweep("b", seeds: 3, xs: [1]), Self.sweep("a", seeds: 3, xs: [1])] {
            _ = try store.submit(sweep, trials: sweep.expandTrials(), now: Date())
        }
        let executor = CountingExecutor()
        try await Self.engine(store, executor, sweeps: ["a", "b"], jobs: 1).run()
        #expect(executor.calls.withLock { $0 }.allSatisfy { store.outcome(trialID: $0) != nil })
        #expect(executor.calls.withLock { $0.count } == 6)
        let aIDs = Set(Self.sweep("a", seeds: 3, xs: [1]).expandTrials().map(\.id))
        #expect(executor.calls.withLock { Array($0.prefix(3)) }.allSatisfy(aIDs.contains))
    }

    @Test func aFailingStoreStopsTheRunWithItsError() async throws {
        let store = FailingResultsStore()
        let sweep = Self.sweep("s", seeds: 4, xs: [1])
        _ = try store.submit(sweep, trials: sweep.expandTrials(), now: Date())
        let engine = Self.engine(store, CountingExecutor(), sweeps: ["s"], jobs: 1)
        await #expect(throws: FailingResultsStore.DiskFull.self) { try await engine.run() }
        // It stopped at the first failed write instead of running the whole queue
        #expect(try store.statusCounts(sweepName: "s")[.queued] >= 2)
    }
    /// A slot woken from a stop renews its sibling's late lease before it claims. In a local run an
    /// empty claim reaps expired leases, so the idle slot used to take back the running trial of the
    /// other slot (which had been stopped with it) and run it a second time.
    @Test func anIdleSlotDoesNotReapItsSiblingsLateLease() async throws {
        let store = InMemoryTrialStore()
        let schema = ParameterSchema(["sleep_ms": .init(.integer(0...10_000))])
        let sweep = SweepDefinition(
            name: "s", preset: "toy", seeds: [0], fixed: ["sleep_ms": .int(600)], grid: [], schema: schema)
        _ = try store.submit(sweep, trials: sweep.expandTrials(), now: Date())
        // The store's clock, which the test moves on as a stop of the whole process would
        let skew = Mutex<TimeInterval>(0)
        let clock = StoreClock { Date().addingTimeInterval(skew.withLock { $0 }) }
        let engine = WorkerLoop(
            channel: StoreChannel(store: store, policy: .standard, clock: clock), executor: EchoExecutor(), outbox: nil,
            configuration: WorkerConfiguration(jobs: 2, name: "local", sweepNames: ["s"], idlePoll: 0.02, exitWhenIdle: true))
        // Given slot 0 runs the only trial
        async let first = engine.runOnce(slot: 0)
        for _ in 0..<200 where try store.statusCounts(sweepName: "s")[.leased] < 1 {
            try await Task.sleep(for: .milliseconds(5))
        }
        // When 40 s pass (the lease is 30 s) and slot 1 claims first
        skew.withLock { $0 = 40 }
        let second = await engine.runOnce(slot: 1, now: .now + .seconds(40))
        // Then it finds nothing to run, and the trial runs once, in slot 0
        #expect(second == .idle(remaining: 1))
        #expect(await first == .ran(trialID: sweep.expandTrials()[0].id, answer: .accepted))
        #expect(try store.statusCounts(sweepName: "s")[.done] == 1)
        #expect(store.attemptStatuses(trialID: sweep.expandTrials()[0].id) == [.accepted])
    }
}
