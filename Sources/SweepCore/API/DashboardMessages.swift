// The dashboard's JSON (docs/api.md, "Dashboard"): `GET /v1/dashboard/overview` (every sweep's
// progress, the workers, the running trials and the recent failures) and
// `GET /v1/dashboard/sweeps/{name}/configurations` (the sortable per-configuration table).
// Counted in SQL by the store's dashboard reader; plain values, polled every few seconds.

import Foundation

/// `GET /v1/dashboard/overview`.
public struct DashboardOverview: Sendable, Codable, Equatable {
    /// One sweep's progress.
    public struct Sweep: Sendable, Codable, Equatable {
        /// The sweep's name.
        public var name: String
        /// Its preset.
        public var preset: String
        /// `active` or `cancelled`.
        public var state: String
        /// Trials by state.
        public var queued: Int, leased: Int, done: Int, failed: Int, cancelled: Int
        /// Finished trials that succeeded.
        public var successes: Int
        /// Results recorded per minute over the last few minutes (0 when none).
        public var ratePerMinute: Double
        /// Seconds until queued and leased trials are done at that rate, or nil without a rate.
        public var etaSeconds: Double?

        /// Creates a sweep's progress.
        public init(
            name: String, preset: String, state: String, queued: Int, leased: Int, done: Int, failed: Int, cancelled: Int,
            successes: Int, ratePerMinute: Double, etaSeconds: Double?
        ) {
            (self.name, self.preset, self.state) = (name, preset, state)
            (self.queued, self.leased, self.done, self.failed, self.cancelled) = (queued, leased, done, failed, cancelled)
            (self.successes, self.ratePerMinute, self.etaSeconds) = (successes, ratePerMinute, etaSeconds)
        }
    }

    /// A worker the coordinator has seen.
    public struct Worker: Sendable, Codable, Equatable {
        /// The worker's name.
        public var id: String
        /// Its last claim, heartbeat or result.
        public var lastSeenAt: Date
        /// Trials it claimed and results it reported, ever.
        public var claims: Int, results: Int
        /// Trials it holds now.
        public var running: Int

        /// Creates a worker row.
        public init(id: String, lastSeenAt: Date, claims: Int, results: Int, running: Int) {
            (self.id, self.lastSeenAt, self.claims, self.results, self.running) = (id, lastSeenAt, claims, results, running)
        }
    }

    /// A running or failed trial.
    public struct Trial: Sendable, Codable, Equatable {
        /// Its sweep.
        public var sweep: String
        /// The trial's identity.
        public var trialID: String
        /// Its configuration, compact (`x=1 y=2`).
        public var configuration: String
        /// Its seed.
        public var seed: Int64
        /// The attempt number.
        public var attempt: Int
        /// The worker holding (or last holding) it, if any.
        public var worker: String?
        /// The last heartbeat of the running attempt, if any.
        public var heartbeatAt: Date?
        /// The last change of the trial (the failure, for a failed trial).
        public var updatedAt: Date
        /// Why it failed (failed trials).
        public var reason: String?
        /// How far the attempt had come at its last heartbeat: training sequences, of its budget.
        public var sequences: Int?, maxSequences: Int?

        /// Creates a trial row.
        public init(
            sweep: String, trialID: String, configuration: String, seed: Int64, attempt: Int, worker: String?,
            heartbeatAt: Date?, updatedAt: Date, reason: String?, sequences: Int? = nil, maxSequences: Int? = nil
        ) {
            (self.sweep, self.trialID, self.configuration, self.seed, self.attempt) = (sweep, trialID, configuration, seed, attempt)
            (self.worker, self.heartbeatAt, self.updatedAt, self.reason) = (worker, heartbeatAt, updatedAt, reason)
            (self.sequences, self.maxSequences) = (sequences, maxSequences)
        }
    }

    /// When the answer was computed (the coordinator's clock).
    public var generatedAt: Date
    /// The coordinator serves a database read-only (`serve --read-only`): no actions.
    public var readOnly: Bool
    /// The caller may cancel and retry sweeps (the worker token, or no tokens configured).
    public var canManage: Bool
    /// Every sweep, oldest first.
    public var sweeps: [Sweep]
    /// Workers, most recently seen first (at most 100).
    public var workers: [Worker]
    /// Running trials, most recently claimed first (at most 50).
    public var running: [Trial]
    /// Failed trials, most recent first (at most 20).
    public var failures: [Trial]

    /// Creates an overview.
    public init(
        generatedAt: Date, readOnly: Bool, canManage: Bool, sweeps: [Sweep], workers: [Worker], running: [Trial], failures: [Trial]
    ) {
        (self.generatedAt, self.readOnly, self.canManage) = (generatedAt, readOnly, canManage)
        (self.sweeps, self.workers, self.running, self.failures) = (sweeps, workers, running, failures)
    }
}

/// `GET /v1/dashboard/sweeps/{name}/configurations`: one row per configuration, in expansion order.
public struct DashboardConfigurations: Sendable, Codable, Equatable {
    /// One configuration's counts and sequences to success.
    public struct Row: Sendable, Codable, Equatable {
        /// Its parameters (the varied ones first in the table).
        public var parameters: [String: ParameterValue]
        /// Trials, and trials by state.
        public var trials: Int, queued: Int, leased: Int, done: Int, failed: Int
        /// Finished trials that succeeded.
        public var successes: Int
        /// successes / (done + failed), or nil before any finished.
        public var successRate: Double?
        /// Median and mean sequences to success of the successes, or nil.
        public var medianSequences: Double?, meanSequences: Double?

        /// Creates a row.
        public init(
            parameters: [String: ParameterValue], trials: Int, queued: Int, leased: Int, done: Int, failed: Int, successes: Int,
            successRate: Double?, medianSequences: Double?, meanSequences: Double?
        ) {
            (self.parameters, self.trials, self.queued, self.leased, self.done, self.failed) = (parameters, trials, queued, leased, done, failed)
            (self.successes, self.successRate, self.medianSequences, self.meanSequences) = (successes, successRate, medianSequences, meanSequences)
        }
    }

    /// The sweep.
    public var sweep: String
    /// Parameters whose values differ between configurations: the table's columns and the plots' axes.
    public var varied: [String]
    /// Of those, the numeric ones (possible x axes).
    public var numeric: [String]
    /// The rows (at most 1,000).
    public var rows: [Row]

    /// Creates the table.
    public init(sweep: String, varied: [String], numeric: [String], rows: [Row]) {
        (self.sweep, self.varied, self.numeric, self.rows) = (sweep, varied, numeric, rows)
    }
}
