// A TrialStore held in memory, for tests and demos: the router and the local runner can be driven
// in milliseconds with no database. It mirrors SweepDatabase's semantics (identity dedup, expansion
// order, fencing, attempts, reaping, cancellation) but not its durability: everything is lost with
// the object. Shared contract tests (Tests/SweepStoreTests/TrialStoreContractTests.swift) hold the
// two implementations to the same behaviour; SweepDatabase is the reference.

import Foundation
import Synchronization

/// The in-memory ``TrialStore``: SweepDatabase's behaviour without a file, for tests and demos.
///
/// Every method takes the lock once and either changes the state completely or (when it throws)
/// not at all, as SweepDatabase's one-transaction-per-call does. Times are only ever the `now:`
/// parameters, stored as Unix seconds like the database's REAL columns, so lease boundaries match
/// to the bit. Parameters and budgets are handed out after the same JSON round trip the database's
/// columns impose (a real `1.0` comes back as the integer `1`).
///
/// ```swift
/// let store = InMemoryTrialStore(policy: LeasePolicy(maxAttempts: 2))
/// try store.submit(sweep, trials: sweep.expandTrials(), now: Date())
/// let claim = try store.claimTrial(workerID: "w1", now: Date(), leaseFor: 30)
/// ```
///
/// A class with a `Mutex` rather than an actor: every method is one short critical section, so its
/// synchronous bodies satisfy ``TrialStore``'s async requirements and tests can also call them directly.
public final class InMemoryTrialStore: TrialStore, Sendable {

    /// How an attempt (one claim of a trial) ended, as the database's `attempt.status` column says.
    public enum AttemptStatus: String, Sendable, Equatable, CaseIterable {
        /// The lease is (or was last seen) held.
        case running
        /// Its result became the trial's outcome.
        case accepted
        /// Its result came after the lease had moved on; kept, never the outcome.
        case lateDuplicate
        /// The lease ran out and the reaper took it back.
        case expired
        /// The worker handed the lease back; the attempt was not counted.
        case released
    }

    /// One sweep: the row of the database's `sweep` table.
    struct SweepEntry {
        var preset: String
        var fingerprint: String
        var budget: Budget
        var isCancelled: Bool
        var createdAt: Double
    }

    /// One trial: the row of the `trial` table plus its accepted outcome (the `outcome` table).
    struct TrialEntry {
        var id: String
        var sweepName: String
        var ordinal: Int
        var parameters: [String: ParameterValue]
        var seed: UInt64
        var state: TrialState = .queued
        var attempt = 0
        var maxAttempts: Int
        var leaseToken: String?
        var leaseWorker: String?
        var leaseExpiresAt: Double?
        var failureReason: String?
        var outcome: TrialResult?
    }

    /// One claim: the row of the `attempt` table.
    struct AttemptEntry {
        var trialID: String
        var number: Int
        var token: String
        var workerID: String
        var status: AttemptStatus = .running
        /// The result a stale token delivered, kept as history only.
        var lateResult: TrialResult?
    }

    /// Everything the store holds; only touched under the lock.
    struct State {
        var sweeps: [String: SweepEntry] = [:]
        /// Trials in insertion order (the database's rowid), so claims can break ordinal ties alike.
        var trials: [TrialEntry] = []
        /// Trial ID → position in `trials`.
        var trialIndex: [String: Int] = [:]
        /// Attempts in claim order.
        var attempts: [AttemptEntry] = []
        /// Fencing token → position in `attempts` (tokens are unique, as the database requires).
        var attemptIndex: [String: Int] = [:]
        /// Search plans by sweep name (the `search` table).
        var searches: [String: SearchPlan] = [:]
        /// Recorded search decisions by sweep, in the order they were taken (the `searchDecision` table).
        var decisions: [String: [SearchDecision]] = [:]
    }

    /// Attempts per trial, recorded on each trial when it is submitted (as SweepDatabase does).
    public let policy: LeasePolicy
    private let state = Mutex(State())

    /// Creates an empty store whose trials get `policy.maxAttempts` attempts.
    public init(policy: LeasePolicy = .standard) {
        self.policy = policy
    }

    /// Runs `body` with exclusive access to the state.
    ///
    /// Callers that may throw check everything before their first change, so a throw leaves the
    /// state as it was (the database gets the same from rolling back its transaction).
    func withState<T>(_ body: (inout State) throws -> T) throws -> T {
        try state.withLock { state in try body(&state) }
    }

    /// `withState` for bodies that cannot throw.
    func withState<T>(_ body: (inout State) -> T) -> T {
        state.withLock { state in body(&state) }
    }

    // MARK: - Writes

    /// Registers `sweep` and inserts the trials whose identity is new, all or nothing.
    ///
    /// Throws `.conflict` when a sweep of the same name exists with another preset, other fixed
    /// parameters or another budget, or was cancelled, and `.invalidSweep` when a trial belongs to
    /// another sweep.
    public func submit(_ sweep: SweepDefinition, trials: [SweepTrial], now: Date) throws -> SubmitSummary {
        try submit([SweepSubmission(sweep, trials: trials)], now: now)[0]
    }

