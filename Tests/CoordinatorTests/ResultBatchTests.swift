// A claim of several trials and a batch of results, through HTTP: one stale item in a batch is
// settled on its own (late duplicate, or rejected when its token was never issued) while the
// others are accepted.

import Coordinator
import Foundation
import SweepCore
import SweepStore
import Testing

@Suite struct ResultBatchTests {
    static let sweepYAML = "name: batch\npreset: toy\nseeds: 3\ngrid:\n  toy.x: [1, 2]\n"

    func claim(_ base: String, worker: String, count: Int) async throws -> [Claim] {
        let (_, data) = try await CoordinatorFixture.send(
            "POST", base + "/v1/trials/claim", body: try APICoding.encode(ClaimRequest(workerID: worker, count: count)))
        return try APICoding.decode(ClaimResponse.self, from: data).claims
    }

    func report(_ base: String, _ completions: [TrialCompletion]) async throws -> (Int, ResultBatchResponse) {
        let (code, data) = try await CoordinatorFixture.send(
            "POST", base + "/v1/results", body: try APICoding.encode(ResultBatchRequest(results: completions)))
        return (code, try APICoding.decode(ResultBatchResponse.self, from: data))
    }

    @Test func aBatchWithStaleTokensSettlesTheOthersAndRefusesOnlyThoseItems() async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            _ = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: Self.sweepYAML, fileName: "b.yaml")))
            // Given worker a holds four leases from one claim, distinct trials and tokens …
            let held = try await claim(base, worker: "a", count: 4)
            #expect(held.count == 4)
            #expect(Set(held.map(\.trialID)).count == 4 && Set(held.map(\.token)).count == 4)
            // … and lost the first one: it was handed back and claimed by worker b
            let first = held[0]
            _ = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/\(first.trialID)/release", body: try APICoding.encode(ReleaseRequest(token: first.token)))
            let taken = try #require(try await claim(base, worker: "b", count: 1).first)
            #expect(taken.trialID == first.trialID && taken.token != first.token)
            // When a reports its batch: the stale token, two live ones, and a token never issued
            let ok = TrialResult(success: true, stopReason: .success, sequences: 1)
            let batch = [
                TrialCompletion(trialID: first.trialID, token: first.token, result: ok),
                TrialCompletion(trialID: held[1].trialID, token: held[1].token, result: ok),
                TrialCompletion(trialID: held[2].trialID, token: held[2].token, result: ok),
                TrialCompletion(trialID: held[3].trialID, token: "never-issued", result: ok),
            ]
            let (code, reply) = try await report(base, batch)
            // Then only the stale items are refused, and the live ones are accepted
            #expect(code == 200)
            #expect(reply.items.map(\.trialID) == batch.map(\.trialID))
            #expect(reply.items.map(\.status) == [.lateDuplicate, .accepted, .accepted, nil])
            #expect(reply.items[3].error != nil)
            // A resend of the batch is harmless
            let (_, again) = try await report(base, Array(batch[1...2]))
            #expect(again.items.map(\.status) == [.alreadyAccepted, .alreadyAccepted])
            let (_, status) = try await CoordinatorFixture.send("GET", base + "/v1/status")
            let counts = try APICoding.decode(StatusResponse.self, from: status)
            #expect(counts.total[.done] == 2 && counts.total[.leased] == 2 && counts.total[.queued] == 2)
        }
    }
}
