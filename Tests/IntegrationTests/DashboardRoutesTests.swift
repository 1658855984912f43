// Issue 14, items 2 and 5 through real processes: the dashboard's JSON and SVG against the
// database, `serve --read-only` with every write route off and nothing written, the dashboard's
// token rules, and `cancel` / `retry --failed` on a local database and through a coordinator.

import Foundation
import SweepCore
import Testing

@Suite(.serialized)
struct DashboardRoutesTests {
    func get<T: Decodable>(_ cluster: ClusterHarness, _ path: String, token: String? = nil) async throws -> T {
        let (status, data) = try await cluster.request("GET", path, token: token)
        #expect(status == 200, "\(path): \(String(decoding: data, as: UTF8.self))")
        return try APICoding.decode(T.self, from: data)
    }

    /// A remote worker's heartbeats say how far its trial has come, and the running trials say it too.
    @Test func runningTrialsShowHowFarTheirHeartbeatsSayTheyAre() async throws {
        let cluster = try ClusterHarness("dash-standing")
        defer { cluster.shutdown() }
        try await cluster.startCoordinator(["--lease-seconds", "6", "--heartbeat-seconds", "0.5"])
        let sweep = try cluster.sweepFile(
            "long", "name: long\npreset: \"4-1\"\nseeds: 1\nfixed:\n  train.test_size: 10\nbudget:\n  max_sequences: 1000000\n")
        try await cluster.run(["submit", sweep, "--coordinator", cluster.url])
        _ = try cluster.startWorker("w")
        let told = await cluster.waitUntil(seconds: 60) {
            let overview: DashboardOverview? = try? await get(cluster, "/v1/dashboard/overview")
            return overview?.running.first?.sequences != nil
        }
        try #require(told, "no running trial with a standing")
        let overview: DashboardOverview = try await get(cluster, "/v1/dashboard/overview")
        let running = try #require(overview.running.first)
        #expect(running.maxSequences == 1_000_000)
        #expect(running.sequences.map { $0 > 0 && $0 < 1_000_000 && $0 % 500 == 0 } == true, "\(running)")
        #expect(try await cluster.count("SELECT sequences FROM attempt") >= running.sequences ?? .max)  // heartbeats go on
        // And `status --db` lists it with its standing
        let (exit, status) = try await cluster.run(["status", "--db", cluster.database])
        #expect(exit == 0)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("long ") && $0.contains(running.trialID.prefix(12)) })
        #expect(line.hasSuffix(" 1000000"), "\(status)")
    }