    /// Registers several sweeps (each with its search plan and the search's initial step), all or
    /// nothing: they are applied to a copy of the state, which replaces the state only when every
    /// one was accepted.
    public func submit(_ submissions: [SweepSubmission], now: Date) throws -> [SubmitSummary] {
        // The database keeps parameters and budget as JSON and hands out what it decodes.
        let decoded = try submissions.map { submission in
            (budget: try Self.jsonRoundTrip(submission.sweep.budget),
             parameters: try submission.trials.map { try Self.decodeParameters($0.configuration) },
             searchPlan: submission.sweep.searchPlan)
        }
        return try withState { state in
            var draft = state
            let summaries = try zip(submissions, decoded).map { submission, values in
                try register(
                    submission.sweep, trials: submission.trials, budget: values.budget, parameters: values.parameters,
                    searchPlan: values.searchPlan, now: now, in: &draft)
            }
            state = draft
            return summaries
        }
    }

    private func register(
        _ sweep: SweepDefinition, trials: [SweepTrial], budget: Budget, parameters: [[String: ParameterValue]],
        searchPlan: SearchPlan?, now: Date, in state: inout State
    ) throws -> SubmitSummary {
        let existing = state.sweeps[sweep.name]
        if let existing, existing.fingerprint != sweep.fingerprint {
            throw SweepError(
                .conflict,
                "sweep '\(sweep.name)' already exists in this database with a different preset, fixed "
                    + "parameters or budget; give the changed sweep a new name")
        }
        if existing?.isCancelled == true { throw SweepError.cancelledSweep(sweep.name) }
        if let stranger = trials.first(where: { $0.sweepName != sweep.name }) {
            throw SweepError(
                .invalidSweep, "trial \(stranger.id) belongs to sweep '\(stranger.sweepName)', not '\(sweep.name)'")
        }
        if existing == nil {
            state.sweeps[sweep.name] = SweepEntry(
                preset: sweep.preset, fingerprint: sweep.fingerprint, budget: budget, isCancelled: false,
                createdAt: now.timeIntervalSince1970)
        }
        var inserted = 0
        for (trial, parameters) in zip(trials, parameters) where state.trialIndex[trial.id] == nil {
            insert(trial, parameters: parameters, state: &state)
            inserted += 1
        }
        if existing == nil, let plan = searchPlan {
            state.searches[sweep.name] = plan
        }
        // The search's initial step (or its catch-up on a resubmit), in the same all-or-none change.
        try advanceSearch(sweepName: sweep.name, state: &state)
        return SubmitSummary(createdSweep: existing == nil, insertedTrials: inserted, existingTrials: trials.count - inserted)
    }

    /// Cancels a sweep: its queued trials become cancelled, its leased ones get `.stop` on renewal.
    ///
    /// Returns the number of trials cancelled now (0 when the sweep was already cancelled);
    /// throws `.notFound` for an unknown sweep.
    public func cancelSweep(named name: String, now: Date) throws -> Int {
        try withState { state in
            guard state.sweeps[name] != nil else { throw SweepError(.notFound, "no sweep named '\(name)'") }
            state.sweeps[name]?.isCancelled = true
            var cancelled = 0
            for index in state.trials.indices where state.trials[index].sweepName == name {
                guard state.trials[index].state == .queued else { continue }
                state.trials[index].state = .cancelled
                cancelled += 1
            }
            return cancelled
        }
    }

    // MARK: - Reads

    /// Counts trials by state (states without trials are absent), for one sweep or (nil) all.
    public func statusCounts(sweepName: String?) throws -> StatusCounts {
        withState { state in
            var counts = StatusCounts()
            for trial in state.trials where sweepName == nil || trial.sweepName == sweepName {
                counts.byState[trial.state, default: 0] += 1
                if trial.outcome?.success == true { counts.successes += 1 }
            }
            return counts
        }
    }

    /// The sweeps, oldest first (ties by name), as `SweepReader.sweepNames()` lists them.
    public func sweepNames() -> [String] {
        withState { state in
            state.sweeps.sorted { ($0.value.createdAt, $0.key) < ($1.value.createdAt, $1.key) }.map(\.key)
        }
    }

    /// The accepted outcome of a trial, or nil while it has none.
    public func outcome(trialID: String) -> TrialResult? {
        withState { state in state.trialIndex[trialID].flatMap { state.trials[$0].outcome } }
    }

    /// Why a trial failed (executor error or last lease expired), or nil.
    public func failureReason(trialID: String) -> String? {
        withState { state in state.trialIndex[trialID].flatMap { state.trials[$0].failureReason } }
    }

    /// How each attempt at a trial ended, in claim order.
    public func attemptStatuses(trialID: String) -> [AttemptStatus] {
        withState { state in state.attempts.filter { $0.trialID == trialID }.map(\.status) }
    }

    // MARK: - JSON, as the database's columns store it

    static func decodeParameters(_ json: String) throws -> [String: ParameterValue] {
        try JSONDecoder().decode([String: ParameterValue].self, from: Data(json.utf8))
    }

    static func jsonRoundTrip<Value: Codable>(_ value: Value) throws -> Value {
        try JSONDecoder().decode(Value.self, from: try JSONEncoder().encode(value))
    }
}
