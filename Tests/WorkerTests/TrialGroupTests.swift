import Foundation
import SweepCore
import Synchronization
import Testing
import Worker

/// Groups trials by their `group` parameter and runs a group `lanes` trials at a time, as SIMD lanes
/// do: it ticks every 5 ms, a trial ends after its `sleep_ms` (or cancelled, when its flag is
/// raised), and its lane takes the next trial. Alone, it is the EchoExecutor.
final class LaneLikeExecutor: TrialGroupExecutor, Sendable {
    let lanes: Int
    let groupWidth: Int
    /// The trial IDs of each group run, in the order each group took them.
    let groups = Mutex<[[String]]>([])
    /// Trials run alone.
    let alone = Mutex<[String]>([])

    /// Keys whose groups are wider (or narrower) than `groupWidth`: they run that many lanes too.
    let widths: [String: Int]

    init(lanes: Int = 4, width: Int = 4, widths: [String: Int] = [:]) {
        self.lanes = lanes
        groupWidth = width
        self.widths = widths
    }

    func groupKey(for assignment: TrialAssignment) -> String? { assignment.parameters["group"]?.stringValue }

    func groupWidth(for assignment: TrialAssignment) -> Int { groupKey(for: assignment).flatMap { widths[$0] } ?? groupWidth }

    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        alone.withLock { $0.append(assignment.trialID) }
        return try EchoExecutor().runTrial(assignment, isCancelled: isCancelled)
    }

    func runGroup(next: () -> GroupedTrial?, finished: (GroupedTrial, TrialResult) -> Void) {
        var members: [String] = []
        var active: [(trial: GroupedTrial, left: Int)] = []
        var open = true, lanes = lanes
        while true {
            while open, active.count < lanes {
                guard let trial = next() else {
                    open = false
                    break
                }
                if members.isEmpty { lanes = widths[groupKey(for: trial.assignment) ?? ""] ?? lanes }
                members.append(trial.assignment.trialID)
                active.append((trial, trial.assignment.parameters["sleep_ms"]?.intValue ?? 0))
            }
            guard !active.isEmpty else { break }
            Thread.sleep(forTimeInterval: 0.005)
            var still: [(trial: GroupedTrial, left: Int)] = []
            for (trial, left) in active {
                if trial.isCancelled() {
                    finished(trial, TrialResult(success: false, stopReason: .cancelled, sequences: 0))
                } else if left <= 5 {
                    finished(trial, TrialResult(success: true, stopReason: .success, sequences: Int(trial.assignment.seed)))
                } else {
                    still.append((trial, left - 5))
                }
            }
            active = still
        }
        groups.withLock { $0.append(members) }
    }
}

/// The worker engine's groups: claimed trials that share a group key run together, each keeping its
/// own lease, cancellation and report.
@Suite struct TrialGroupTests {
    static func claim(_ id: String, group: String?, sleepMS: Int = 0) -> Claim {
        var claim = FakeCoordinator.claim(id, sleepMS: sleepMS)
        if let group { claim.assignment.parameters["group"] = .string(group) }
        return claim
    }

    func worker(_ fake: FakeCoordinator, _ executor: LaneLikeExecutor, groups: Bool = true) -> WorkerLoop {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("groups-\(UUID().uuidString)")
        // Outbox creation only fails on an unwritable temp folder.
        let outbox = try? ResultOutbox(directory: folder)
        return WorkerLoop(
            channel: CoordinatorClient(transport: fake), executor: executor, outbox: outbox,
            configuration: WorkerConfiguration(jobs: 1, name: "w", groupsTrials: groups))
    }

