// Issue 16, item 6: the smaller defects of the HTTP API, against a live coordinator.

import Coordinator
import Foundation
import SweepCore
import SweepStore
import Testing

@Suite struct RequestHardeningTests {
    func submit(_ yaml: String, _ base: String) async throws -> (Int, SubmitResponse?) {
        let (status, body) = try await CoordinatorFixture.send(
            "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: yaml, fileName: "n.yaml")))
        return (status, try? APICoding.decode(SubmitResponse.self, from: body))
    }

    /// `Ωmega` is a valid name; its path parameter arrives percent-encoded and must be decoded.
    @Test func aNonASCIINameIsReachableThroughItsPercentEncodedPath() async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            #expect(try await submit("name: Ωmega\npreset: toy\n", base).0 == 201)
            let (reported, body) = try await CoordinatorFixture.send("GET", base + "/v1/sweeps/%CE%A9mega/report")
            #expect(reported == 200, "\(String(decoding: body, as: UTF8.self))")
            #expect(try APICoding.decode(ReportResponse.self, from: body).sweepName == "Ωmega")
            let (cancelled, _) = try await CoordinatorFixture.send("POST", base + "/v1/sweeps/%CE%A9mega/cancel", body: Data("{}".utf8))
            #expect(cancelled == 200)
        }
    }

    /// NFC ("é" as one code point) and NFD ("e" + combining acute) spell the same name: one sweep.
    @Test func nfcAndNFDSpellingsAreTheSameSweep() async throws {
        let nfc = "caf\u{E9}"
        let nfd = "cafe\u{301}"
        try await CoordinatorFixture.withCoordinator { base, _ in
            let (first, created) = try await submit("name: \(nfd)\npreset: toy\n", base)
            #expect(first == 201)
            #expect(created?.sweepName.unicodeScalars.count == 4)
            let (second, again) = try await submit("name: \(nfc)\npreset: toy\n", base)
            #expect(second == 200)
            #expect(again?.summary.createdSweep == false)
            for spelling in ["caf%C3%A9", "cafe%CC%81"] {
                #expect(try await CoordinatorFixture.send("GET", base + "/v1/sweeps/\(spelling)/report").0 == 200, "\(spelling)")
            }
            let (_, status) = try await CoordinatorFixture.send("GET", base + "/v1/status")
            #expect(try APICoding.decode(StatusResponse.self, from: status).sweeps.count == 1)
        }
    }

    @Test(arguments: [
        #"{"workerID": "w", "count": 1,}"#, #"{"workerID": "w",}"#, #"{"workerID": "w", "count": [1,]}"#, #"{"workerID": "w"} x"#,
    ])
    func jsonWithATrailingCommaIsRefused(body: String) async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            let (status, reply) = try await CoordinatorFixture.send("POST", base + "/v1/trials/claim", body: Data(body.utf8))
            #expect(status == 400, "\(String(decoding: reply, as: UTF8.self))")
        }
    }

    @Test func jsonWithoutOneIsAccepted() async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            let body = #" { "workerID" : "w\u00e9\"", "count" : 1e0 } "#
            let (status, reply) = try await CoordinatorFixture.send("POST", base + "/v1/trials/claim", body: Data(body.utf8))
            #expect(status == 200, "\(String(decoding: reply, as: UTF8.self))")
        }
    }
}
