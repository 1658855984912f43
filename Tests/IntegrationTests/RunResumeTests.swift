import Foundation
import Testing

struct RunResumeTests {
    static let sweep = """
        name: resume-demo
        preset: toy-sleep
        seeds: 6
        fixed:
          toy.sleep_ms: 150
        grid:
          toy.x: [1, 2, 3, 4]
        """

    @Test func interruptedRunResumesWithoutRedoingFinishedTrials() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.sweep.write(to: folder.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
        let run = ["run", "sweep.yaml", "--db", "results.sqlite", "--jobs", "2", "--log-interval", "0.2"]

        // Given a run interrupted with Ctrl-C part-way (24 trials of 150 ms on 2 jobs take ~1.8 s)
        let first = try CLIProcess(run, in: folder)
        Thread.sleep(forTimeInterval: 0.8)
        first.process.interrupt()
        let interrupted = first.finish()
        #expect(interrupted.status == 130 || interrupted.status == 0, "stderr: \(interrupted.stderr)")
        let before = try Self.query(
            "SELECT trialId || ':' || COUNT(*) FROM attempt WHERE status = 'accepted' GROUP BY trialId ORDER BY 1",
            in: folder)
        #expect(!before.isEmpty)
        #expect(try Self.query("SELECT COUNT(*) FROM trial WHERE state = 'leased'", in: folder) == ["0"])

        // When the same command runs again
        let second = try CLIProcess.run(run, in: folder)
        #expect(second.status == 0, "stderr: \(second.stderr)")

        // Then everything is done, each trial accepted once, and trials finished before were not rerun
        #expect(try Self.query("SELECT COUNT(*) FROM trial WHERE state = 'done'", in: folder) == ["24"])
        #expect(try Self.query("SELECT COUNT(*) FROM attempt WHERE status = 'accepted'", in: folder) == ["24"])
        let finishedBefore = before.map { String($0.prefix(64)) }
        let attemptsOfThose = try Self.query(
            "SELECT COUNT(*) FROM attempt WHERE trialId IN (\(finishedBefore.map { "'\($0)'" }.joined(separator: ",")))",
            in: folder)
        #expect(attemptsOfThose == [String(finishedBefore.count)])

        // And the report shows the four configurations
        let report = try CLIProcess.run(["report", "--db", "results.sqlite", "--format", "csv"], in: folder)
        #expect(report.status == 0)
        let lines = report.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        #expect(lines.dropFirst().allSatisfy { $0.hasPrefix("resume-demo,") && $0.contains(",6,6,") })

        // And every outcome names the build and the kernel copy that produced it
        let builds = try Self.query("SELECT DISTINCT build FROM outcome", in: folder)
        #expect(builds.count == 1 && builds.allSatisfy { $0.hasPrefix("debug kernels=") || $0.hasPrefix("release kernels=") })
    }

    /// A `run` stopped (SIGSTOP, a suspended laptop, starvation) for longer than its lease keeps its
    /// running trial: no other process took it, so the store renews the late lease. It used to abandon
    /// the trial on resume and run it again from the start (attempt 2, one expired attempt). With two
    /// jobs, the idle slot's empty claim must not reap the late lease first (it did, now and then).
    @Test func runStoppedPastItsLeaseKeepsItsRunningTrial() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = "name: stall\npreset: toy-sleep\nseeds: 1\nfixed:\n  toy.sleep_ms: 6000\n"
        try sweep.write(to: folder.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
        let run = try CLIProcess(
            ["run", "sweep.yaml", "--db", "results.sqlite", "--lease-seconds", "2", "--heartbeat-seconds", "0.5",
             "--jobs", "2", "--log-interval", "600"],
            in: folder)
        // Given the trial is leased and running
        var leased = false
        for _ in 0..<300 where !leased {
            leased = (try? Self.query("SELECT COUNT(*) FROM trial WHERE state = 'leased'", in: folder)) == ["1"]
            if !leased { Thread.sleep(forTimeInterval: 0.1) }
        }
        try #require(leased, "the trial was never seen leased")
        // When the process is stopped for twice its lease, then continued
        kill(run.process.processIdentifier, SIGSTOP)
        Thread.sleep(forTimeInterval: 4)
        kill(run.process.processIdentifier, SIGCONT)
        let output = run.finish()
        // Then the trial ran once: one attempt, accepted, none expired
        #expect(output.status == 0, "stderr: \(output.stderr)")
        #expect(try Self.query("SELECT state || ':' || attempt FROM trial", in: folder) == ["done:1"], "stderr: \(output.stderr)")
        #expect(try Self.query("SELECT status FROM attempt", in: folder) == ["accepted"])
    }

    /// The progress line says how far a long trial has come, not only that it runs: a paper run's trials
    /// take hours, and "1 running" alone told nothing for all that time.
    @Test func progressLineTellsHowFarTheRunningTrialIs() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let sweep = "name: long\npreset: \"4-1\"\nseeds: 1\nfixed:\n  train.test_size: 10\nbudget:\n  max_sequences: 1500\n"
        try sweep.write(to: folder.appendingPathComponent("sweep.yaml"), atomically: true, encoding: .utf8)
        let output = try CLIProcess.run(["run", "sweep.yaml", "--db", "results.sqlite", "--log-interval", "0.1"], in: folder)
        #expect(output.status == 0, "stderr: \(output.stderr)")
        // The trial reports every 500 sequences, so some line while it ran shows 500 or 1000 of its 1500
        #expect(output.stderr.contains("1 running (500 of 1500 sequences)") || output.stderr.contains("1 running (1000 of 1500 sequences)"),
                "stderr: \(output.stderr)")
    }

    static func query(_ sql: String, in folder: URL) throws -> [String] {
        let output = try CLIProcess.run(["query", "--db", "results.sqlite", "--format", "csv", sql], in: folder)
        return output.stdout.split(separator: "\n").dropFirst().map(String.init)
    }
}
