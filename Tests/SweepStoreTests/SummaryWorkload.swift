// A seeded random mix of every write that changes a trial's state or outcome (submit and resubmit,
// claim, results of every stop reason, late duplicates, release, lease expiry on the last attempt,
// cancel, retry of failed trials, merge of another file), on real SQLite files, for the tests that
// hold the maintained summary against the reference joins.

import Foundation
import SweepCore
@testable import SweepStore

/// Drives one database (and a second one to merge from) through random operations.
struct SummaryWorkload {
    let fixture: StoreFixture
    /// Another database with an overlapping sweep and its own, merged in at random moments.
    let source: StoreFixture
    var generator: SplitMix64
    /// Seconds since the fixture's start: every operation happens a little later.
    var clock: TimeInterval = 0
    /// Leases held by the workload's worker; and leases it lost to the reaper (their results are late).
    var held: [Claim] = [], lost: [Claim] = []
    /// Operations done, by name (so a test can check the mix covered every kind).
    var done: [String: Int] = [:]

    static let lease: TimeInterval = 30

    init(seed: UInt64) async throws {
        // Two attempts per trial, so an expired lease sometimes fails its trial.
        fixture = try StoreFixture(policy: LeasePolicy(maxAttempts: 2))
        source = try StoreFixture(policy: LeasePolicy(maxAttempts: 2))
        generator = SplitMix64(seed: seed)
        try await fixture.submit(StoreFixture.sweep(name: "a", seeds: 5, xs: [1, 2, 3, 4]))
        try await fixture.submit(StoreFixture.sweep(name: "b", seeds: 3, xs: [1, 2, 4], fixedY: 7))
        try await source.submit(StoreFixture.sweep(name: "a", seeds: 10, xs: [1, 2, 3, 4]))
        try await source.submit(StoreFixture.sweep(name: "c", seeds: 5, xs: [5], fixedY: 9))
    }

    func remove() {
        fixture.remove()
        source.remove()
    }

    var now: Date { fixture.time(clock) }

    /// The same trial always gets the same result, in either file, so merges never conflict.
    static func result(for trialID: String) -> TrialResult {
        let hash = trialID.utf8.reduce(0) { ($0 &* 31 &+ Int($1)) & 0xFFFF }
        let sequences = 1 + hash % 40
        let curve = [LearningCurvePoint(sequences: sequences, trainingLoss: 0.5)]
        switch hash % 7 {
        case 0, 1, 2: return TrialResult(success: true, stopReason: .success, sequences: sequences, curve: curve)
        case 3: return TrialResult(success: false, stopReason: .budget, sequences: 50, curve: curve)
        case 4: return TrialResult(success: false, stopReason: .diverged, sequences: sequences)
        case 5: return TrialResult(success: false, stopReason: .error, sequences: sequences, errorMessage: "boom")
        default: return TrialResult(success: false, stopReason: .cancelled, sequences: sequences)
        }
    }

    /// One random operation.
    mutating func step() async throws {
        clock += 1
        let database = fixture.database
        let operation = generator.next() % 100
        switch operation {
        case 0..<30:
            let count = Int(generator.next() % 3) + 1
            held += try await database.claimTrials(
                workerID: "w\(generator.next() % 2)", now: now, leaseFor: Self.lease, sweepName: nil, count: count)
            done["claim", default: 0] += 1
        case 30..<60 where !held.isEmpty:
            let claims = held.prefix(Int(generator.next() % 3) + 1)
            held.removeFirst(claims.count)
            _ = try await database.completeTrials(
                claims.map { TrialCompletion(trialID: $0.trialID, token: $0.token, result: Self.result(for: $0.trialID)) }, now: now)
            done["result", default: 0] += 1
        case 60..<63 where !lost.isEmpty:
            let claim = lost.removeFirst()
            _ = try await database.completeTrial(
                TrialCompletion(trialID: claim.trialID, token: claim.token, result: Self.result(for: claim.trialID)), now: now)
            done["late result", default: 0] += 1
        case 63..<68 where !held.isEmpty:
            let claim = held.removeLast()
            _ = try await database.releaseLease(trialID: claim.trialID, token: claim.token, now: now)
            done["release", default: 0] += 1
        case 68..<76:
            // Every held lease runs out: the reaper requeues them, or fails those on their last attempt.
            clock += Self.lease + 1
            lost += held
            held = []
            _ = try await database.reapExpiredLeases(now: now)
            done["reap", default: 0] += 1
        case 76..<82:
            _ = try database.retryFailedTrials(sweepName: "a", now: now)
            done["retry", default: 0] += 1
        case 82..<85:
            let sweep = StoreFixture.sweep(name: "a", seeds: 8, xs: [1, 2, 3, 4])
            _ = try await database.submit(sweep, trials: sweep.expandTrials(), now: now)
            done["resubmit", default: 0] += 1
        case 85..<88 where done["cancel", default: 0] == 0:
            _ = try await database.cancelSweep(named: "b", now: now)
            done["cancel", default: 0] += 1
        case 88..<94:
            // The other file makes progress of its own.
            let claims = try await source.database.claimTrials(
                workerID: "s", now: now, leaseFor: Self.lease, sweepName: nil, count: 3)
            for claim in claims {
                _ = try await source.database.completeTrial(
                    TrialCompletion(trialID: claim.trialID, token: claim.token, result: Self.result(for: claim.trialID)), now: now)
            }
            done["source", default: 0] += 1
        case 94..<100:
            _ = try database.merge(sources: [source.path])
            done["merge", default: 0] += 1
        default:
            break
        }
    }
}
