// The Paper routes of the dashboard over stub sources (the real comparison lives in the executable;
// IntegrationTests' DashboardPaperTests hold it to `report --paper`): without a paper source the
// comparison is empty and the plot 404; with one, its answer and errors pass through, behind the read token.

import Coordinator
import Foundation
import Logging
import ServiceLifecycle
import SweepCore
import Testing

/// A dashboard with no sweeps, and the paper source it is given.
struct StubDashboard: DashboardSource {
    var paper: (any PaperComparisonSource)?

    func overview(now: Date) async throws -> DashboardOverview {
        DashboardOverview(generatedAt: now, readOnly: true, canManage: false, sweeps: [], workers: [], running: [], failures: [])
    }

    func configurations(sweep: String) async throws -> DashboardConfigurations { throw SweepError(.notFound, sweep) }

    func chart(_ kind: ChartKind, sweep: String, x: String?, by: String?, configuration: Int) async throws -> Chart {
        throw SweepError(.notFound, sweep)
    }
}

/// One row of Table 9, and a chart of it; any other table is the client's error.
struct StubPaper: PaperComparisonSource {
    static let row = DashboardPaperComparison.Row(
        table: "Table 9", row: "6a", preset: "6a", sweeps: ["s"], trials: 2, finished: 2, successes: 2, successRate: 1,
        successLow: 0.34, successHigh: 1, atBudget: 0, meanSequences: 100, meanLow: 90, meanHigh: 110, medianSequences: 100,
        medianLow: 90, medianHigh: 110, paperTrials: 20, paperSuccessRate: 1, paperSequences: 31_390, ratio: 0.003,
        verdict: "reproduced")

    func comparison() async throws -> DashboardPaperComparison {
        DashboardPaperComparison(rows: [Self.row], columns: ["table", "row"], cells: [["Table 9", "6a"]], tables: ["Table 9"], note: "n")
    }

    func chart(table: String, measure: Chart.ComparedMeasure) async throws -> Chart {
        guard table == "Table 9" else { throw SweepError(.badRequest, "table '\(table)'") }
        return Chart(title: "\(table) \(measure.rawValue)", x: ChartAxis(label: "row"), y: ChartAxis(label: "rate"), series: [])
    }
}

struct DashboardPaperRouteTests {
    func withDashboard(
        _ source: StubDashboard, tokens: AccessTokens? = nil, _ body: (_ base: String) async throws -> Void
    ) async throws {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        let app = try buildReadOnlyApplication(
            configuration: CoordinatorConfiguration(port: 0, tokens: tokens, schemas: { _ in nil }), dashboard: source,
            logger: logger, onServerRunning: { continuation.yield($0) })
        try await CoordinatorFixture.run(app, logger: logger, ports: ports, body)
    }

    @Test func withoutAPaperSourceTheComparisonIsEmptyAndThePlotMissing() async throws {
        try await withDashboard(StubDashboard(paper: nil)) { base in
            let (status, data) = try await CoordinatorFixture.send("GET", base + "/v1/dashboard/paper")
            #expect(status == 200)
            #expect(try APICoding.decode(DashboardPaperComparison.self, from: data) == .empty)
            #expect(try await CoordinatorFixture.send("GET", base + "/v1/dashboard/paper/plot?table=Table%201").0 == 404)
        }
    }

    @Test func thePaperSourceAnswersBehindTheReadToken() async throws {
        let tokens = AccessTokens(worker: "worker-secret-1", read: "read-secret-22")
        try await withDashboard(StubDashboard(paper: StubPaper()), tokens: tokens) { base in
            #expect(try await CoordinatorFixture.send("GET", base + "/v1/dashboard/paper").0 == 401)
            let (status, data) = try await CoordinatorFixture.send("GET", base + "/v1/dashboard/paper", token: "read-secret-22")
            #expect(status == 200)
            #expect(try APICoding.decode(DashboardPaperComparison.self, from: data).rows == [StubPaper.row])
            let plot = try await CoordinatorFixture.send("GET", base + "/v1/dashboard/paper/plot?table=Table%209&measure=sequences", token: "read-secret-22")
            #expect(plot.0 == 200 && String(decoding: plot.1, as: UTF8.self).contains("Table 9 sequences"))
            for query in ["table=Table%201", "table=Table%209&measure=pie", "measure=success"] {
                #expect(try await CoordinatorFixture.send("GET", base + "/v1/dashboard/paper/plot?\(query)", token: "read-secret-22").0 == 400, "\(query)")
            }
        }
    }
}
