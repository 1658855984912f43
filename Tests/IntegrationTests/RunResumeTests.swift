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

    static func query(_ sql: String, in folder: URL) throws -> [String] {
        let output = try CLIProcess.run(["query", "--db", "results.sqlite", "--format", "csv", sql], in: folder)
        return output.stdout.split(separator: "\n").dropFirst().map(String.init)
    }
}