    /// Waits (bounded) until `condition` holds.
    func waitUntil(_ condition: () -> Bool) async throws {
        for _ in 0..<500 where !condition() { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test func trialsOfOneKeyRunTogetherRefillAndAreEachReportedWhenTheyEnd() async throws {
        // Given six trials of one key: the first runs until stopped, the others end after 20 ms
        let fake = FakeCoordinator()
        fake.state.withLock {
            $0.queue = [Self.claim("t1", group: "a", sleepMS: 600_000)] + (2...6).map { Self.claim("t\($0)", group: "a", sleepMS: 20) }
            // A lease of an hour: on a loaded machine the claim can be more than 24 s old when the test's
            // heartbeat round, "6 s later", runs, and a 30 s lease would then count as run out (lost).
            $0.leaseSeconds = 3600
        }
        let executor = LaneLikeExecutor()
        let worker = worker(fake, executor)
        // When a round claims one, tops up to a group's width and runs them as a group
        async let round = worker.runOnce()
        try await waitUntil { fake.state.withLock { $0.received.count } == 5 }
        // Then the five short trials were reported while the first still runs: a lane took the next
        // trial as each ended (claimed one at a time), and none waited for the group's end
        #expect(fake.state.withLock { $0.received.map(\.trialID) }.sorted() == ["t2", "t3", "t4", "t5", "t6"])
        // And a `stop` reply (sweep cancelled) stops the long trial, which reports `cancelled`
        fake.state.withLock { $0.heartbeatStatus = .stop }
        // (Rounds "one interval later" until t1 reports, bounded: under load one round can find
        // another in flight and send nothing, as in WorkerLoopTests' stop case.)
        for _ in 0..<200 where fake.state.withLock({ $0.received.count }) < 6 {
            await worker.heartbeater.runOnce(now: .now + .seconds(6))
            try await Task.sleep(for: .milliseconds(20))
        }
        let ids = (1...6).map { "t\($0)" }
        #expect(await round == .ranBatch(trialIDs: ids, answers: ids.map { _ in .accepted }))
        #expect(fake.state.withLock { $0.received.last?.trialID } == "t1")
        #expect(fake.state.withLock { $0.received.last?.result.stopReason } == .cancelled)
        #expect(fake.state.withLock { $0.claimCounts } == [1, 3, 1, 1, 1])
        #expect(executor.groups.withLock { $0 } == [ids])
        #expect(executor.alone.withLock { $0 }.isEmpty)
        #expect(worker.tally.grouped == 6)
    }

    @Test func aLoneKeyedTrialAndTrialsWithoutAKeyRunAlone() async throws {
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = [Self.claim("t1", group: "a")] + (2...4).map { Self.claim("t\($0)", group: nil) } }
        let executor = LaneLikeExecutor()
        let ids = (1...4).map { "t\($0)" }
        #expect(await worker(fake, executor).runOnce() == .ranBatch(trialIDs: ids, answers: ids.map { _ in .accepted }))
        #expect(fake.state.withLock { $0.claimCounts } == [1, 3])
        #expect(executor.groups.withLock { $0 }.isEmpty)
        #expect(executor.alone.withLock { $0 } == ids)
    }

    @Test func groupsOffRunsEveryTrialAloneWithoutTopUps() async throws {
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = (1...4).map { Self.claim("t\($0)", group: "a") } }
        let executor = LaneLikeExecutor()
        #expect(await worker(fake, executor, groups: false).runOnce() == .ran(trialID: "t1", answer: .accepted))
        #expect(fake.state.withLock { $0.claimCounts } == [1])
        #expect(executor.groups.withLock { $0 }.isEmpty)
    }

    @Test func aRefillOfAnotherKeyEndsTheRefillsAndRunsAfterTheGroup() async throws {
        let fake = FakeCoordinator()
        fake.state.withLock {
            $0.queue = (1...4).map { Self.claim("a\($0)", group: "a", sleepMS: 20) } + [Self.claim("b1", group: "b"), Self.claim("a5", group: "a")]
        }
        let executor = LaneLikeExecutor()
        // b1 is topped up after the group, which claims a5: one of each key, so both run alone
        let ids = ["a1", "a2", "a3", "a4", "b1", "a5"]
        #expect(await worker(fake, executor).runOnce() == .ranBatch(trialIDs: ids, answers: ids.map { _ in .accepted }))
        #expect(executor.groups.withLock { $0 } == [["a1", "a2", "a3", "a4"]])
        #expect(executor.alone.withLock { $0 } == ["b1", "a5"])
        #expect(fake.state.withLock { $0.queue.isEmpty })
    }

