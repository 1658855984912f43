// A claim that finds nothing queued while trials are leased elsewhere is held, and answered as soon
// as the queue changes. The hold here is an hour: only the change can end it, so a broken wake-up
// fails by the time limit instead of passing slowly. The limit is 5 minutes, not 1: the coordinator
// runs in this process, and in a full run its tasks can wait long for a thread of the cooperative
// pool (two synchronous suites hold both threads on a 2-core machine); 1 minute ran out there.

import Coordinator
import Foundation
import SweepCore
import Testing

@Suite(.timeLimit(.minutes(5))) struct HeldClaimTests {
    static let oneTrial = "name: one\npreset: toy\nseeds: 1\n"

    func claim(_ base: String, worker: String) async throws -> ClaimResponse {
        let (_, data) = try await CoordinatorFixture.send(
            "POST", base + "/v1/trials/claim", body: try APICoding.encode(ClaimRequest(workerID: worker)))
        return try APICoding.decode(ClaimResponse.self, from: data)
    }

    func withOneTrialCoordinator(
        policy: LeasePolicy = .standard, _ body: (_ base: String) async throws -> Void
    ) async throws {
        let store = InMemoryTrialStore()
        try await CoordinatorFixture.withCoordinator(
            store: store, catalog: InMemoryCatalog(store: store), policy: policy, idleClaimWait: .seconds(3600)
        ) { base in
            _ = try await CoordinatorFixture.send(
                "POST", base + "/v1/sweeps", body: try APICoding.encode(SubmitRequest(yaml: Self.oneTrial, fileName: "one.yaml")))
            try await body(base)
        }
    }

    @Test func aHeldClaimIsAnsweredWithNothingRemainingOnceTheLastResultIsIn() async throws {
        try await withOneTrialCoordinator { base in
            // Given worker a holds the only trial and worker b's claim is waiting
            let held = try #require(try await claim(base, worker: "a").claims.first)
            async let waiting = claim(base, worker: "b")
            // When a reports its result
            let result = ResultRequest(token: held.token, result: TrialResult(success: true, stopReason: .success, sequences: 1))
            let (code, _) = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/\(held.trialID)/result", body: try APICoding.encode(result))
            #expect(code == 200)
            // Then b hears at once that nothing is left (an --exit-when-idle worker exits)
            let reply = try await waiting
            #expect(reply.claims.isEmpty && reply.remaining == 0)
        }
    }

    @Test func aHeldClaimGetsATrialThatIsReleased() async throws {
        try await withOneTrialCoordinator { base in
            // Given worker a holds the only trial and worker b's claim is waiting
            let held = try #require(try await claim(base, worker: "a").claims.first)
            async let waiting = claim(base, worker: "b")
            // When a hands the lease back
            _ = try await CoordinatorFixture.send(
                "POST", base + "/v1/trials/\(held.trialID)/release", body: try APICoding.encode(ReleaseRequest(token: held.token)))
            // Then b's claim gets that trial
            let reply = try await waiting
            #expect(reply.claims.map(\.trialID) == [held.trialID])
        }
    }

    @Test func aClaimIsHeldAtMostAQuarterOfTheLease() async throws {
        // Given a 20 s lease (a worker counts it from when it sent its claim) and an hour's idleClaimWait
        // (8 s was too short beside a full test run at load 12: a's lease was reaped before b's claim ended)
        let policy = LeasePolicy(leaseDuration: 20, heartbeatInterval: 5, maxAttempts: 3)
        try await withOneTrialCoordinator(policy: policy) { base in
            // When worker a holds the only trial and worker b claims
            let held = try #require(try await claim(base, worker: "a").claims.first)
            let reply = try await claim(base, worker: "b")
            // Then b's claim is answered, empty, after at most 5 s: before a's lease runs out and is
            // reaped. Held until the reap, b would get the trial with a lease it had already used up
            // waiting, and abandon it at once (CI, stop 21: the trial ran a third time).
            #expect(reply.claims.isEmpty && reply.remaining == 1, "\(reply.claims.map(\.trialID)) after \(held.trialID)")
        }
    }

    @Test func queueChangesWakeAWaiterBeforeItsDeadline() async {
        // Given a waiter with a deadline an hour away
        let changes = QueueChanges()
        let seen = changes.current
        async let woken: Void = changes.waitForChange(after: seen, until: ContinuousClock.now + .seconds(3600))
        // When a change is recorded, then the waiter returns (the suite's time limit is the check)
        changes.notify()
        await woken
        #expect(changes.current != seen)
    }
}