    @Test func readOnlyServeShowsTheDatabaseAndRefusesEveryWrite() async throws {
        let cluster = try await PlotCommandTests.ranLagSweep("dash-readonly")
        defer { cluster.shutdown() }
        let fingerprint = "SELECT (SELECT COUNT(*) FROM attempt) * 1000000 + (SELECT COUNT(*) FROM worker) * 1000 + SUM(state = 'done') FROM trial"
        let before = try await cluster.count(fingerprint)
        // Given `serve --read-only` over the finished local run
        try await cluster.startCoordinator(["--read-only"])
        // Then the overview counts what the database holds
        let overview: DashboardOverview = try await get(cluster, "/v1/dashboard/overview")
        let sweep = try #require(overview.sweeps.first)
        #expect(overview.readOnly && !overview.canManage)
        #expect(sweep.name == "lag" && sweep.done == 48 && sweep.queued == 0)
        #expect(sweep.successes == (try await cluster.count("SELECT SUM(success) FROM outcome")))
        // And the configurations table has a row per configuration with the database's successes
        let table: DashboardConfigurations = try await get(cluster, "/v1/dashboard/sweeps/lag/configurations")
        #expect(table.varied == ["toy.lag", "toy.speed"] && table.numeric == table.varied)
        #expect(table.rows.count == 8)
        let expected = try await PlotCommandTests.rows(
            cluster,
            """
            SELECT json_extract(t.params, '$."toy.lag"') AS a, json_extract(t.params, '$."toy.speed"') AS b, SUM(o.success) AS c
            FROM trial t JOIN outcome o ON o.trialId = t.id GROUP BY 1, 2
            """)
        for row in expected {
            let match = try #require(table.rows.first {
                $0.parameters["toy.lag"]?.doubleValue == PlotCommandTests.number(row["a"])
                    && $0.parameters["toy.speed"]?.doubleValue == PlotCommandTests.number(row["b"])
            })
            #expect(Double(match.successes) == PlotCommandTests.number(row["c"]))
        }
        // And the plot is the same SVG `plot` draws
        let (status, svg) = try await cluster.request("GET", "/v1/dashboard/sweeps/lag/plots/success?x=toy.lag&by=toy.speed")
        #expect(status == 200)
        let file = cluster.path("cli.svg")
        #expect(try await cluster.run(["plot", "--db", cluster.database, "--kind", "success", "--sweep", "lag", "--x", "toy.lag", "--by", "toy.speed", "-o", file]).0 == 0)
        #expect(String(decoding: svg, as: UTF8.self) == (try String(contentsOfFile: file, encoding: .utf8)))
        #expect(try await cluster.request("GET", "/v1/dashboard/sweeps/nope/plots/success").0 == 404)
        #expect(try await cluster.request("GET", "/v1/dashboard/sweeps/lag/plots/success?x=toy.nope").0 == 400)
        // And every write route is off, and nothing was written
        for path in ["/v1/trials/claim", "/v1/sweeps", "/v1/sweeps/lag/cancel", "/v1/sweeps/lag/retry", "/v1/results"] {
            #expect(try await cluster.request("POST", path, body: Data("{}".utf8)).0 == 404, "\(path)")
        }
        #expect(try await cluster.count(fingerprint) == before)
    }

    @Test func dashboardNeedsTheReadTokenAndOffersActionsOnlyToTheWorkerToken() async throws {
        let cluster = try ClusterHarness("dash-tokens")
        defer { cluster.shutdown() }
        let tokens = cluster.path("tokens")
        try "worker=worker-secret-1\nread=read-secret-22\n".write(toFile: tokens, atomically: true, encoding: .utf8)
        try await cluster.startCoordinator(["--token-file", tokens])
        #expect(try await cluster.request("GET", "/").0 == 200)
        #expect(try await cluster.request("GET", "/v1/dashboard/overview").0 == 401)
        let read: DashboardOverview = try await get(cluster, "/v1/dashboard/overview", token: "read-secret-22")
        let worker: DashboardOverview = try await get(cluster, "/v1/dashboard/overview", token: "worker-secret-1")
        #expect(!read.canManage && worker.canManage && !worker.readOnly)
        #expect(try await cluster.request("POST", "/v1/sweeps/x/retry", body: Data("{\"failed\":true}".utf8), token: "read-secret-22").0 == 403)
    }

    static let failingSweep = """
        name: flaky
        preset: toy
        seeds: 20
        fixed:
          toy.error_rate: 0.4
        """

    @Test func retryQueuesFailedTrialsWithAFreshBudgetAndKeepsTheirHistory() async throws {
        let cluster = try ClusterHarness("dash-retry")
        defer { cluster.shutdown() }
        // Given a local run where some trials failed (the toy throws for 40 % of seeds)
        #expect(try await cluster.run(["run", try cluster.sweepFile("flaky", Self.failingSweep), "--db", cluster.database]).0 == 0)
        let failed = try await cluster.count("SELECT COUNT(*) FROM trial WHERE state = 'failed'")
        let attempts = try await cluster.count("SELECT COUNT(*) FROM attempt")
        #expect(failed > 0)
        // When they are retried on the local database
        let (status, output) = try await cluster.run(["retry", "--sweep", "flaky", "--failed", "--db", cluster.database])
        #expect(status == 0, "\(output)")
        #expect(output.contains("\(failed) failed trials queued again"))
        // Then they are queued with a fresh budget, their outcomes are gone, and their attempts remain with the failure kept
        #expect(try await cluster.count("SELECT COUNT(*) FROM trial WHERE state = 'queued' AND maxAttempts = attempt + 3") == failed)
        #expect(try await cluster.count("SELECT COUNT(*) FROM attempt") == attempts)
        #expect(try await cluster.count("SELECT COUNT(*) FROM attempt WHERE json_extract(result, '$.stopReason') = 'error'") == failed)
        #expect(try await cluster.count("SELECT COUNT(*) FROM outcome o JOIN trial t ON t.id = o.trialId WHERE t.state = 'queued'") == 0)
        // And running again fails them again (the toy is deterministic), as a second attempt
        #expect(try await cluster.run(["run", cluster.path("flaky.yaml"), "--db", cluster.database]).0 == 0)
        #expect(try await cluster.count("SELECT COUNT(*) FROM trial WHERE state = 'failed' AND attempt = 2") == failed)

        // And through a coordinator: retry, then cancel, with the worker token
        try await cluster.startCoordinator()
        let (retried, retryLog) = try await cluster.run(["retry", "--sweep", "flaky", "--failed", "--coordinator", cluster.url])
        #expect(retried == 0 && retryLog.contains("\(failed) failed trials queued again"), "\(retryLog)")
        let (cancelled, cancelLog) = try await cluster.run(["cancel", "--sweep", "flaky", "--coordinator", cluster.url])
        #expect(cancelled == 0 && cancelLog.contains("\(failed) queued trials cancelled"), "\(cancelLog)")
        let (refused, refusal) = try await cluster.run(["retry", "--sweep", "flaky", "--failed", "--coordinator", cluster.url])
        #expect(refused != 0 && refusal.contains("cancelled"), "\(refusal)")
        let (missing, message) = try await cluster.run(["retry", "--sweep", "flaky", "--db", cluster.database])
        #expect(missing == 2 && message.contains("--failed"))
    }
}