    /// When one sweep's trials run out mid-group, the refill that brings the next sweep's first trial
    /// (another lane shape) is topped up, so that shape runs in lanes from its first trial. It used to
    /// run that trial alone, and only the next round grouped the rest.
    @Test func aRefillOfAnotherKeyIsToppedUpToAGroupOfItsOwn() async throws {
        let fake = FakeCoordinator()
        fake.state.withLock {
            $0.queue = (1...4).map { Self.claim("a\($0)", group: "a", sleepMS: 20) } + (1...4).map { Self.claim("b\($0)", group: "b", sleepMS: 20) }
        }
        let executor = LaneLikeExecutor()
        let ids = ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4"]
        #expect(await worker(fake, executor).runOnce() == .ranBatch(trialIDs: ids, answers: ids.map { _ in .accepted }))
        #expect(executor.groups.withLock { $0 } == [["a1", "a2", "a3", "a4"], ["b1", "b2", "b3", "b4"]])
        #expect(executor.alone.withLock { $0 }.isEmpty)
    }

    /// Groups differ in width by key (float32 nets run eight lanes, float64 four): a group is topped
    /// up to its own key's width in one claim. With one width for every key, the eight-wide group
    /// was topped up to four and claimed its other four one at a time.
    @Test func eachKeyIsToppedUpToItsOwnGroupWidth() async throws {
        let fake = FakeCoordinator()
        fake.state.withLock {
            $0.queue = (1...4).map { Self.claim("a\($0)", group: "a", sleepMS: 20) } + (1...8).map { Self.claim("w\($0)", group: "wide", sleepMS: 20) }
        }
        let executor = LaneLikeExecutor(widths: ["wide": 8])
        let ids = (1...4).map { "a\($0)" } + (1...8).map { "w\($0)" }
        #expect(await worker(fake, executor).runOnce() == .ranBatch(trialIDs: ids, answers: ids.map { _ in .accepted }))
        #expect(executor.groups.withLock { $0 } == [Array(ids.prefix(4)), Array(ids.suffix(8))])
        // a1, then a2-a4 (four wide), the refill that brought w1, then w2-w8 at once (eight wide)
        #expect(fake.state.withLock { $0.claimCounts }.prefix(4) == [1, 3, 1, 7])
        #expect(executor.alone.withLock { $0 }.isEmpty)
    }

    /// A trial run alone is no longer heartbeated once it ends, and a group after it in the same round
    /// may run for longer than a lease: its result goes out before the group starts. It used to wait
    /// for the round's end, and the paper run's 2c-8 trial that ran alone for 21 minutes before a 2c-9
    /// group lost its lease 5 minutes later, its result unreported (2026-12-03, sitting 14).
    @Test func aResultOfATrialRunAloneIsReportedBeforeAGroupStarts() async throws {
        // Given a round that claims b1 (key b, alone) and tops up with three trials of key a, the first
        // of which runs until stopped
        let fake = FakeCoordinator()
        fake.state.withLock {
            $0.queue = [Self.claim("b1", group: "b", sleepMS: 20), Self.claim("a1", group: "a", sleepMS: 600_000)]
                + (2...3).map { Self.claim("a\($0)", group: "a", sleepMS: 20) }
            $0.leaseSeconds = 3600
        }
        let executor = LaneLikeExecutor()
        let worker = worker(fake, executor)
        async let round = worker.runOnce()
        // When the group runs
        try await waitUntil { fake.state.withLock { $0.received.count } >= 3 }
        // Then b1 was reported before it, and a2 and a3 as they ended, while a1 still runs
        #expect(fake.state.withLock { $0.received.map(\.trialID) } == ["b1", "a2", "a3"])
        #expect(executor.groups.withLock { $0 }.isEmpty, "the group has not ended")
        // (A `stop` reply ends a1 and the round, as in the first test.)
        fake.state.withLock { $0.heartbeatStatus = .stop }
        for _ in 0..<200 where fake.state.withLock({ $0.received.count }) < 4 {
            await worker.heartbeater.runOnce(now: .now + .seconds(6))
            try await Task.sleep(for: .milliseconds(20))
        }
        let ids = ["b1", "a1", "a2", "a3"]
        #expect(await round == .ranBatch(trialIDs: ids, answers: ids.map { _ in .accepted }))
        #expect(executor.alone.withLock { $0 } == ["b1"])
    }

