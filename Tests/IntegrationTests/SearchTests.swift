// Issue 13, items 4-6, through the built executable: the frontier search of sweeps/frontier-toy.yaml
// through `run` and through `serve` with four workers (same answer, same probes), halving on the
// toy-lag preset against a hand-computed schedule, and configurations refused before any write.

import Foundation
import SweepCore
import Testing

@Suite(.serialized)
struct SearchTests {
    static var frontierToy: String { SweepFilesTests.sweepsFolder.appendingPathComponent("frontier-toy.yaml").path }

    /// One configuration of `report --frontier --format json`.
    struct Frontier: Decodable, Equatable {
        struct Probe: Decodable, Equatable {
            var value: Int
            var trials: Int
            var successes: Int
            var passed: Bool
        }
        var configuration: [String: Int]
        var parameter: String
        var largestPassing: Int?
        var smallestFailing: Int?
        var finished: Bool
        var probes: [Probe]
    }

    static func frontiers(_ cluster: ClusterHarness, database: String) async throws -> (String, [Frontier]) {
        let (status, json) = try await cluster.run(["report", "--frontier", "--format", "json", "--db", database])
        #expect(status == 0, "\(json)")
        return (json, try JSONDecoder().decode([Frontier].self, from: Data(json.utf8)))
    }

    @Test func frontierToyFindsEachCriticalLagThroughRunAndThroughServeWithFourWorkers() async throws {
        let cluster = try ClusterHarness("frontier")
        defer { cluster.shutdown() }
        // Given the toy frontier run locally
        let local = cluster.path("local.sqlite")
        let (ran, runLog) = try await cluster.run(["run", Self.frontierToy, "--db", local, "--jobs", "2"], seconds: 120)
        #expect(ran == 0, "\(runLog)")
        let (localJSON, localFrontiers) = try await Self.frontiers(cluster, database: local)
        // Then each configuration brackets its toy.critical within the resolution
        #expect(localFrontiers.map { $0.configuration["toy.critical"] } == [37, 300])
        for frontier in localFrontiers {
            let critical = try #require(frontier.configuration["toy.critical"])
            let pass = try #require(frontier.largestPassing), fail = try #require(frontier.smallestFailing)
            #expect(frontier.finished && frontier.parameter == "toy.lag")
            #expect(pass <= critical && critical < fail)
            #expect(Double(fail) / Double(pass) < 1.1)
        }
        // When the same file goes through a coordinator and four worker processes
        try await cluster.startCoordinator()
        let (submitted, submitLog) = try await cluster.run(["submit", Self.frontierToy, "--coordinator", cluster.url])
        #expect(submitted == 0, "\(submitLog)")
        let workers = try (0..<4).map { try cluster.startWorker("w\($0)", ["--exit-when-idle"]) }
        for worker in workers {
            let status = await worker.waitForExit(seconds: 120)
            #expect(status == 0, "\(worker.output)")
        }
        // Then the report is the same, byte for byte: same answer, same probes
        let (remoteJSON, _) = try await Self.frontiers(cluster, database: cluster.database)
        #expect(remoteJSON == localJSON)
        #expect(try await cluster.count("SELECT COUNT(*) FROM searchDecision WHERE kind = 'frontier'") == 2)
        #expect(try await cluster.count("SELECT COUNT(DISTINCT workerId) FROM outcome") > 1)
    }

    static let halvingYAML = """
        name: halving-toy
        preset: toy-lag
        seeds: 2
        fixed:
          toy.lag: 50
          toy.critical: 10
        grid:
          toy.speed: [1, 4, 16]
          toy.plateau: [0.0, 0.3, 0.6]
        search:
          halving:
            min_sequences: 100
            max_sequences: 900
            eta: 3
            metric: final_loss
        """

    @Test func halvingPromotionsMatchTheHandComputedSchedule() async throws {
        let cluster = try ClusterHarness("halving")
        defer { cluster.shutdown() }
        let file = try cluster.sweepFile("halving-toy", Self.halvingYAML)
        let (ran, log) = try await cluster.run(["run", file, "--db", cluster.database, "--jobs", "2"], seconds: 120)
        #expect(ran == 0, "\(log)")
        // Configuration c = 3·(speed index) + plateau index; final loss = p + (1 − p)/(1 + speed·budget/1000).
        // Rung 0 (100): c6 .385, c7 .569, c3 .714 are the best three of nine.
        // Rung 1 (300): c6 .172 beats c7 .421 and c3 .455. Rung 2 (900): c6 alone, the winner.
        let (status, table) = try await cluster.run([
            "query", "--db", cluster.database, "--format", "csv",
            "SELECT step, kind, group_concat(configuration, ' ') FROM "
                + "(SELECT * FROM searchDecision ORDER BY step, kind, configuration) GROUP BY step, kind ORDER BY step, kind",
        ])
        #expect(status == 0)
        let rows = table.split(separator: "\n").dropFirst().map(String.init)
        #expect(rows == ["0,promote,3 6 7", "0,stop,0 1 2 4 5 8", "1,promote,6", "1,stop,3 7", "2,winner,6"])
        #expect(try await cluster.count("SELECT COUNT(*) FROM trial") == (9 + 3 + 1) * 2)
    }

    static let inconsistentYAML = """
        name: inconsistent
        preset: toy-lag
        fixed:
          toy.plateau: 0.5
        grid:
          toy.noise: [0, 0.1]
        """

    @Test func anInconsistentConfigurationIsRefusedEverywhereBeforeAnythingIsWritten() async throws {
        let cluster = try ClusterHarness("inconsistent")
        defer { cluster.shutdown() }
        let file = try cluster.sweepFile("inconsistent", Self.inconsistentYAML)
        let expected = "error: \(file):5:1: the configuration {toy.noise=0.1, toy.plateau=0.5} fails the checks of "
            + "preset 'toy-lag': toy.noise and toy.plateau cannot both be set (one toy at a time)\n"
        for arguments in [["run", file, "--check"], ["run", file, "--db", cluster.database]] {
            let (status, output) = try await cluster.run(arguments)
            #expect(status == 2)
            #expect(output == expected)
        }
        #expect(!FileManager.default.fileExists(atPath: cluster.database))
        try await cluster.startCoordinator()
        let (submitted, output) = try await cluster.run(["submit", file, "--coordinator", cluster.url])
        #expect(submitted == 2)
        #expect(output == expected)
        // And the API answers 400 with the same line
        let (code, body) = try await cluster.post(
            "/v1/sweeps", SubmitRequest(yaml: Self.inconsistentYAML, fileName: "inconsistent.yaml"))
        #expect(code == 400)
        let error = try APICoding.decode(ErrorResponse.self, from: body)
        #expect(error.code == "inconsistent")
        #expect(error.message.hasPrefix("inconsistent.yaml:5:1: the configuration {toy.noise=0.1"))
        #expect(try await cluster.status()?.sweeps.isEmpty == true)
    }
}
