// The worker-facing routes over an InMemoryTrialStore: the same buildApplication and HTTP calls as
// CoordinatorAPITests, with no database file. The contract tests in SweepStoreTests hold the
// in-memory store to SweepDatabase's behaviour, so these exercise the routes, not the storage.

import Coordinator
import Foundation
import SweepCore
import Testing

/// Lists the in-memory store's sweeps; reports need the SQLite views, so there are none.
struct InMemoryCatalog: SweepCatalog {
    let store: InMemoryTrialStore
    func sweepNames() throws -> [String] { store.sweepNames() }

    func report(sweepName: String, by parameters: [String]) throws -> ReportResponse {
        ReportResponse(sweepName: sweepName, columns: [], rows: [])
    }
}

@Suite struct InMemoryRouterTests {
    static let sweepYAML = "name: mem\npreset: toy\nseeds: 3\ngrid:\n  toy.x: [1, 2]\n"

    /// Runs `body` against a live coordinator over a fresh in-memory store.
    func withCoordinator(_ body: (_ base: String, _ store: InMemoryTrialStore) async throws -> Void) async throws {
        let store = InMemoryTrialStore()
        try await CoordinatorFixture.withCoordinator(store: store, catalog: InMemoryCatalog(store: store)) { base in
            let (created, _) = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps",
                body: try APICoding.encode(SubmitRequest(yaml: Self.sweepYAML, fileName: "mem.yaml")))
            #expect(created == 201)
            try await body(base, store)
        }
    }

    func claim(_ base: String, worker: String, count: Int = 1) async throws -> [Claim] {
        let (_, data) = try await CoordinatorFixture.send(
            "POST", base + "/v1/trials/claim", body: try APICoding.encode(ClaimRequest(workerID: worker, count: count)))
        return try APICoding.decode(ClaimResponse.self, from: data).claims
    }

    func heartbeat(_ base: String, _ claim: Claim) async throws -> RenewResult {
        let (_, data) = try await CoordinatorFixture.send(
            "POST", base + "/v1/trials/\(claim.trialID)/heartbeat", body: try APICoding.encode(HeartbeatRequest(token: claim.token)))
        return try APICoding.decode(HeartbeatResponse.self, from: data).status
    }

    func report(_ base: String, _ claim: Claim, sequences: Int) async throws -> (Int, Data) {
        let result = ResultRequest(token: claim.token, result: TrialResult(success: true, stopReason: .success, sequences: sequences))
        return try await CoordinatorFixture.send("POST", base + "/v1/trials/\(claim.trialID)/result", body: try APICoding.encode(result))
    }

    @Test func claimHeartbeatResultAndStatusRoundTrip() async throws {
        try await withCoordinator { base, store in
            // Given a worker holding two leases
            let claims = try await claim(base, worker: "w", count: 2)
            #expect(claims.count == 2 && Set(claims.map(\.trialID)).count == 2)
            let first = try #require(claims.first)
            // When it renews one and reports it twice
            #expect(try await heartbeat(base, first) == .ok)
            let (code, _) = try await report(base, first, sequences: 3)
            let (again, resent) = try await report(base, first, sequences: 3)
            // Then the result is accepted once, the resend is harmless, and status counts it
            #expect(code == 200 && again == 200)
            #expect(try APICoding.decode(ResultResponse.self, from: resent).status == .alreadyAccepted)
            #expect(store.outcome(trialID: first.trialID)?.sequences == 3)
            let (_, status) = try await CoordinatorFixture.send("GET", base + "/v1/status")
            let counts = try APICoding.decode(StatusResponse.self, from: status)
            #expect(counts.total == StatusCounts(byState: [.done: 1, .leased: 1, .queued: 4], successes: 1))
            #expect(counts.sweeps.map(\.name) == ["mem"] && counts.sweeps.first?.counts == counts.total)
        }
    }

    @Test func aReleasedLeaseGoesToTheNextWorkerAndTheOldTokenIsStale() async throws {
        try await withCoordinator { base, store in
            // Given worker a released its lease and worker b claimed the trial
            let old = try #require(try await claim(base, worker: "a").first)
            let (_, released) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/\(old.trialID)/release", body: try APICoding.encode(ReleaseRequest(token: old.token)))
            #expect(try APICoding.decode(ReleaseResponse.self, from: released).released)
            let new = try #require(try await claim(base, worker: "b").first)
            #expect(new.trialID == old.trialID && new.attempt == 1 && new.token != old.token)
            // When a renews and reports with its old token
            #expect(try await heartbeat(base, old) == .lost)
            let (late, body) = try await report(base, old, sequences: 99)
            // Then it is refused as stale, and b's result is the one accepted
            #expect(late == 409)
            #expect(try APICoding.decode(ErrorResponse.self, from: body).code == "staleToken")
            let (accepted, _) = try await report(base, new, sequences: 5)
            #expect(accepted == 200)
            #expect(store.outcome(trialID: new.trialID)?.sequences == 5)
            #expect(store.attemptStatuses(trialID: new.trialID) == [.lateDuplicate, .accepted])
        }
    }

    @Test func heartbeatSaysStopOnceTheSweepIsCancelled() async throws {
        try await withCoordinator { base, _ in
            let held = try #require(try await claim(base, worker: "w").first)
            let (_, cancelled) = try await CoordinatorFixture.send("POST", base + "/v1/sweeps/mem/cancel", body: Data("{}".utf8))
            #expect(try APICoding.decode(CancelResponse.self, from: cancelled).cancelled == 5)
            #expect(try await heartbeat(base, held) == .stop)
            #expect(try await claim(base, worker: "w").isEmpty)
        }
    }
}