    @Test func leasesOfTrialsWaitingForALaneAreHeartbeatedToo() async throws {
        // Given a group of four claimed trials that runs two at a time (8 s trials: with 400 ms ones, beside
        // the lane suites on a loaded machine, the group was done before the test's heartbeat round ran;
        // with 3 s ones and a 5 s wait for the top-up claim, a full run saw only the first trial held)
        let fake = FakeCoordinator()
        fake.state.withLock { $0.queue = (1...4).map { Self.claim("t\($0)", group: "a", sleepMS: 8000) } }
        let worker = worker(fake, LaneLikeExecutor(lanes: 2))
        async let round = worker.runOnce()
        for _ in 0..<3000 where fake.state.withLock({ $0.claimCounts.count }) < 2 { try await Task.sleep(for: .milliseconds(10)) }
        try #require(fake.state.withLock { $0.claimCounts.count } == 2, "the top-up claim never came")
        // When a heartbeat round is due, then it renews all four: two running, two waiting
        #expect(await worker.heartbeater.runOnce(now: .now + .seconds(6)) == 4)
        #expect(fake.state.withLock { $0.heartbeatBatches } == [4])
        _ = await round
        #expect(fake.state.withLock { $0.received.count } == 4)
    }

    @Test func aLostLeaseStopsOnlyItsTrialWhichIsNeitherReportedNorReleased() async throws {
        let fake = FakeCoordinator()
        fake.state.withLock {
            $0.queue = [Self.claim("t1", group: "a", sleepMS: 600_000)] + (2...4).map { Self.claim("t\($0)", group: "a", sleepMS: 300) }
        }
        let worker = worker(fake, LaneLikeExecutor())
        async let round = worker.runOnce()
        try await waitUntil { fake.state.withLock { $0.claimCounts.count } == 3 }  // 1, top-up 3, first refill
        // When the coordinator answers t1's heartbeat `lost`
        fake.state.withLock { $0.lostTrialIDs = ["t1"] }
        await worker.heartbeater.runOnce(now: .now + .seconds(6))
        // Then t1 stops at once and the other lanes go on to report
        let outcome = await round
        #expect(outcome == .ranBatch(trialIDs: ["t1", "t2", "t3", "t4"], answers: [nil, .accepted, .accepted, .accepted]))
        #expect(fake.state.withLock { $0.received.map(\.trialID) }.sorted() == ["t2", "t3", "t4"])
        #expect(fake.state.withLock { $0.released }.isEmpty)
    }

    @Test func aStopLetsRunningTrialsFinishAndHandsBackThoseWaitingForALane() async throws {
        let fake = FakeCoordinator()
        // (3 s trials: with 300 ms ones, a loaded machine let t1 and t2 finish, and t3 and t4 start,
        // before this test's task got to request the stop; 5 expectations failed.)
        fake.state.withLock { $0.queue = (1...4).map { Self.claim("t\($0)", group: "a", sleepMS: 3000) } }
        let worker = worker(fake, LaneLikeExecutor(lanes: 2))
        async let round = worker.runOnce()
        // (Both lanes must have started: the claims alone can come before the group's thread does.)
        try await waitUntil { fake.state.withLock { $0.claimCounts.count } == 2 && worker.tally.grouped == 2 }
        #expect(worker.tally.grouped == 2, "the stop must come while the first two run")
        // When a stop is requested while t1 and t2 run and t3 and t4 wait
        worker.requestStop(grace: 30)
        // Then t1 and t2 finish and report; t3 and t4 are handed back unstarted
        #expect(await round == .ranBatch(trialIDs: ["t1", "t2", "t3", "t4"], answers: [.accepted, .accepted, nil, nil]))
        #expect(fake.state.withLock { $0.received.map(\.trialID) }.sorted() == ["t1", "t2"])
        #expect(fake.state.withLock { $0.released } == ["t3", "t4"])
        #expect(worker.tally.released == 2)
        #expect(worker.tally.grouped == 2)
    }
}
