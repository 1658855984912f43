// Issue 6, item 8 (a)-(c) and item 7: whole sweeps through real coordinator and worker processes.

import Foundation
import SweepCore
import Testing

@Suite(.serialized)
struct ClusterRecoveryTests {
    @Test func threeWorkersCompleteA200TrialToySweep() async throws {
        let cluster = try ClusterHarness("a")
        defer { cluster.shutdown() }
        // Given a coordinator with a 200-trial toy sweep
        try await cluster.startCoordinator()
        let sweep = try cluster.sweepFile("two-hundred", "name: two-hundred\npreset: toy\nseeds: 200\n")
        let (submitted, output) = try await cluster.run(["submit", sweep, "--coordinator", cluster.url])
        #expect(submitted == 0, "\(output)")
        // When three workers run until the queue is empty
        let workers = try (0..<3).map { try cluster.startWorker("w\($0)", ["--jobs", "2", "--exit-when-idle"]) }
        for worker in workers {
            let status = await worker.waitForExit(seconds: 90)
            #expect(status == 0, "worker: \(worker.output)")
        }
        // Then every trial is done exactly once, and all three took part
        let status = try #require(try await cluster.status())
        #expect(status.total[.done] == 200)
        #expect(try await cluster.count("SELECT COUNT(*) FROM outcome") == 200)
        #expect(try await cluster.count("SELECT COUNT(*) FROM attempt WHERE status = 'accepted'") == 200)
        #expect(try await cluster.count("SELECT COUNT(DISTINCT substr(workerId, 1, 2)) FROM outcome") == 3)
    }

    @Test func killedWorkersTrialRunsAgainAfterLeaseExpiry() async throws {
        let cluster = try ClusterHarness("b")
        defer { cluster.shutdown() }
        // Given a 2 s lease, attempts to spare, and one slow trial leased by a worker that stalls past
        // its lease twice before it is killed. A loaded machine stalls workers like this: in CI (stop 21)
        // the doomed worker's heartbeats came late three times, the trial used its 3 attempts and
        // failed, and the rescuer found nothing to run. The SIGSTOPs make that case part of the test.
        // The trial sleeps 20 s: beside a full test run at load 12 the status polls missed the whole
        // lease of an 8 s one.
        try await cluster.startCoordinator(["--lease-seconds", "2", "--heartbeat-seconds", "0.5", "--max-attempts", "100"])
        let sweep = try cluster.sweepFile("slow", "name: slow\npreset: toy\nseeds: 1\nfixed:\n  toy.sleep_ms: 20000\n")
        try await cluster.run(["submit", sweep, "--coordinator", cluster.url])
        let doomed = try cluster.startWorker("doomed")
        let leased = { await cluster.waitUntil(seconds: 120) { (try? await cluster.status())?.total[.leased] == 1 } }
        for stall in 0..<2 {
            try #require(await leased(), "stall \(stall): the trial was never seen leased")
            doomed.signal(SIGSTOP)
            try await Task.sleep(for: .seconds(3))
            doomed.signal(SIGCONT)
        }
        // When the worker is killed holding the lease and another one starts
        try #require(await leased(), "the trial was never seen leased before the kill")
        doomed.signal(SIGKILL)
        _ = await doomed.waitForExit(seconds: 10)
        let rescuer = try cluster.startWorker("rescuer", ["--exit-when-idle"])
        #expect(await rescuer.waitForExit(seconds: 120) == 0, "\(rescuer.output)")
        // Then the trial ran again after each expiry, and exactly one result, the rescuer's, was accepted
        let (_, attempts) = try await cluster.run(
            ["query", "--db", cluster.database, "--format", "csv", "SELECT workerId, status FROM attempt ORDER BY number"])
        let expired = try await cluster.count("SELECT COUNT(*) FROM attempt WHERE status = 'expired'")
        #expect((try await cluster.status())?.total[.done] == 1, "\(attempts)")
        #expect(try await cluster.count("SELECT COUNT(*) FROM outcome") == 1)
        #expect(expired >= 1, "\(attempts)")
        #expect(try await cluster.count("SELECT COUNT(*) FROM attempt WHERE status = 'expired' AND workerId NOT LIKE 'doomed%'") == 0, "\(attempts)")
        #expect(try await cluster.count("SELECT COUNT(*) FROM attempt WHERE status = 'accepted'") == 1)
        #expect(try await cluster.count("SELECT attempt FROM trial") == expired + 1, "\(attempts)")
        #expect(try await cluster.count("SELECT COUNT(*) FROM outcome WHERE workerId LIKE 'rescuer%'") == 1)
    }

