// What `serve` refuses with a one-line answer instead of a 500 or a crash (issue 16, item 6): report
// groupings it does not know, and hosts that only look like loopback.

import Foundation
import SweepCore
import Testing

struct ServeRefusalTests {
    static let sweepYAML = "name: report\npreset: toy\nseeds: 2\ngrid:\n  toy.x: [1, 2]\n"

    @Test func reportByAnUnknownParameterIsA400NamingTheKnownOnes() async throws {
        let cluster = try ClusterHarness("report-by")
        defer { cluster.shutdown() }
        // Given a coordinator with one submitted sweep over toy.x
        try await cluster.startCoordinator()
        let (submitted, _) = try await cluster.post("/v1/sweeps", SubmitRequest(yaml: Self.sweepYAML, fileName: "r.yaml"))
        #expect(submitted == 201)
        // When a report is grouped by a known parameter, then by unknown or odd ones
        let (known, _) = try await cluster.request("GET", "/v1/sweeps/report/report?by=toy.x")
        #expect(known == 200)
        for by in ["toy.nope", "toy.x,toy.nope", "%27%3B%20DROP", "%22"] {
            let (code, body) = try await cluster.request("GET", "/v1/sweeps/report/report?by=" + by)
            // Then each is a 400 whose one-line message lists the known names
            #expect(code == 400, "by=\(by): \(String(decoding: body, as: UTF8.self))")
            let error = try? APICoding.decode(ErrorResponse.self, from: body)
            #expect(error?.code == "badRequest")
            #expect(error?.message.contains("(known: toy.x)") == true, "\(String(describing: error))")
        }
        // And the coordinator still answers
        #expect(try await cluster.request("GET", "/v1/health").0 == 200)
    }

    @Test(arguments: ["127.attacker.invalid", "example.invalid", "127.0.0.1.nip.io"])
    func nonLoopbackHostWithoutTokensIsOneLineExitTwo(host: String) throws {
        let folder = try CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("x.sqlite").path
        let output = try CLIProcess.run(["serve", "--db", database, "--port", "0", "--host", host], in: folder)
        CommandLineErrorTests.expectOneLine(output, naming: "refusing to listen on \(host) without tokens")
    }
}
