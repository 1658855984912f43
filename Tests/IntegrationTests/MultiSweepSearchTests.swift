// Both features of a sweep file at once, through the built executable: a multi-sweep file whose
// documents mix a plain grid and a frontier search goes through `run` (one all-or-none submit that
// also stores the search plan and its first step; the runner claims in file order and waits for the
// follow-up probes its own results create), and the presets' configuration check covers every
// document before anything is written.

import Foundation
import Testing

struct MultiSweepSearchTests {
    /// A plain grid on `toy`, then a frontier search on `toy-lag` whose answer is known (critical 37).
    static let mixed = """
        name: mixed-grid
        preset: toy
        seeds: 2
        grid:
          toy.x: [0.5, 1, 2]
        budget:
          max_sequences: 5000
        ---
        name: mixed-frontier
        preset: toy-lag
        seeds: 3
        fixed:
          toy.critical: 37
        search:
          frontier:
            parameter: toy.lag
            start: 10
            max: 1000
            resolution: 1.1
            success_rate: 0.8
        """

    /// The same file with a second document that fails toy-lag's cross-parameter check.
    static let badSecondDocument = """
        name: mixed-grid
        preset: toy
        seeds: 2
        grid:
          toy.x: [0.5, 1, 2]
        ---
        name: mixed-frontier
        preset: toy-lag
        fixed:
          toy.noise: 0.1
          toy.plateau: 0.5
        search:
          frontier:
            parameter: toy.lag
            start: 10
            max: 1000
            resolution: 1.1
            success_rate: 0.8
        """

    @Test func aGridAndAFrontierSearchInOneFileRunTogether() throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.mixed.write(to: folder.appendingPathComponent("mixed.yaml"), atomically: true, encoding: .utf8)
        try Self.badSecondDocument.write(to: folder.appendingPathComponent("bad.yaml"), atomically: true, encoding: .utf8)

        // A failing configuration in the second document is refused at its line, and nothing is written
        for arguments in [["run", "bad.yaml", "--check"], ["run", "bad.yaml", "--db", "bad.sqlite"]] {
            let refused = try CLIProcess.run(arguments, in: folder)
            #expect(refused.status == 2)
            #expect(refused.stderr.hasPrefix("error: bad.yaml:12:1: the configuration {"), "\(refused.stderr)")
            #expect(refused.stderr.contains("fails the checks of preset 'toy-lag'"))
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("bad.sqlite").path))

        // --check counts each sweep's first step: 3 × 2 grid trials, the frontier's first probe of 3 seeds
        let check = try CLIProcess.run(["run", "mixed.yaml", "--check"], in: folder)
        #expect(check.status == 0, "stderr: \(check.stderr)")
        #expect(check.stdout.contains("sweep mixed-grid, preset toy, 6 trials: valid"))
        #expect(check.stdout.contains("sweep mixed-frontier, preset toy-lag, 3 trials (its frontier search adds more): valid"))
        #expect(check.stdout.contains("mixed.yaml: 2 sweeps, 9 trials (searches add more): valid"))

        // run registers both sweeps and runs until the search has its answer
        let run = try CLIProcess.run(["run", "mixed.yaml", "--db", "mixed.sqlite", "--jobs", "2"], in: folder)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stderr.contains("sweeps mixed-grid, mixed-frontier: 9 trials, 9 new"))

        let report = try CLIProcess.run(
            ["report", "--frontier", "--sweep", "mixed-frontier", "--format", "json", "--db", "mixed.sqlite"], in: folder)
        #expect(report.status == 0, "stderr: \(report.stderr)")
        let frontiers = try #require(try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [[String: Any]])
        #expect(frontiers.count == 1)
        #expect(frontiers.first?["largestPassing"] as? Int == 36)
        #expect(frontiers.first?["smallestFailing"] as? Int == 38)
        #expect(frontiers.first?["finished"] as? Bool == true)

        // Nothing was left queued or leased; the grid ran in full, the search beyond its first probe
        let sql = "SELECT sweepName, state, COUNT(*) FROM trial GROUP BY sweepName, state ORDER BY sweepName, state"
        let states = try CLIProcess.run(["query", "--db", "mixed.sqlite", "--format", "csv", sql], in: folder)
        #expect(states.status == 0, "stderr: \(states.stderr)")
        let rows = states.stdout.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows.contains("mixed-grid,done,6"))
        #expect(!rows.contains { $0.contains(",queued,") || $0.contains(",leased,") }, "\(rows)")
        let searched = rows.filter { $0.hasPrefix("mixed-frontier,done,") }.compactMap { Int($0.split(separator: ",")[2]) }
        #expect((searched.first ?? 0) > 3, "\(rows)")
        let decisions = try CLIProcess.run(
            ["query", "--db", "mixed.sqlite", "--format", "csv",
             "SELECT COUNT(*) FROM searchDecision WHERE sweepName = 'mixed-frontier' AND kind = 'frontier'"],
            in: folder)
        #expect(decisions.stdout.split(separator: "\n").last == "1")
    }
}
