import Foundation
import SweepCore
import Testing
import Worker

@Suite struct WorkerLoopTests {
    func makeWorker(_ fake: FakeCoordinator, outbox folder: URL) throws -> WorkerLoop {
        WorkerLoop(
            client: CoordinatorClient(transport: fake), executor: EchoExecutor(),
            outbox: try ResultOutbox(directory: folder), configuration: WorkerConfiguration(jobs: 1, name: "w"))
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
