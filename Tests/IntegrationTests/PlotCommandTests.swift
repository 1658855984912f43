// Issue 14, item 1: `lstm-sweep plot` as a user runs it. Each kind's SVG is parsed with an XML
// parser and its points are checked against the database (through `lstm-sweep query`); bad
// options and empty selections are one line, exit status 2, and no file.

import Foundation
import SweepCore
import Testing

@Suite(.serialized)
struct PlotCommandTests {
    static let lagSweep = """
        name: lag
        preset: toy-lag
        seeds: 6
        fixed:
          toy.critical: 150
          toy.noise: 0.2
          train.max_sequences: 2500
        grid:
          toy.lag: [10, 100, 200, 400]
          toy.speed: [0.5, 2]
        """

    /// A folder with the lag sweep run locally.
    static func ranLagSweep(_ name: String) async throws -> ClusterHarness {
        let cluster = try ClusterHarness(name)
        let (status, log) = try await cluster.run(["run", try cluster.sweepFile("lag", lagSweep), "--db", cluster.database])
        #expect(status == 0, "\(log)")
        return cluster
    }

    /// Rows of read-only SQL (columns a, b, c, …), exact values through `--format json`.
    static func rows(_ cluster: ClusterHarness, _ sql: String) async throws -> [[String: Any]] {
        let (status, json) = try await cluster.run(["query", "--db", cluster.database, "--format", "json", sql])
        #expect(status == 0, "\(json)")
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
    }

