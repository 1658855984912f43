// Issue 13, item 6, the third leg: the frontier search of sweeps/frontier-toy.yaml through `serve`
// and four `worker` processes while workers and the coordinator are killed with SIGKILL and
// restarted. Its `report --frontier --format json` must equal the one of a clean `run`: the same
// probes (values, trials, successes, verdicts) and the same answer.
//
// The chaos run uses the same file with a longer `toy.sleep_ms`, so that kills land mid-trial. The
// toy-lag outcome never reads the sleep (without toy.noise it is toy.lag <= toy.critical), and the
// report lists only the varied parameters, so the answer of the file is unchanged.
//
// The workers run only in windows that a shell times (SIGCONT, sleep, SIGSTOP), and this test looks
// and kills between them. In a full run its own tasks can wait long for a thread (the cooperative
// pool has one per core, and synchronous suites hold them), and with the workers free the search
// once finished before any worker was killed; frozen between windows, it cannot outrun the test.

import Foundation
import SweepCore
import Testing

@Suite(.serialized)
struct SearchChaosTests {
    /// Milliseconds each toy-lag trial sleeps in the chaos run (the file says 20).
    static let sleepMilliseconds = 1500
    /// The coordinator's settings: short leases so a killed worker's trials come back quickly, and
    /// enough attempts that no kill can fail a trial (a failed trial counts as a failing seed).
    static let serveOptions = ["--lease-seconds", "3", "--heartbeat-seconds", "0.5", "--max-attempts", "100"]
    /// What gets killed, in order; at most this many kills, all within `chaosSeconds`. The
    /// coordinator goes first, and trials sleep long enough for several kills: on a loaded machine
    /// each poll between kills (two spawned processes) takes seconds, and with 400 ms trials the
    /// search once finished before the coordinator kill (CI, 2026-12-02), with 700 ms before any
    /// worker kill (a full run at load 7-10).
    enum Victim { case worker, coordinator }
    static let schedule: [Victim] = [.coordinator, .worker, .worker, .worker, .worker, .worker]
    /// How long the workers run between two kills (timed by a shell, not by this test): a few trials
    /// each, so that the kills spread over the first half of the search (about 40 s of running).
    static let windowSeconds = 2.0...4.0
    /// A bound on the whole kill loop, however slowly this test is scheduled.
    static let chaosSeconds = 300.0

    /// The frontier report of `database`, or nil when it cannot be read right now (tolerated mid-chaos).
    static func poll(_ cluster: ClusterHarness, _ database: String) async -> (String, [SearchTests.Frontier])? {
        guard let ran = try? await cluster.run(["report", "--frontier", "--format", "json", "--db", database]),
            ran.0 == 0, let frontiers = try? JSONDecoder().decode([SearchTests.Frontier].self, from: Data(ran.1.utf8))
        else { return nil }
        return (ran.1, frontiers)
    }

    /// The worker ids (`name-slot`) holding a lease right now.
    static func leaseHolders(_ cluster: ClusterHarness) async -> [String] {
        guard
            let ran = try? await cluster.run([
                "query", "--db", cluster.database, "--format", "csv",
                "SELECT DISTINCT leaseWorker FROM trial WHERE state = 'leased' ORDER BY leaseWorker",
            ]), ran.0 == 0
        else { return [] }
        return ran.1.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
    }

    static func seconds(_ duration: Duration) -> String {
        let (whole, atto) = duration.components
        return String(format: "%.1f s", Double(whole) + Double(atto) * 1e-18)
    }

