// Small answer types of the TrialStore protocol, all Codable so a coordinator can send them.

import Foundation

/// The answer to a lease renewal (heartbeat).
public enum RenewResult: String, Sendable, Codable, Equatable {
    /// The lease was extended.
    case ok
    /// The lease was extended, but the sweep was cancelled: stop the trial and report `cancelled`.
    case stop
    /// The token is stale or the trial is no longer leased: abandon the trial.
    case lost
}

/// The answer to a reported result.
public enum CompletionResult: String, Sendable, Codable, Equatable {
    /// The result was recorded as the trial's outcome.
    case accepted
    /// The same token already delivered a result (a resend); nothing changed.
    case alreadyAccepted
    /// The token is stale: the result was recorded in the attempt history only, never as the outcome.
    case lateDuplicate
}

/// What `submit` did.
public struct SubmitSummary: Sendable, Codable, Equatable {
    /// Whether the sweep row was created (false: it existed with the same definition).
    public var createdSweep: Bool
    /// Trials inserted now.
    public var insertedTrials: Int
    /// Trials that already existed (same identity) and were left as they were.
    public var existingTrials: Int

    /// Creates a summary.
    public init(createdSweep: Bool, insertedTrials: Int, existingTrials: Int) {
        self.createdSweep = createdSweep
        self.insertedTrials = insertedTrials
        self.existingTrials = existingTrials
    }
}

/// What one reaper round did.
public struct ReapSummary: Sendable, Codable, Equatable {
    /// Expired leases put back in the queue (attempt + 1 on the next claim).
    public var requeued: Int
    /// Expired leases whose trial had used all attempts and is now failed.
    public var failed: Int
    /// Expired leases of cancelled sweeps, whose trial is now cancelled instead of queued.
    public var cancelled: Int

    /// Creates a summary.
    public init(requeued: Int = 0, failed: Int = 0, cancelled: Int = 0) {
        self.requeued = requeued
        self.failed = failed
        self.cancelled = cancelled
    }

    /// All expired leases handled.
    public var total: Int { requeued + failed + cancelled }
}

/// Trial counts by state, for one sweep or all.
public struct StatusCounts: Sendable, Codable, Equatable {
    /// Count per state; missing states are zero.
    public var byState: [TrialState: Int]
    /// Finished trials whose outcome was a success.
    public var successes: Int

    /// Creates counts.
    public init(byState: [TrialState: Int] = [:], successes: Int = 0) {
        self.byState = byState
        self.successes = successes
    }

    /// The count for one state.
    public subscript(state: TrialState) -> Int { byState[state] ?? 0 }
    /// All trials.
    public var total: Int { byState.values.reduce(0, +) }
    /// Trials that will not run again.
    public var finished: Int { self[.done] + self[.failed] + self[.cancelled] }
}

/// One result to report: which trial, under which lease, and what happened.
public struct TrialCompletion: Sendable, Codable, Equatable {
    /// The trial identity.
    public var trialID: String
    /// The fencing token of the claim that ran it.
    public var token: String
    /// The outcome.
    public var result: TrialResult

    /// Creates a completion.
    public init(trialID: String, token: String, result: TrialResult) {
        self.trialID = trialID
        self.token = token
        self.result = result
    }
}
