// Issue 12, item 3: `report --paper` in the dashboard. Through real processes: the route's rows are
// what `report --paper --format json` prints for the same database and its cells what the text table
// prints, the plot is `plot --kind paper`'s SVG, the read token rules hold, and on a live coordinator
// the cached comparison follows new results (docs/dashboard.md, "The Paper section").

import Foundation
import SweepCore
import Testing

@Suite(.serialized)
struct DashboardPaperTests {
    static var checkedInDatabase: String {
        SweepFilesTests.sweepsFolder.deletingLastPathComponent().appendingPathComponent("docs/results/paper.sqlite").path
    }

    /// A harness whose database is a copy of docs/results/paper.sqlite.
    static func paperCopy(_ name: String) throws -> ClusterHarness {
        let cluster = try ClusterHarness(name)
        try FileManager.default.copyItem(atPath: checkedInDatabase, toPath: cluster.database)
        return cluster
    }

    static func comparison(_ cluster: ClusterHarness, token: String? = nil) async throws -> DashboardPaperComparison {
        let (status, data) = try await cluster.request("GET", "/v1/dashboard/paper", token: token)
        #expect(status == 200, "\(String(decoding: data, as: UTF8.self))")
        return try APICoding.decode(DashboardPaperComparison.self, from: data)
    }

    /// `report --paper` on the harness's database: the JSON rows and the text table's lines.
    static func report(_ cluster: ClusterHarness) throws -> (rows: [DashboardPaperComparison.Row], lines: [String]) {
        let json = try CLIProcess.run(["report", "--paper", "--db", cluster.database, "--format", "json"], in: cluster.folder)
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let text = try CLIProcess.run(["report", "--paper", "--db", cluster.database], in: cluster.folder)
        #expect(text.status == 0, "stderr: \(text.stderr)")
        let rows = try JSONDecoder().decode([DashboardPaperComparison.Row].self, from: Data(json.stdout.utf8))
        return (rows, text.stdout.split(separator: "\n").map(String.init))
    }

    /// The route against `report --paper`: equal rows, and each row's cells are its text line's words.
    static func expectSameAsReport(_ served: DashboardPaperComparison, _ cluster: ClusterHarness) throws {
        let report = try Self.report(cluster)
        #expect(served.rows == report.rows)
        #expect(served.cells.count == served.rows.count)
        func words(_ text: String) -> [Substring] { text.split(whereSeparator: \.isWhitespace) }
        #expect(words(served.columns.joined(separator: " ")) == words(report.lines[0]))
        for (index, cells) in served.cells.enumerated() {
            #expect(words(cells.joined(separator: " ")) == words(report.lines[index + 2]), "row \(index)")
        }
        #expect(report.lines.contains { served.note.hasPrefix($0) })
    }

    @Test func readOnlyRouteIsReportPaperAndPlotIsPlotPaper() async throws {
        let cluster = try Self.paperCopy("dash-paper")
        defer { cluster.shutdown() }
        // Given `serve --read-only` over a copy of the checked-in paper database
        try await cluster.startCoordinator(["--read-only"])

        // When the route is asked twice (the first computes, the second is the cache)
        let clock = ContinuousClock()
        var served = DashboardPaperComparison.empty
        let first = try await clock.measure { served = try await Self.comparison(cluster) }
        var again = DashboardPaperComparison.empty
        let cached = try await clock.measure { again = try await Self.comparison(cluster) }

        // Then its rows are report --paper's, and the cached answer is the same
        print("dashboard paper route: \(served.rows.count) rows; first \(first), cached \(cached) (debug build)")
        #expect(served.rows.count >= 20 && served == again)
        #expect(served.tables.first == "Table 1" && served.tables.contains("Table 9"))
        try Self.expectSameAsReport(served, cluster)

        // And the plot of a table is the SVG `plot --kind paper` writes; bad tables and measures are 400
        for measure in Chart.ComparedMeasure.allCases {
            let (status, svg) = try await cluster.request("GET", "/v1/dashboard/paper/plot?table=Table%204&measure=\(measure.rawValue)")
            #expect(status == 200)
            let file = cluster.path("paper-\(measure.rawValue).svg")
            let plot = try CLIProcess.run(
                ["plot", "--db", cluster.database, "--kind", "paper", "--table", "Table 4", "--measure", measure.rawValue, "-o", file],
                in: cluster.folder)
            #expect(plot.status == 0, "stderr: \(plot.stderr)")
            #expect(String(decoding: svg, as: UTF8.self) == (try String(contentsOfFile: file, encoding: .utf8)))
        }
        #expect(try await cluster.request("GET", "/v1/dashboard/paper/plot?table=Table%2099").0 == 400)
        #expect(try await cluster.request("GET", "/v1/dashboard/paper/plot?table=Table%201&measure=pie").0 == 400)
        #expect(try await cluster.request("GET", "/v1/dashboard/paper/plot").0 == 400)
    }

