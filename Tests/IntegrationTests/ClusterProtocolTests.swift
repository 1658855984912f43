// Issue 6, item 8 (d)-(f): fencing, authentication and robustness against malformed requests.

import Foundation
import SweepCore
import Testing

@Suite(.serialized)
struct ClusterProtocolTests {
    @Test func lateResultWithStaleTokenIsRefusedWith409AndNeverOverwrites() async throws {
        let cluster = try ClusterHarness("d")
        defer { cluster.shutdown() }
        // A 6 s lease expires "slow"'s claim soon. The new holder is a real worker process, which
        // heartbeats its lease and reports on its own. It used to be this test posting for it, and in
        // full runs the test's own tasks could wait longer than a lease for a thread (two synchronous
        // suites hold both of the cooperative pool's threads on a 2-core machine): its lease was
        // reaped before its result went out, at 1 s, 3 s and 6 s leases alike.
        try await cluster.startCoordinator(["--lease-seconds", "6", "--heartbeat-seconds", "0.5"])
        let sweep = try cluster.sweepFile("fenced", "name: fenced\npreset: toy\nseeds: 1\n")
        try await cluster.run(["submit", sweep, "--coordinator", cluster.url])
        // Given a claim by "slow" that expires, and a worker "fast" that takes the trial over
        let (_, first) = try await cluster.post("/v1/trials/claim", ClaimRequest(workerID: "slow"))
        let stale = try #require(try APICoding.decode(ClaimResponse.self, from: first).claims.first)
        let fast = try cluster.startWorker("fast", ["--exit-when-idle"])
        // When the new holder has reported (its worker exits once nothing is left), then the old one does
        let exited = await fast.waitForExit(seconds: 240)
        #expect(exited == 0, "worker fast: \(fast.output)")
        let accepted = "SELECT COUNT(*) FROM attempt WHERE status = 'accepted' AND number = 2 AND workerId LIKE 'fast-%'"
        #expect(try await cluster.count(accepted) == 1)
        let sequences = try await cluster.count("SELECT sequences FROM outcome")
        let late = TrialResult(success: true, stopReason: .success, sequences: sequences + 999)
        let (refused, body) = try await cluster.post("/v1/trials/\(stale.trialID)/result", ResultRequest(token: stale.token, result: late))
        // Then the late one gets 409, is recorded as a late duplicate, and the accepted outcome stands
        #expect(refused == 409)
        #expect(try APICoding.decode(ErrorResponse.self, from: body).code == "staleToken")
        #expect(try await cluster.count("SELECT COUNT(*) FROM outcome") == 1)
        #expect(try await cluster.count("SELECT sequences FROM outcome") == sequences)
        #expect(try await cluster.count("SELECT COUNT(*) FROM attempt WHERE status = 'lateDuplicate'") == 1)
        #expect(try await cluster.count("SELECT COUNT(*) FROM attempt WHERE status = 'lateDuplicate' AND workerId = 'slow'") == 1)
    }

    @Test func tokensGuardEveryRoute() async throws {
        let cluster = try ClusterHarness("e")
        defer { cluster.shutdown() }
        let tokens = cluster.path("tokens")
        try "# test tokens\nworker=worker-secret-1\nread=read-secret-22\n".write(toFile: tokens, atomically: true, encoding: .utf8)
        try await cluster.startCoordinator(["--token-file", tokens])
        let claim = try APICoding.encode(ClaimRequest(workerID: "w"))
        let cases: [(String, String, Data?, String?, Int)] = [
            ("POST", "/v1/trials/claim", claim, nil, 401),
            ("POST", "/v1/trials/claim", claim, "wrong-token-123", 401),
            ("POST", "/v1/trials/claim", claim, "read-secret-22", 403),
            ("POST", "/v1/trials/claim", claim, "worker-secret-1", 200),
            ("POST", "/v1/trials/x/heartbeat", Data("{\"token\":\"t\"}".utf8), "read-secret-22", 403),
            ("POST", "/v1/sweeps/x/cancel", Data("{}".utf8), "read-secret-22", 403),
            ("GET", "/v1/status", nil, nil, 401),
            ("GET", "/v1/status", nil, "read-secret-22", 200),
            ("GET", "/v1/status", nil, "worker-secret-1", 200),
            ("GET", "/metrics", nil, "wrong-token-123", 401),
            ("GET", "/metrics", nil, "read-secret-22", 200),
        ]
        for (method, path, body, token, expected) in cases {
            let (status, _) = try await cluster.request(method, path, body: body, token: token)
            #expect(status == expected, "\(method) \(path) with \(token ?? "no token")")
        }
        // And the CLI: a read-only status works with the token file; an open non-loopback bind is refused.
        let (statusExit, _) = try await cluster.run(["status", "--coordinator", cluster.url, "--token-file", tokens])
        #expect(statusExit == 0)
        let (refused, message) = try await cluster.run(["serve", "--db", cluster.path("other.sqlite"), "--host", "0.0.0.0", "--port", "0"])
        #expect(refused == 2)
        #expect(message.contains("without tokens"))
    }

    @Test func twoHundredMalformedRequestsGetOnly4xxAndTheServerKeepsServing() async throws {
        let cluster = try ClusterHarness("f")
        defer { cluster.shutdown() }
        try await cluster.startCoordinator()
        let sweep = try cluster.sweepFile("robust", "name: robust\npreset: toy\nseeds: 3\n")
        try await cluster.run(["submit", sweep, "--coordinator", cluster.url])
        let bodies: [String] = [
            "", "{", "null", "[]", "42", "\"text\"", "{\"workerID\": 5}", "{\"token\": []}", "{\"workerID\": \"\"}",
            "{\"results\": [{\"trialID\": 1}]}", "{\"yaml\": \"name: [\", \"fileName\": \"x\"}", "\u{0}\u{1}\u{2}",
            "{\"token\":\"t\",\"result\":{\"success\":\"yes\"}}", String(repeating: "[", count: 5000),
            "{\"workerID\":\"w\",\"count\":\"many\"}", "{\"yaml\": \"name: x\\npreset: nope\\nseeds: 1\", \"fileName\": \"x\"}",
        ]
        let paths = [
            "/v1/trials/claim", "/v1/trials/abc/heartbeat", "/v1/trials/abc/result", "/v1/trials/abc/release",
            "/v1/results", "/v1/sweeps", "/v1/nowhere", "/v1/trials/abc/result",
        ]
        var statuses: [Int] = []
        for index in 0..<200 {
            let body = index % 50 == 49 ? Data(count: 20 * 1024 * 1024) : Data(bodies[index % bodies.count].utf8)
            let (status, _) = try await cluster.request("POST", paths[index % paths.count], body: body)
            statuses.append(status)
        }
        #expect(statuses.allSatisfy { (400..<500).contains($0) }, "\(Set(statuses).sorted())")
        // The server still serves: health, and a real claim
        #expect(try await cluster.request("GET", "/v1/health").0 == 200)
        let (code, data) = try await cluster.post("/v1/trials/claim", ClaimRequest(workerID: "after"))
        #expect(code == 200)
        #expect(try APICoding.decode(ClaimResponse.self, from: data).claims.count == 1)
    }
}