    @Test func frontierToyGivesTheSameProbesAndAnswerWhileWorkersAndTheCoordinatorAreKilled() async throws {
        let cluster = try ClusterHarness("frontier-chaos")
        defer { cluster.shutdown() }  // SIGKILLs every process spawned below, by PID, also on failure
        let clock = ContinuousClock()
        func note(_ line: String) {
            print("[frontier-chaos] \(line)")
        }

        // Given the answer of a clean `run` of sweeps/frontier-toy.yaml
        let cleanStart = clock.now
        let local = cluster.path("local.sqlite")
        let (ran, runLog) = try await cluster.run(["run", SearchTests.frontierToy, "--db", local, "--jobs", "2"], seconds: 120)
        #expect(ran == 0, "\(runLog)")
        let (cleanJSON, clean) = try await SearchTests.frontiers(cluster, database: local)
        try #require(clean.count == 2 && clean.allSatisfy(\.finished), "\(cleanJSON)")
        let cleanTrials = try await cluster.run(["query", "--db", local, "--format", "csv", "SELECT COUNT(*) FROM outcome"]).1
        note("clean run: \(Self.seconds(clock.now - cleanStart)), outcomes \(cleanTrials.split(separator: "\n").last ?? "?")")

        // And the same file with trials of toy.sleep_ms = 1500, nothing else changed
        let original = try String(contentsOfFile: SearchTests.frontierToy, encoding: .utf8)
        let slow = original.replacingOccurrences(of: "  toy.sleep_ms: 20\n", with: "  toy.sleep_ms: \(Self.sleepMilliseconds)\n")
        try #require(slow != original, "sweeps/frontier-toy.yaml no longer sets toy.sleep_ms: 20")
        let file = try cluster.sweepFile("frontier-toy", slow)

        // When it goes to a coordinator and four workers
        let chaosStart = clock.now
        var server = try await cluster.startCoordinator(Self.serveOptions)
        let (submitted, submitLog) = try await cluster.run(["submit", file, "--coordinator", cluster.url])
        try #require(submitted == 0, "\(submitLog)")
        var generations = [0, 0, 0, 0]
        func startWorker(_ index: Int) throws -> Spawned { try cluster.startStoppedWorker(slot: index, generation: generations[index]) }
        var workers = try (0..<4).map(startWorker)

        // And, while the search runs, the coordinator is killed and restarted once, then busy workers
        // (six kills, each after a window of the workers' running)
        var workerKills = 0, coordinatorKills = 0
        for victim in Self.schedule {
            guard clock.now - chaosStart < .seconds(Self.chaosSeconds) else { break }
            try await cluster.runWindow(workers, seconds: Double.random(in: Self.windowSeconds))
            guard let now = await Self.poll(cluster, cluster.database)?.1, !now.allSatisfy(\.finished) else {
                note("search finished before the next kill")
                break
            }
            let decided = now.map { $0.probes.count }
            let at = Self.seconds(clock.now - chaosStart)
            switch victim {
            case .worker:
                let holders = await Self.leaseHolders(cluster)
                let busy = (0..<4).filter { index in holders.contains { $0.hasPrefix("w\(index)g\(generations[index])-") } }
                let index = busy.randomElement() ?? Int.random(in: 0..<4)
                let pid = workers[index].pid
                workers[index].signal(SIGKILL)
                _ = await workers[index].waitForExit(seconds: 10)
                generations[index] += 1
                workers[index] = try startWorker(index)
                workerKills += 1
                note(
                    "t=\(at): kill -9 worker w\(index) (pid \(pid), \(busy.contains(index) ? "holding a lease" : "idle")); "
                        + "restarted as w\(index)g\(generations[index]); decided probes per configuration \(decided)")
            case .coordinator:
                let pid = server.pid
                server.signal(SIGKILL)
                _ = await server.waitForExit(seconds: 10)
                try await Task.sleep(for: .seconds(1))
                server = try await cluster.startCoordinator(Self.serveOptions)
                coordinatorKills += 1
                note("t=\(at): kill -9 coordinator (pid \(pid)); restarted on the same database and port after 1 s; "
                    + "decided probes per configuration \(decided)")
            }
        }

        // Then the search finishes (bounded), with the workers running freely and reconnecting on their own
        for worker in workers { worker.signal(SIGCONT) }
        var finished: (String, [SearchTests.Frontier])?
        let deadline = clock.now + .seconds(180)
        while clock.now < deadline {
            if let report = await Self.poll(cluster, cluster.database), report.1.count == 2, report.1.allSatisfy(\.finished) {
                finished = report
                break
            }
            try await Task.sleep(for: .milliseconds(500))
        }
        let chaosTime = Self.seconds(clock.now - chaosStart)
        guard let finished else {
            let logs = workers.map { "worker log:\n\($0.output)" }.joined(separator: "\n")
            Issue.record("the search did not finish within 180 s after the chaos; coordinator log:\n\(server.output)\n\(logs)")
            return
        }
        let (chaosJSON, chaos) = finished
        note("chaos run: finished in \(chaosTime) with \(workerKills) worker kills and \(coordinatorKills) coordinator kill(s)")

        // And the kills landed mid-search
        #expect(workerKills >= 1)
        #expect(coordinatorKills == 1)

        // And it gave the same answer and the same probes as the clean run: values, trials, successes, verdicts
        #expect(chaos == clean)
        #expect(chaosJSON == cleanJSON)
        for (left, right) in zip(clean, chaos) {
            #expect(left.largestPassing == right.largestPassing && left.smallestFailing == right.smallestFailing)
            #expect(left.probes == right.probes)
        }
        // And no kill made a trial fail (its seed would count as a failing one)
        #expect(try await cluster.count("SELECT COUNT(*) FROM trial WHERE state = 'failed'") == 0)
        #expect(try await cluster.count("SELECT COUNT(*) FROM searchDecision WHERE kind = 'frontier'") == 2)
        let outcomes = try await cluster.count("SELECT COUNT(*) FROM outcome")
        let attempts = try await cluster.count("SELECT COUNT(*) FROM attempt")
        let expired = try await cluster.count("SELECT COUNT(*) FROM attempt WHERE status = 'expired'")
        let workerIDs = try await cluster.count("SELECT COUNT(DISTINCT workerId) FROM outcome")
        note("chaos database: \(outcomes) outcomes, \(attempts) attempts (\(expired) expired), outcomes from \(workerIDs) worker ids")
        note("clean report: \(cleanJSON.trimmingCharacters(in: .whitespacesAndNewlines))")
        note("chaos report: \(chaosJSON.trimmingCharacters(in: .whitespacesAndNewlines))")
    }
}
