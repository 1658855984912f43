import Coordinator
import Foundation
import SweepCore
import Testing

@Suite struct HeartbeatBatchTests {
    @Test func oneRequestRenewsManyLeasesAndAnswersEachInOrder() async throws {
        try await CoordinatorFixture.withCoordinator { base, _ in
            // Given three leased trials and a stale token
            _ = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps",
                body: try APICoding.encode(SubmitRequest(yaml: CoordinatorAPITests.sweepYAML, fileName: "api.yaml")))
            let (_, claimed) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/claim", body: try APICoding.encode(ClaimRequest(workerID: "w", count: 3)))
            let claims = try APICoding.decode(ClaimResponse.self, from: claimed).claims
            #expect(claims.count == 3)
            var leases = claims.map { LeaseRenewal(trialID: $0.trialID, token: $0.token) }
            leases.insert(LeaseRenewal(trialID: claims[0].trialID, token: "stale"), at: 1)
            // When one batched heartbeat renews them
            let (code, body) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/heartbeat", body: try APICoding.encode(HeartbeatBatchRequest(leases: leases)))
            // Then every lease is answered, in order, and the stale one is lost
            #expect(code == 200)
            let items = try APICoding.decode(HeartbeatBatchResponse.self, from: body).items
            #expect(items.map(\.status) == [.ok, .lost, .ok, .ok])
            #expect(items.map { $0.leaseSeconds > 0 } == [true, false, true, true])
            // And an empty batch is answered with no items; a malformed one is a 400
            let (emptyCode, empty) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/heartbeat", body: try APICoding.encode(HeartbeatBatchRequest(leases: [])))
            #expect(emptyCode == 200)
            #expect(try APICoding.decode(HeartbeatBatchResponse.self, from: empty).items.isEmpty)
            let (bad, _) = try await CoordinatorFixture.send("POST", base + "/v1/trials/heartbeat", body: Data("{\"leases\": 3}".utf8))
            #expect(bad == 400)
        }
    }
}