    static func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    @Test func successPlotHasOnePointPerCellWithItsRateAndWilsonInterval() async throws {
        let cluster = try await Self.ranLagSweep("plot-success")
        defer { cluster.shutdown() }
        let file = cluster.path("success.svg")
        let (status, log) = try await cluster.run([
            "plot", "--db", cluster.database, "--kind", "success", "--sweep", "lag", "--x", "toy.lag", "--by", "toy.speed", "-o", file,
        ])
        #expect(status == 0, "\(log)")
        let svg = try SVGFile(contentsOf: file)
        #expect(try svg.texts(ofClass: "legend-entry") == ["speed=0.5", "speed=2.0"])
        #expect(try svg.texts(ofClass: "x-label") == ["toy.lag"])
        let expected = try await Self.rows(
            cluster,
            """
            SELECT json_extract(t.params, '$."toy.speed"') AS a, json_extract(t.params, '$."toy.lag"') AS b, SUM(o.success) AS c,
                   COUNT(*) AS d
            FROM trial t JOIN outcome o ON o.trialId = t.id GROUP BY 1, 2 ORDER BY 1, 2
            """)
        let points = try svg.points
        #expect(points.count == expected.count && expected.count == 8)
        for row in expected {
            let successes = Int(Self.number(row["c"])), trials = Int(Self.number(row["d"]))
            let point = try #require(
                points.first { $0.series == "speed=\(Self.number(row["a"]))" && $0.x == Self.number(row["b"]) })
            let wilson = try #require(ConfidenceInterval.wilson(successes: successes, trials: trials))
            #expect(point.y == Double(successes) / Double(trials))
            #expect(point.low == wilson.lower && point.high == wilson.upper)
        }
    }

    @Test func sequencesCurvesAndFrontierPlotsMatchTheDatabase() async throws {
        let cluster = try await Self.ranLagSweep("plot-kinds")
        defer { cluster.shutdown() }
        // Sequences: a dot per successful or budget-stopped trial, hollow exactly for the capped ones
        let sequences = cluster.path("sequences.svg")
        let (drawn, log) = try await cluster.run(["plot", "--db", cluster.database, "--kind", "sequences", "--sweep", "lag", "--x", "toy.lag", "-o", sequences])
        #expect(drawn == 0, "\(log)")
        let dots = try SVGFile(contentsOf: sequences).points
        #expect(dots.count == (try await cluster.count("SELECT COUNT(*) FROM outcome WHERE success = 1 OR stopReason = 'budget'")))
        #expect(dots.filter(\.hollow).count == (try await cluster.count("SELECT COUNT(*) FROM outcome WHERE success = 0 AND stopReason = 'budget'")))
        #expect(dots.filter(\.hollow).allSatisfy { $0.y == 2500 })
        // Curves: the first configuration's trials, every curvePoint of each
        let curves = cluster.path("curves.svg")
        #expect(try await cluster.run(["plot", "--db", cluster.database, "--kind", "curves", "--sweep", "lag", "--trials", "3", "-o", curves]).0 == 0)
        let curvePoints = try SVGFile(contentsOf: curves).points
        let expected = try await Self.rows(
            cluster,
            """
            SELECT 'seed ' || t.seed AS a, c.sequences AS b, c.trainingLoss AS c FROM curvePoint c JOIN trial t ON t.id = c.trialId
            WHERE t.id IN (SELECT id FROM trial WHERE params = (SELECT params FROM trial ORDER BY ordinal LIMIT 1) ORDER BY ordinal LIMIT 3)
            """)
        #expect(curvePoints.count == expected.count && !expected.isEmpty)
        for row in expected {
            // Foundation's JSON parser may round the last digit: compare the loss to 1e-12.
            #expect(curvePoints.contains { point in
                point.series == row["a"] as? String && point.x == Self.number(row["b"]) && abs(point.y - Self.number(row["c"])) < 1e-12
            })
        }
        // Frontier: the frontier toy's points are the largest passing lags of `report --frontier`
        let frontierFile = try cluster.sweepFile("frontier", "name: frontier\npreset: toy-lag\nseeds: 3\ngrid:\n  toy.critical: [37, 300]\nsearch:\n  frontier:\n    parameter: toy.lag\n    start: 10\n    max: 5000\n    resolution: 1.1\n    success_rate: 0.8\n")
        #expect(try await cluster.run(["run", frontierFile, "--db", cluster.database]).0 == 0)
        let frontier = cluster.path("frontier.svg")
        #expect(try await cluster.run(["plot", "--db", cluster.database, "--kind", "frontier", "--sweep", "frontier", "--x", "toy.critical", "-o", frontier]).0 == 0)
        let (_, reports) = try await SearchTests.frontiers(cluster, database: cluster.database)
        let frontierPoints = try SVGFile(contentsOf: frontier).points
        #expect(frontierPoints.map(\.x) == [37, 300])
        #expect(frontierPoints.map(\.y) == reports.map { Double($0.largestPassing ?? -1) })
        #expect(frontierPoints.map(\.high) == reports.map { $0.smallestFailing.map(Double.init) })
    }

    @Test func paperPlotSetsOurRowsBesideThePapers() async throws {
        let cluster = try ClusterHarness("plot-paper")
        defer { cluster.shutdown() }
        let paper = SweepFilesTests.sweepsFolder.deletingLastPathComponent().appendingPathComponent("docs/results/paper.sqlite").path
        let file = cluster.path("paper.svg")
        let (status, log) = try await cluster.run(["plot", "--db", paper, "--kind", "paper", "--table", "Table 1", "-o", file])
        #expect(status == 0, "\(log)")
        let svg = try SVGFile(contentsOf: file)
        #expect(try svg.texts(ofClass: "x-tick") == ["1-1", "1-2", "1-3", "1-4", "1-5"])
        #expect(try svg.points.filter { $0.series == "paper" }.allSatisfy(\.hollow))
        #expect(try svg.points.filter { $0.series == "ours" }.count == 5)
        #expect(try svg.texts(ofClass: "legend-entry") == ["ours", "paper"])

        // The paper gives no success rate for 2c: Table 3's rate chart names no paper series
        let table3 = cluster.path("table3.svg")
        let (drawn, drawLog) = try await cluster.run(["plot", "--db", paper, "--kind", "paper", "--table", "Table 3", "-o", table3])
        #expect(drawn == 0, "\(drawLog)")
        let rates = try SVGFile(contentsOf: table3)
        #expect(try rates.texts(ofClass: "legend-entry") == ["ours"])
        #expect(try rates.texts(ofClass: "note") == ["Ours: filled, Wilson 95% interval. paper: no figure."])
        #expect(try rates.points.allSatisfy { $0.series == "ours" } && rates.points.count >= 7)
    }

    /// (arguments, a word the one-line error must contain).
    static let badCases: [([String], String)] = [
        (["--kind", "success", "--sweep", "lag"], "--x"),
        (["--kind", "success", "--sweep", "lag", "--x", "toy.nope"], "toy.nope"),
        (["--kind", "success", "--sweep", "nope", "--x", "toy.lag"], "no sweep named 'nope'"),
        (["--kind", "sequences", "--sweep", "lag", "--x", "toy.lag", "--by", "toy.nope"], "--by"),
        (["--kind", "curves", "--sweep", "lag", "--configuration", "99"], "--configuration 99"),
        (["--kind", "frontier", "--sweep", "lag"], "no frontier search"),
        (["--kind", "paper"], "--table"),
        (["--kind", "paper", "--table", "Table 99"], "not a paper table"),
        (["--kind", "pie", "--sweep", "lag"], "--kind"),
        (["--kind", "success", "--sweep", "empty", "--x", "toy.lag"], "nothing to plot"),
    ]

    @Test func badOptionsAndEmptySelectionsAreOneLineAndExitTwo() async throws {
        let cluster = try await Self.ranLagSweep("plot-bad")
        defer { cluster.shutdown() }
        // Given an "empty" sweep: submitted to a coordinator over the same file, never run
        try await cluster.startCoordinator()
        let empty = try cluster.sweepFile("empty", "name: empty\npreset: toy-lag\nseeds: 2\ngrid:\n  toy.lag: [5, 6]\n")
        #expect(try await cluster.run(["submit", empty, "--coordinator", cluster.url]).0 == 0)
        cluster.coordinator?.signal(SIGTERM)
        #expect(await cluster.coordinator?.waitForExit(seconds: 30) == 0)
        for (arguments, mention) in Self.badCases {
            let file = cluster.path("out.svg")
            let (status, output) = try await cluster.run(["plot", "--db", cluster.database, "-o", file] + arguments)
            #expect(status == 2, "\(arguments): \(output)")
            #expect(output.split(separator: "\n").count == 1 && output.contains(mention), "\(arguments): \(output)")
            #expect(!FileManager.default.fileExists(atPath: file), "\(arguments)")
        }
    }
}
