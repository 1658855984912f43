// The body limits of docs/api.md (Limits), each at the limit and one byte past it, against a live
// coordinator: a body of exactly the limit is read and answered; one byte more is a 413.

import Coordinator
import Foundation
import SweepCore
import Testing

@Suite struct BodyLimitTests {
    /// `json` padded with trailing spaces (still valid JSON) to exactly `bytes` bytes.
    static func padded(_ json: String, to bytes: Int) -> Data {
        Data((json + String(repeating: " ", count: bytes - json.utf8.count)).utf8)
    }

    static let limits = CoordinatorConfiguration.BodyLimits()

    @Test(arguments: [(0, 200), (1, 413)])
    func claimBody(pastTheLimit extra: Int, status expected: Int) async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            let body = Self.padded(#"{"workerID": "w"}"#, to: Self.limits.small + extra)
            let (status, _) = try await CoordinatorFixture.send("POST", base + "/v1/trials/claim", body: body)
            #expect(status == expected)
        }
    }

    @Test(arguments: [(0, 201), (1, 413)])
    func sweepBody(pastTheLimit extra: Int, status expected: Int) async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            let json = String(decoding: try APICoding.encode(SubmitRequest(yaml: "name: a\npreset: toy\n", fileName: "a.yaml")), as: UTF8.self)
            let body = Self.padded(json, to: Self.limits.sweep + extra)
            let (status, _) = try await CoordinatorFixture.send("POST", base + "/v1/sweeps", body: body)
            #expect(status == expected)
        }
    }

    @Test(arguments: [(0, 200), (1, 413)])
    func batchBody(pastTheLimit extra: Int, status expected: Int) async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            let body = Self.padded(#"{"results": []}"#, to: Self.limits.batch + extra)
            let (status, _) = try await CoordinatorFixture.send("POST", base + "/v1/results", body: body)
            #expect(status == expected)
        }
    }

    /// Issue 16, defect 2 over HTTP: the alias bomb used as a key is a quick 400, not a frozen coordinator.
    @Test func aliasBombSubmissionIsRefused() async throws {
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for level in 1..<10 {
            yaml += "a\(level): &a\(level) [" + Array(repeating: "*a\(level - 1)", count: 9).joined(separator: ", ") + "]\n"
        }
        yaml += "*a9 : 1\nname: bomb\npreset: toy\n"
        try await CoordinatorFixture.withCoordinator { base, _ in
            let (status, body) = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: yaml, fileName: "bomb.yaml")))
            #expect(status == 400)
            #expect(String(decoding: body, as: UTF8.self).contains("aliases expand to more than 10000 nodes"))
            #expect(try await CoordinatorFixture.send("GET", base + "/v1/health").0 == 200)
        }
    }
}
