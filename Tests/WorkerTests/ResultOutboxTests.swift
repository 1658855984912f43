// Issue 16, defect 5: the outbox wedge. Up to 500 results went in one request with no byte limit; a
// backlog of long learning curves passed the coordinator's 16 MiB batch limit, the 413 counted as
// "refused", and the same oversized batch was rebuilt and refused forever. Files that no longer
// decoded, and batches refused for one bad result, wedged it the same way.

import Foundation
import SweepCore
import Testing
import Worker

struct ResultOutboxTests {
    func scratch() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)")
    }

    func makeWorker(_ fake: FakeCoordinator, outbox: ResultOutbox) -> WorkerLoop {
        WorkerLoop(
            channel: CoordinatorClient(transport: fake), executor: EchoExecutor(), outbox: outbox,
            configuration: WorkerConfiguration(jobs: 1, name: "w"))
    }

    /// A result with a learning curve of `points` points (about 90 bytes each as JSON).
    static func completion(_ id: String, points: Int) -> TrialCompletion {
        let curve = (0..<points).map {
            LearningCurvePoint(sequences: $0 * 100, trainingLoss: 1 / Double($0 + 3), testLoss: 0.123456789, errorRate: 0.5)
        }
        return TrialCompletion(
            trialID: id, token: "token-\(id)",
            result: TrialResult(success: true, stopReason: .success, sequences: points, curve: curve))
    }

    @Test func aBacklogPastTheCoordinatorsBatchLimitIsSentInSeveralBatches() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given 40 results of 5,000 curve points (Exp. 2's default curve), about 18 MB in all
        let outbox = try ResultOutbox(directory: folder)
        for index in 0..<40 { try outbox.add(Self.completion("t\(index)", points: 5_000)) }
        let fake = FakeCoordinator()
        let worker = makeWorker(fake, outbox: outbox)
        // When the outbox is flushed
        let emptied = await worker.flushOutbox(olderThan: nil)
        // Then every result arrived, in requests under the limit, and nothing is left
        #expect(emptied)
        #expect(Set(fake.state.withLock { $0.received.map(\.trialID) }).count == 40)
        #expect(fake.state.withLock { $0.resultBatches.count } >= 2)
        #expect(outbox.count == 0)
    }

    @Test func aRoundsResultsAreStoredAsBatchesUnderTheByteLimit() throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = try ResultOutbox(directory: folder)
        let batches = try outbox.add(batch: (0..<40).map { Self.completion("t\($0)", points: 5_000) })
        #expect(batches.count >= 2)
        #expect(batches.allSatisfy { $0.bytes <= ResultOutbox.maximumBatchBytes })
        #expect(batches.flatMap(\.completions).map(\.trialID) == (0..<40).map { "t\($0)" })
        #expect(outbox.count == batches.count)
    }

    @Test func aResultPastTheOneResultLimitHasItsCurveThinned() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = try ResultOutbox(directory: folder)
        // 50,000 points: about 4.5 MB, past the 1 MiB one result may take
        try outbox.add(Self.completion("huge", points: 50_000))
        let fake = FakeCoordinator()
        fake.state.withLock { $0.batchBodyLimit = 1024 * 1024 }
        #expect(await makeWorker(fake, outbox: outbox).flushOutbox(olderThan: nil))
        let received = try #require(fake.state.withLock { $0.received.first })
        #expect(received.result.curve.count < 50_000)
        #expect(received.result.curve.first?.sequences == 0)
        #expect(received.result.curve.last?.sequences == 49_999 * 100)
        #expect(received.result.metrics["curvePointsBeforeThinning"] == 50_000)
        #expect(try APICoding.encode(received).count <= 1024 * 1024)
    }

    @Test func anUndecodableFileIsQuarantinedAndTheRestIsSent() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = try ResultOutbox(directory: folder)
        try Data("{\"trialID\": ".utf8).write(to: folder.appendingPathComponent("broken-token.json"))
        try outbox.add(Self.completion("good", points: 3))
        let fake = FakeCoordinator()
        #expect(await makeWorker(fake, outbox: outbox).flushOutbox(olderThan: nil))
        #expect(fake.state.withLock { $0.received.map(\.trialID) } == ["good"])
        #expect(outbox.count == 0)
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("quarantine").path)
        #expect(quarantined == ["broken-token.json"])
    }

    @Test func aRefusedBatchIsSplitAndOnlyTheRefusedResultIsQuarantined() async throws {
        let folder = scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let outbox = try ResultOutbox(directory: folder)
        try outbox.add(batch: ["a", "bad", "b"].map { Self.completion($0, points: 3) })
        try outbox.add(Self.completion("c", points: 3))
        let fake = FakeCoordinator()
        fake.state.withLock { $0.refusedTrialIDs = ["bad"] }
        let worker = makeWorker(fake, outbox: outbox)
        // A refused batch is split on the first flush; each part goes on its own on the next ones.
        var emptied = false
        for _ in 0..<5 where !emptied { emptied = await worker.flushOutbox(olderThan: nil) }
        #expect(emptied)
        #expect(Set(fake.state.withLock { $0.received.map(\.trialID) }) == ["a", "b", "c"])
        #expect(outbox.count == 0)
        let quarantined = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("quarantine").path)
        #expect(quarantined.count == 1 && quarantined[0].hasPrefix("bad-"), "\(quarantined)")
    }
}