    @Test func paperRoutesNeedTheReadToken() async throws {
        let cluster = try Self.paperCopy("dash-paper-tokens")
        defer { cluster.shutdown() }
        let tokens = cluster.path("tokens")
        try "worker=worker-secret-1\nread=read-secret-22\n".write(toFile: tokens, atomically: true, encoding: .utf8)
        // Given a writing coordinator (it migrates the copy: the fingerprint reads the summary) with tokens
        try await cluster.startCoordinator(["--token-file", tokens])
        #expect(try await cluster.request("GET", "/v1/dashboard/paper").0 == 401)
        #expect(try await cluster.request("GET", "/v1/dashboard/paper/plot?table=Table%201").0 == 401)
        #expect(try await cluster.request("GET", "/v1/dashboard/paper/plot?table=Table%201", token: "read-secret-22").0 == 200)
        let served = try await Self.comparison(cluster, token: "read-secret-22")
        try Self.expectSameAsReport(served, cluster)
    }

    @Test func liveComparisonFollowsNewResultsAndIsEmptyWithoutPaperSweeps() async throws {
        let cluster = try ClusterHarness("dash-paper-live")
        defer { cluster.shutdown() }
        // Given a coordinator with only a toy sweep: no paper row, so an empty comparison
        try await cluster.startCoordinator()
        let toy = try cluster.sweepFile("toy", "name: toy\npreset: toy\nseeds: 2\ngrid:\n  toy.x: [1]\n")
        #expect(try await cluster.run(["submit", toy, "--coordinator", cluster.url]).0 == 0)
        #expect(try await Self.comparison(cluster).rows.isEmpty)
        #expect(try await cluster.request("GET", "/v1/dashboard/paper/plot?table=Table%202").0 == 400)

        // When Table 2's RTRL p = 10 row is submitted with a tiny budget, and then run by a worker
        let rtrl = try cluster.sweepFile("rtrl", "name: rtrl-p10\npreset: \"2a-rtrl-p10\"\nseeds: 2\nbudget:\n  max_sequences: 20\n")
        #expect(try await cluster.run(["submit", rtrl, "--coordinator", cluster.url]).0 == 0)
        let queued = try await Self.comparison(cluster)
        _ = try cluster.startWorker("w1", ["--jobs", "2"])
        let finished = await cluster.waitUntil(seconds: 60) {
            (try? await Self.comparison(cluster))?.rows.first?.finished == 2
        }

        // Then the row appears at once, and the cached comparison follows the results
        #expect(queued.rows.map(\.row) == ["2a-rtrl-p10"] && queued.rows.first?.finished == 0)
        #expect(queued.rows.first?.verdict == "incomplete")
        #expect(finished)
        let done = try await Self.comparison(cluster)
        #expect(done.rows.first?.trials == 2 && done.rows.first?.verdict == "reproduced")
        try Self.expectSameAsReport(done, cluster)
    }
}
