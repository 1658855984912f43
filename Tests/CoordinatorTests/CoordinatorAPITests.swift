import Coordinator
import Foundation
import SweepCore
import SweepStore
import Testing

@Suite struct CoordinatorAPITests {
    static let sweepYAML = "name: api\npreset: toy\nseeds: 3\ngrid:\n  toy.x: [1, 2]\n"

    @Test func submitClaimHeartbeatAndResultRoundTrip() async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            // Given a submitted sweep of 6 trials
            let (created, submitted) = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: Self.sweepYAML, fileName: "api.yaml")))
            #expect(created == 201)
            #expect(try APICoding.decode(SubmitResponse.self, from: submitted).trials == 6)
            // When a worker claims two, renews one and reports it
            let (_, claimed) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/claim", body: try APICoding.encode(ClaimRequest(workerID: "w", count: 2)))
            let claims = try APICoding.decode(ClaimResponse.self, from: claimed).claims
            #expect(claims.count == 2)
            let first = try #require(claims.first)
            let (_, beat) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/\(first.trialID)/heartbeat", body: try APICoding.encode(HeartbeatRequest(token: first.token)))
            #expect(try APICoding.decode(HeartbeatResponse.self, from: beat).status == .ok)
            let result = ResultRequest(token: first.token, result: TrialResult(success: true, stopReason: .success, sequences: 3))
            let (code, _) = try await CoordinatorFixture.send("POST", base + "/v1/trials/\(first.trialID)/result", body: try APICoding.encode(result))
            let (again, resent) = try await CoordinatorFixture.send("POST", base + "/v1/trials/\(first.trialID)/result", body: try APICoding.encode(result))
            // Then the result is accepted once, a resend is harmless, and status shows it
            #expect(code == 200)
            #expect(again == 200)
            #expect(try APICoding.decode(ResultResponse.self, from: resent).status == .alreadyAccepted)
            let (_, status) = try await CoordinatorFixture.send("GET", base + "/v1/status")
            let counts = try APICoding.decode(StatusResponse.self, from: status)
            #expect(counts.total[.done] == 1 && counts.total[.leased] == 1 && counts.total[.queued] == 4)
            #expect(counts.workersSeen == 1)
            // And the read route reports the sweep per configuration; an unknown sweep is a 404
            let (reported, report) = try await CoordinatorFixture.send("GET", base + "/v1/sweeps/api/report")
            #expect(reported == 200)
            let table = try APICoding.decode(ReportResponse.self, from: report)
            #expect(table.columns.contains("successes") && !table.rows.isEmpty)
            let (missing, _) = try await CoordinatorFixture.send("GET", base + "/v1/sweeps/nope/report")
            #expect(missing == 404)
        }
    }

    @Test func heartbeatReplyTellsTheWorkerToStopWhenItsSweepIsCancelled() async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            _ = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: Self.sweepYAML, fileName: "api.yaml")))
            let (_, claimed) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/claim", body: try APICoding.encode(ClaimRequest(workerID: "w")))
            let claim = try #require(try APICoding.decode(ClaimResponse.self, from: claimed).claims.first)
            let (_, cancelled) = try await CoordinatorFixture.send("POST", base + "/v1/sweeps/api/cancel", body: Data("{}".utf8))
            #expect(try APICoding.decode(CancelResponse.self, from: cancelled).cancelled == 5)
            let (_, beat) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/\(claim.trialID)/heartbeat", body: try APICoding.encode(HeartbeatRequest(token: claim.token)))
            #expect(try APICoding.decode(HeartbeatResponse.self, from: beat).status == .stop)
        }
    }

    @Test func metricsAreInPrometheusTextFormat() async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            _ = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: Self.sweepYAML, fileName: "api.yaml")))
            _ = try await CoordinatorFixture.send("POST", base + "/v1/trials/claim", body: try APICoding.encode(ClaimRequest(workerID: "m")))
            let (code, body) = try await CoordinatorFixture.send("GET", base + "/metrics")
            let text = String(decoding: body, as: UTF8.self)
            #expect(code == 200)
            for line in [
                "lstm_sweep_trials{state=\"queued\"} 5", "lstm_sweep_trials{state=\"leased\"} 1", "lstm_sweep_claims_total 1",
                "lstm_sweep_workers_seen 1", "lstm_sweep_lease_expiries_total{action=\"requeued\"} 0",
                "lstm_sweep_lease_expiries_total{action=\"cancelled\"} 0",
                "# TYPE lstm_sweep_results_total counter",
            ] {
                #expect(text.contains(line + "\n"), "missing \(line)")
            }
        }
    }

    @Test(arguments: [
        ("{\"workerID\": 1}", 400), ("not json", 400), ("", 400), ("{\"workerID\": \"w\", \"count\": 1e999}", 400),
    ])
    func malformedClaimsAreBadRequests(body: String, expected: Int) async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            let (code, data) = try await CoordinatorFixture.send("POST", base + "/v1/trials/claim", body: Data(body.utf8))
            #expect(code == expected)
            #expect(try APICoding.decode(ErrorResponse.self, from: data).code == "badRequest")
        }
    }
}