    @Test func coordinatorKilledMidSweepResumesOnRestartWithNothingLostOrDuplicated() async throws {
        let cluster = try ClusterHarness("c")
        defer { cluster.shutdown() }
        // Given two workers halfway through a sweep of 100 ms trials
        let server = try await cluster.startCoordinator()
        let sweep = try cluster.sweepFile("resume", "name: resume\npreset: toy\nseeds: 60\nfixed:\n  toy.sleep_ms: 100\n")
        try await cluster.run(["submit", sweep, "--coordinator", cluster.url])
        let workers = try (0..<2).map { try cluster.startWorker("w\($0)", ["--jobs", "2", "--exit-when-idle"]) }
        let started = await cluster.waitUntil(seconds: 30) { ((try? await cluster.status())?.total[.done] ?? 0) >= 10 }
        #expect(started)
        // When the coordinator is killed with SIGKILL, stays away a moment, and restarts on the same database
        server.signal(SIGKILL)
        _ = await server.waitForExit(seconds: 10)
        try await Task.sleep(for: .seconds(1))
        try await cluster.startCoordinator()
        for worker in workers {
            #expect(await worker.waitForExit(seconds: 120) == 0, "\(worker.output)")
        }
        // Then every trial has exactly one accepted outcome
        let status = try #require(try await cluster.status())
        #expect(status.total[.done] == 60)
        #expect(status.total[.failed] == 0)
        #expect(try await cluster.count("SELECT COUNT(*) FROM outcome") == 60)
        #expect(try await cluster.count("SELECT COUNT(*) FROM attempt WHERE status = 'accepted'") == 60)
        #expect(try await cluster.count("SELECT COUNT(*) FROM (SELECT trialId FROM outcome GROUP BY trialId HAVING COUNT(*) > 1)") == 0)
    }

    @Test func twoRemoteWorkersGiveTheSameOutcomesAsALocalRun() async throws {
        let cluster = try ClusterHarness("determinism")
        defer { cluster.shutdown() }
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("sweeps/toy-example.yaml").path
        // Given the same sweep run locally and through two remote workers
        let local = cluster.path("local.sqlite")
        let (ran, output) = try await cluster.run(["run", example, "--db", local, "--jobs", "2"])
        #expect(ran == 0, "\(output)")
        try await cluster.startCoordinator()
        try await cluster.run(["submit", example, "--coordinator", cluster.url])
        let workers = try (0..<2).map { try cluster.startWorker("w\($0)", ["--exit-when-idle"]) }
        for worker in workers { #expect(await worker.waitForExit(seconds: 60) == 0) }
        // Then the outcome rows agree apart from timing and provenance
        let (_, localRows) = try await cluster.run(["export", "--db", local, "--format", "jsonl"])
        let (_, remoteRows) = try await cluster.run(["export", "--db", cluster.database, "--format", "jsonl"])
        let left = try Self.comparable(localRows)
        let right = try Self.comparable(remoteRows)
        #expect(left.count == 36)
        #expect(left == right)
    }

    static let timingAndProvenance: Set<String> = [
        "wallSeconds", "cpuSeconds", "stepsPerSecond", "workerId", "recordedAt", "version", "host", "build", "leaseWorker",
    ]

    static func comparable(_ jsonl: String) throws -> [String] {
        try jsonl.split(separator: "\n").map { line in
            var object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in timingAndProvenance { object.removeValue(forKey: key) }
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }.sorted()
    }
}
