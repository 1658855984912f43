// The two TrialStore implementations the contract tests run against, with what the protocol
// cannot show (accepted outcomes, attempt history, failure reasons) read the way each one keeps it:
// SweepDatabase through SweepReader's SQL, InMemoryTrialStore through its read methods.

import Foundation
import SweepCore
import SweepStore
import Testing

/// Which implementation a contract test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    /// `SweepDatabase` on a temporary file: the reference.
    case sqlite
    /// `InMemoryTrialStore`: must behave exactly like the reference.
    case inMemory

    var testDescription: String { rawValue }

    /// A fresh, empty store of this kind.
    func make(policy: LeasePolicy = .standard) throws -> StoreUnderTest {
        switch self {
        case .sqlite: StoreUnderTest(backing: .sqlite(try StoreFixture(policy: policy)))
        case .inMemory: StoreUnderTest(backing: .inMemory(InMemoryTrialStore(policy: policy)))
        }
    }
}

/// One store under contract, with the toy sweeps and times of ``StoreFixture``.
struct StoreUnderTest {
    enum Backing {
        case sqlite(StoreFixture)
        case inMemory(InMemoryTrialStore)
    }

    let backing: Backing
    let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// The store, seen only through the protocol.
    var store: any TrialStore {
        switch backing {
        case .sqlite(let fixture): fixture.database
        case .inMemory(let store): store
        }
    }

    func time(_ seconds: TimeInterval) -> Date { start.addingTimeInterval(seconds) }

    @discardableResult
    func submit(_ sweep: SweepDefinition) async throws -> SubmitSummary {
        try await store.submit(sweep, trials: sweep.expandTrials(), now: start)
    }

    /// A one-trial sweep whose first lease (worker a, from `start`) expired and was reaped at 11 s, and
    /// the trial claimed again by worker b at 12 s: the stale claim and the live one.
    func staleAndLiveClaims() async throws -> (stale: Claim, live: Claim) {
        try await submit(StoreFixture.sweep(seeds: 1, xs: [1]))
        let stale = try #require(try await store.claimTrial(workerID: "a", now: start, leaseFor: 10))
        _ = try await store.reapExpiredLeases(now: time(11))
        let live = try #require(try await store.claimTrial(workerID: "b", now: time(12), leaseFor: 10))
        return (stale, live)
    }

    /// `sequences` of every accepted outcome of a trial: exactly one element once it is accepted.
    func outcomeSequences(trialID: String) throws -> [Int] {
        switch backing {
        case .sqlite(let fixture):
            try SweepReader(path: fixture.path).query("SELECT sequences FROM outcome WHERE trialId = '\(trialID)'")
                .rows.map { Int($0[0].text) ?? -1 }
        case .inMemory(let store):
            store.outcome(trialID: trialID).map { [$0.sequences] } ?? []
        }
    }

    /// How each attempt at a trial ended, in claim order.
    func attemptStatuses(trialID: String) throws -> [String] {
        switch backing {
        case .sqlite(let fixture):
            try SweepReader(path: fixture.path)
                .query("SELECT status FROM attempt WHERE trialId = '\(trialID)' ORDER BY id").rows.map(\.[0].text)
        case .inMemory(let store):
            store.attemptStatuses(trialID: trialID).map(\.rawValue)
        }
    }

    /// Why a trial failed, or nil.
    func failureReason(trialID: String) throws -> String? {
        switch backing {
        case .sqlite(let fixture):
            let cell = try SweepReader(path: fixture.path).query("SELECT failureReason FROM trial WHERE id = '\(trialID)'")
                .rows.first?[0]
            return cell == nil || cell == .null ? nil : cell?.text
        case .inMemory(let store):
            return store.failureReason(trialID: trialID)
        }
    }

    /// The sweeps, oldest first.
    func sweepNames() throws -> [String] {
        switch backing {
        case .sqlite(let fixture): try SweepReader(path: fixture.path).sweepNames()
        case .inMemory(let store): store.sweepNames()
        }
    }

    /// The recorded decisions of a sweep's search, by configuration and step.
    func searchDecisions(sweepName: String) throws -> [SearchDecision] {
        switch backing {
        case .sqlite(let fixture): try SweepReader(path: fixture.path).searchDecisions(sweepName: sweepName)
        case .inMemory(let store): store.searchDecisions(sweepName: sweepName)
        }
    }

    func remove() {
        if case .sqlite(let fixture) = backing { fixture.remove() }
    }
}
