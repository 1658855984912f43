// Issue 15: `run` and `worker` train queued trials of one lane shape side by side in SIMD lanes, and
// `--no-lanes` runs each alone; the same sweep gives the same outcomes, field for field, either way.

import Foundation
import Testing

struct LanesEndToEndTests {
    /// Ten 1-2 trials of two budgets, with learning curves, (so lanes end at different times and are refilled) and two 4-1
    /// trials, whose one-quad net runs in lanes too when one slot claims both (which slot gets them is timing).
    static let sweeps = """
        name: lanes-1-2
        preset: "1-2"
        seeds: 5
        fixed:
          task.training_set_size: 32
          task.test_set_size: 16
          train.curve_every: 20
        grid:
          train.max_sequences: [60, 140]
        ---
        name: lanes-4-1
        preset: "4-1"
        seeds: 2
        fixed:
          train.test_size: 20
          train.curve_every: 20
        budget:
          max_sequences: 50
        """

    /// Every outcome field but the timing ones and the provenance, and every curve point.
    static let outcomes = """
        SELECT trialId, success, stopReason, sequences, testWrong, testSize, quote(testMSE), quote(testMeanAbsError),
               weightCount, steps, precision, method, errorMessage, metrics FROM outcome ORDER BY trialId
        """
    static let curves = """
        SELECT trialId, sequences, quote(trainingLoss), quote(testLoss), quote(errorRate) FROM curvePoint
        ORDER BY trialId, sequences
        """
    static let inLanes = "SELECT COUNT(*) FROM outcome WHERE build LIKE '% lanes'"
    static let reberInLanes = """
        SELECT COUNT(*) FROM outcome JOIN trial ON trial.id = outcome.trialId
        WHERE outcome.build LIKE '% lanes' AND trial.sweepName = 'lanes-1-2'
        """

    static func rows(_ sql: String, db: String, in folder: URL) throws -> [String] {
        let output = try CLIProcess.run(["query", "--db", db, "--format", "csv", sql], in: folder)
        #expect(output.status == 0, "query: \(output.stderr)")
        return output.stdout.split(separator: "\n").dropFirst().map(String.init)
    }

    @Test func runGivesTheSameOutcomesWithLanesOnAndOff() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.sweeps.write(to: folder.appendingPathComponent("sweeps.yaml"), atomically: true, encoding: .utf8)

        // Given the same sweeps run with lanes (the default) and with --no-lanes, into two databases
        let lanes = try CLIProcess.run(["run", "sweeps.yaml", "--db", "lanes.sqlite", "--jobs", "2"], in: folder)
        let alone = try CLIProcess.run(["run", "sweeps.yaml", "--db", "alone.sqlite", "--jobs", "2", "--no-lanes"], in: folder)
        #expect(lanes.status == 0, "stderr: \(lanes.stderr)")
        #expect(alone.status == 0, "stderr: \(alone.stderr)")

        // Then the ten 1-2 trials ran in lanes, and nothing ran in lanes with --no-lanes
        #expect(try Self.rows(Self.reberInLanes, db: "lanes.sqlite", in: folder) == ["10"])
        #expect(try Self.rows(Self.inLanes, db: "alone.sqlite", in: folder) == ["0"])
        #expect(lanes.stderr.contains("12/12 done") && lanes.stderr.contains(" in lanes"), "stderr: \(lanes.stderr)")
        #expect(!alone.stderr.contains("in lanes"), "stderr: \(alone.stderr)")

        // And every outcome and curve point is the same
        let outcomes = try Self.rows(Self.outcomes, db: "lanes.sqlite", in: folder)
        #expect(outcomes.count == 12)
        #expect(outcomes == (try Self.rows(Self.outcomes, db: "alone.sqlite", in: folder)))
        let curves = try Self.rows(Self.curves, db: "lanes.sqlite", in: folder)
        #expect(!curves.isEmpty)
        #expect(curves == (try Self.rows(Self.curves, db: "alone.sqlite", in: folder)))
    }

    @Test func aWorkerGivesTheSameOutcomesWithLanesOnAndOff() async throws {
        var results: [[String]] = []
        for extra in [[], ["--no-lanes"]] {
            let cluster = try ClusterHarness("lanes")
            defer { cluster.shutdown() }
            // Given a coordinator with the sweeps, and one worker with two slots (lanes on, then off)
            try await cluster.startCoordinator()
            let file = try cluster.sweepFile("sweeps", Self.sweeps)
            let (submitted, output) = try await cluster.run(["submit", file, "--coordinator", cluster.url])
            #expect(submitted == 0, "\(output)")
            let worker = try cluster.startWorker("w", ["--jobs", "2", "--exit-when-idle"] + extra)
            let status = await worker.waitForExit(seconds: 120)
            #expect(status == 0, "worker: \(worker.output)")
            // Then every trial is done, in lanes only when they are on
            #expect(try await cluster.count("SELECT COUNT(*) FROM outcome") == 12)
            #expect(try await cluster.count(extra.isEmpty ? Self.reberInLanes : Self.inLanes) == (extra.isEmpty ? 10 : 0))
            let folder = URL(fileURLWithPath: cluster.folder.path)
            results.append(try Self.rows(Self.outcomes, db: cluster.database, in: folder) + Self.rows(Self.curves, db: cluster.database, in: folder))
        }
        // And the outcomes are the same
        #expect(results.count == 2 && results[0] == results[1])
        #expect(results.first?.count ?? 0 > 12)
    }
}
