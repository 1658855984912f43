import Foundation
import SweepCore
import Testing
import Worker

@Suite struct WorkerLoopTests {
    func makeWorker(_ fake: FakeCoordinator, outbox folder: URL, heartbeatInterval: TimeInterval? = nil) throws -> WorkerLoop {
        WorkerLoop(
            channel: CoordinatorClient(transport: fake), executor: EchoExecutor(),
            outbox: try ResultOutbox(directory: folder),
            configuration: WorkerConfiguration(jobs: 1, name: "w", heartbeatInterval: heartbeatInterval))
    }

    /// Polls (at most 2 s) until the fake coordinator has answered `count` claims.
    func waitForClaims(_ fake: FakeCoordinator, _ count: Int) async throws {
        for _ in 0..<400 where fake.state.withLock({ $0.claimCounts.count }) < count {
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("worker-\(UUID().uuidString)")
    }

    @Test func roundClaimsRunsAndReportsThenEmptiesTheOutbox() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = [FakeCoordinator.claim("t1")] }
        let worker = try makeWorker(fake, outbox: folder)
        #expect(await worker.runOnce() == .ran(trialID: "t1", answer: .accepted))
        #expect(await worker.runOnce() == .idle(remaining: 0))
        #expect(fake.state.withLock { $0.received.map(\.trialID) } == ["t1"])
        #expect(try ResultOutbox(directory: folder).count == 0)
    }

    @Test func resultsStayInTheOutboxWhileTheCoordinatorIsDownAndAreResentLater() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = [FakeCoordinator.claim("t1", sleepMS: 50)] }
        let worker = try makeWorker(fake, outbox: folder)
        // Given the coordinator goes away while the trial runs
        async let round = worker.runOnce()
        try await Task.sleep(for: .milliseconds(10))
        fake.state.withLock { $0.down = true }
        #expect(await round == .ran(trialID: "t1", answer: nil))
        // Then the result survives a worker restart (a new outbox on the same folder) …
        #expect(try ResultOutbox(directory: folder).pending().map(\.trialID) == ["t1"])
        // … and is delivered once the coordinator is back
        fake.state.withLock { $0.down = false }
        let restarted = try makeWorker(fake, outbox: folder)
        #expect(await restarted.flushOutbox(olderThan: nil))
        #expect(fake.state.withLock { $0.received.map(\.token) } == ["token-t1"])
        #expect(try ResultOutbox(directory: folder).count == 0)
    }

    @Test func stopReplyCancelsTheRunningTrialWhichReportsCancelled() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock {
            $0.queue = [FakeCoordinator.claim("t1", sleepMS: 5000)]
            $0.heartbeatStatus = .stop
        }
        let worker = try makeWorker(fake, outbox: folder)
        async let round = worker.runOnce()
        // Drive heartbeat rounds "one interval later" until the fake has seen one (bounded)
        for _ in 0..<100 where fake.state.withLock({ $0.heartbeats }) == 0 {
            try await Task.sleep(for: .milliseconds(20))
            await worker.heartbeater.runOnce(now: .now + .seconds(6))
        }
        #expect(await round == .ran(trialID: "t1", answer: .accepted))
        #expect(fake.state.withLock { $0.received.first?.result.stopReason } == .cancelled)
    }

    @Test func shortTrialsAreClaimedSeveralAtATimeAndReportedAsOneBatch() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        // A lease and heartbeat interval of years, so that the time-per-trial cap never binds, however
        // slow a loaded machine makes these no-op rounds: under a busy parallel test run a no-op trial
        // once waited minutes for a thread, and an hour's lease made the cap bind. Only the doubling is
        // under test here.
        fake.state.withLock {
            $0.queue = (1...7).map { FakeCoordinator.claim("t\($0)") }
            $0.leaseSeconds = 400_000_000
        }
        let worker = try makeWorker(fake, outbox: folder, heartbeatInterval: 100_000_000)
        // The first round claims one trial; no-op trials finish well within the lease, so the claim count doubles
        #expect(await worker.runOnce() == .ran(trialID: "t1", answer: .accepted))
        #expect(await worker.runOnce() == .ranBatch(trialIDs: ["t2", "t3"], answers: [.accepted, .accepted]))
        // While results cannot be sent, the batch waits in the outbox as one file
        fake.state.withLock { $0.resultsDown = true }
        #expect(await worker.runOnce() == .ranBatch(trialIDs: ["t4", "t5", "t6", "t7"], answers: [nil, nil, nil, nil]))
        let outbox = try ResultOutbox(directory: folder)
        #expect(outbox.count == 1)
        #expect(outbox.pending().map(\.trialID) == ["t4", "t5", "t6", "t7"])
        // … and is resent as one batch, with every token of its claim
        fake.state.withLock { $0.resultsDown = false }
        #expect(await worker.flushOutbox(olderThan: nil))
        #expect(outbox.count == 0)
        let (counts, batches, tokens) = fake.state.withLock { ($0.claimCounts, $0.resultBatches, $0.received.map(\.token)) }
        #expect(counts == [1, 2, 4])
        #expect(batches == [1, 2, 4])
        #expect(tokens == (1...7).map { "token-t\($0)" })
    }

    @Test func maxClaimCountOneKeepsOneTrialPerClaim() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = (1...3).map { FakeCoordinator.claim("t\($0)") } }
        let worker = WorkerLoop(
            channel: CoordinatorClient(transport: fake), executor: EchoExecutor(), outbox: try ResultOutbox(directory: folder),
            configuration: WorkerConfiguration(jobs: 1, name: "w", maxClaimCount: 1))
        for id in ["t1", "t2", "t3"] { #expect(await worker.runOnce() == .ran(trialID: id, answer: .accepted)) }
        #expect(fake.state.withLock { $0.claimCounts } == [1, 1, 1])
    }

    @Test func heartbeatsOfAllHeldLeasesTravelAsOneRequest() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = (1...3).map { FakeCoordinator.claim("t\($0)", sleepMS: 300) } }
        let worker = try makeWorker(fake, outbox: folder)
        // Three slots each hold one running trial
        async let first = worker.runOnce(slot: 0)
        async let second = worker.runOnce(slot: 1)
        async let third = worker.runOnce(slot: 2)
        try await waitForClaims(fake, 3)
        // One heartbeat round, "one interval later", renews the three leases in one request
        #expect(await worker.heartbeater.runOnce(now: .now + .seconds(6)) == 3)
        #expect(fake.state.withLock { $0.heartbeatBatches } == [3])
        _ = await (first, second, third)
    }

    /// A worker stopped or starved past its lease asks before it gives the trial up. It used to abandon
    /// the trial on its own clock without a request, so the trial ran again from the start although the
    /// coordinator still held the lease for it (the paper run lost ~40 CPU minutes so, 2026-12-02).
    @Test func aLeasePastItsDeadlineIsKeptWhenTheCoordinatorStillHoldsIt() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = [FakeCoordinator.claim("t1", sleepMS: 300)] }
        let worker = try makeWorker(fake, outbox: folder)
        async let round = worker.runOnce()
        try await waitForClaims(fake, 1)
        // When the heartbeat round comes 40 s on, past the 30 s lease
        #expect(await worker.heartbeater.runOnce(now: .now + .seconds(40)) == 1)
        // Then the late lease was sent, renewed, and the trial reported
        #expect(fake.state.withLock { $0.heartbeatBatches } == [1])
        #expect(await round == .ran(trialID: "t1", answer: .accepted))
    }

    @Test func aLeasePastItsDeadlineIsAbandonedWhenTheCoordinatorDoesNotAnswer() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = [FakeCoordinator.claim("t1", sleepMS: 300), FakeCoordinator.claim("t2", sleepMS: 300)] }
        let worker = WorkerLoop(
            channel: CoordinatorClient(transport: fake), executor: EchoExecutor(), outbox: try ResultOutbox(directory: folder),
            configuration: WorkerConfiguration(jobs: 1, name: "w", maxClaimCount: 1))
        async let round = worker.runOnce()
        try await waitForClaims(fake, 1)
        // When the coordinator is unreachable at a heartbeat round past the lease
        fake.state.withLock { $0.down = true }
        #expect(await worker.heartbeater.runOnce(now: .now + .seconds(40)) == 0)
        // Then the trial is abandoned: neither reported nor kept in the outbox
        #expect(await round == .ran(trialID: "t1", answer: nil))
        #expect(try ResultOutbox(directory: folder).count == 0)
        // But a lease still inside its deadline survives an unanswered round
        fake.state.withLock { $0.down = false }
        async let next = worker.runOnce()
        try await waitForClaims(fake, 2)
        fake.state.withLock { $0.down = true }
        #expect(await worker.heartbeater.runOnce(now: .now + .seconds(6)) == 0)
        fake.state.withLock { $0.down = false }
        #expect(await next == .ran(trialID: "t2", answer: .accepted))
    }

    /// A running trial's progress reaches the engine's tally (the progress line of `run`), and leaves it
    /// with the trial.
    @Test func runningTrialsTellHowFarTheyAre() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = [FakeCoordinator.claim("t1", sleepMS: 400)] }
        let worker = try makeWorker(fake, outbox: folder)
        async let round = worker.runOnce()
        try await waitForClaims(fake, 1)
        var seen: [TrialStanding] = []
        for _ in 0..<200 where seen.isEmpty {
            try await Task.sleep(for: .milliseconds(5))
            seen = worker.tally.standings
        }
        #expect(seen.count == 1)
        #expect(seen.first.map { $0.maxSequences == 400 && (1...400).contains($0.sequences) } == true, "\(seen)")
        #expect(await round == .ran(trialID: "t1", answer: .accepted))
        #expect(worker.tally.standings.isEmpty)
    }

    /// A stop that arrives while one slot's claim is in flight hands back that claim's trials only:
    /// another slot's running trial keeps its grace and is reported. (It used to abandon every held
    /// lease, so the running trial was cancelled at once and released.)
    @Test func aStopDuringAnotherSlotsClaimLeavesRunningTrialsTheirGrace() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = [FakeCoordinator.claim("t1", sleepMS: 400), FakeCoordinator.claim("t2")] }
        let worker = WorkerLoop(
            channel: CoordinatorClient(transport: fake), executor: EchoExecutor(), outbox: try ResultOutbox(directory: folder),
            configuration: WorkerConfiguration(jobs: 2, name: "w", maxClaimCount: 1))
        // Given slot 0 runs t1
        async let first = worker.runOnce(slot: 0)
        try await waitForClaims(fake, 1)
        // When Ctrl-C arrives while slot 1's claim of t2 is in flight
        fake.state.withLock { $0.afterClaim = { worker.requestStop(grace: 60) } }
        let second = await worker.runOnce(slot: 1)
        // Then t2 is handed back unrun, and t1 runs to its end and is reported, not cancelled
        #expect(second == .ran(trialID: "t2", answer: nil))
        #expect(await first == .ran(trialID: "t1", answer: .accepted))
        let (received, released) = fake.state.withLock { ($0.received, $0.released) }
        #expect(released == ["t2"])
        #expect(received.map(\.trialID) == ["t1"])
        #expect(received.first?.result.stopReason != .cancelled)
    }

    @Test func backoffGrowsExponentiallyWithJitterUpToTheCap() {
        var backoff = RetryBackoff(base: 0.1, cap: 1)
        let delays = (0..<8).map { _ in backoff.nextDelay() }
        #expect(delays[0] >= .milliseconds(50) && delays[0] <= .milliseconds(100))
        #expect(delays[3] >= .milliseconds(400) && delays[3] <= .milliseconds(800))
        #expect(delays.allSatisfy { $0 <= .seconds(1) })
        backoff.reset()
        #expect(backoff.nextDelay() <= .milliseconds(100))
    }
}
