// Runs a sweep on this machine: `jobs` Dispatch worker threads loop claim -> run -> report through
// the TrialStore protocol, exactly as remote workers do through HTTP. The calling thread is the
// housekeeper: it flushes batched results, renews leases, enforces the stop grace period and
// reports progress.
//
// Shutdown order: requestStop() -> workers stop claiming -> running trials finish (results
// flushed) or, after the grace period, are cancelled and their leases released -> last flush.

import Foundation
import Synchronization

/// Runs the trials of a store with local worker threads.
///
/// ```swift
/// let runner = LocalSweepRunner(store: database, executor: toy, configuration: .init(jobs: 2, sweepNames: ["demo"]))
/// let summary = try runner.run()   // blocks until the queue is empty or a stop was requested
/// ```
public final class LocalSweepRunner: Sendable {
    /// Tuning of a local run.
    public struct Configuration: Sendable {
        /// Worker threads.
        public var jobs: Int
        /// Only run trials of these sweeps, claiming from the first that has one queued (empty: any
        /// active sweep). A multi-sweep file's sweeps, in file order.
        public var sweepNames: [String]
        /// Lease duration, heartbeat interval and attempts.
        public var policy: LeasePolicy
        /// Results written per transaction at most.
        public var batchSize: Int
        /// Housekeeping period: results wait at most this long before being written.
        public var flushInterval: TimeInterval
        /// Worker ids are `"\(workerPrefix)-\(index)"`.
        public var workerPrefix: String

        /// Creates a configuration.
        public init(
            jobs: Int, sweepNames: [String] = [], policy: LeasePolicy = .standard, batchSize: Int = 256,
            flushInterval: TimeInterval = 0.1, workerPrefix: String = "local"
        ) {
            self.jobs = max(1, jobs)
            self.sweepNames = sweepNames
            self.policy = policy
            self.batchSize = max(1, batchSize)
            self.flushInterval = flushInterval
            self.workerPrefix = workerPrefix
        }
    }

    struct Running {
        var token: String
        var flag: CancellationFlag
        /// Set when the stop grace ran out or the lease was lost: do not report, release (or drop).
        var abandon: Bool = false
        var lost: Bool = false
    }

    struct State {
        var running: [String: Running] = [:]
        var pending: [TrialCompletion] = []
        var stopRequested = false
        var stopDeadline: Date?
        var failure: (any Error)?
        var finishedThisRun = 0
        var successesThisRun = 0
        var released = 0
    }

    let store: any TrialStore
    let executor: any TrialExecutor
    let configuration: Configuration
    let clock: @Sendable () -> Date
    let onProgress: @Sendable (RunProgress) -> Void
    let state = Mutex(State())
    let flushLock = Mutex(())

    /// Creates a runner; nothing runs until ``run()``.
    /// - Parameters:
    ///   - clock: the time source for `now:` arguments (tests may pass a fake).
    ///   - progress: called from the housekeeping thread every flush interval.
    public init(
        store: any TrialStore, executor: any TrialExecutor, configuration: Configuration,
        clock: @escaping @Sendable () -> Date = { Date() },
        progress: @escaping @Sendable (RunProgress) -> Void = { _ in }
    ) {
        self.store = store
        self.executor = executor
        self.configuration = configuration
        self.clock = clock
        self.onProgress = progress
    }

    /// Stops claiming; running trials get `grace` seconds to finish, then are cancelled and released.
    /// Safe to call from any thread, several times (a later call can only shorten the grace).
    public func requestStop(grace: TimeInterval) {
        let deadline = clock().addingTimeInterval(max(0, grace))
        state.withLock { state in
            state.stopRequested = true
            if state.stopDeadline.map({ deadline < $0 }) ?? true { state.stopDeadline = deadline }
        }
    }

    /// Runs until no claimable trial is left or a stop was requested, then returns.
    /// Rethrows the first store error any thread met.
    public func run() throws -> RunSummary {
        let started = clock()
        _ = try store.reapExpiredLeases(now: started)
        let initial = try statusCounts()
        let group = DispatchGroup()
        for index in 0..<configuration.jobs {
            let workerID = "\(configuration.workerPrefix)-\(index)"
            DispatchQueue.global(qos: .userInitiated).async(group: group) { [self] in
                workerLoop(workerID: workerID)
            }
        }
        var lastHeartbeat = started
        var baseline = Baseline(counts: initial, finishedThisRun: 0, successesThisRun: 0)
        while group.wait(timeout: .now() + configuration.flushInterval) == .timedOut {
            let now = clock()
            housekeep(now: now, heartbeat: now.timeIntervalSince(lastHeartbeat) >= configuration.policy.heartbeatInterval)
            if now.timeIntervalSince(lastHeartbeat) >= configuration.policy.heartbeatInterval {
                lastHeartbeat = now
                // Adaptive searches add (and cancel) trials as results come in: re-read the totals.
                baseline = try self.baseline()
            }
            onProgress(progress(baseline, started: started))
        }
        flushPending()
        let final = progress(try self.baseline(), started: started)
        onProgress(final)
        let (failure, interrupted, released) = state.withLock { ($0.failure, $0.stopRequested, $0.released) }
        if let failure { throw failure }
        return RunSummary(progress: final, interrupted: interrupted && final.finished < final.total, released: released)
    }

    /// Store counts, and this run's tallies at the moment they were read.
    struct Baseline {
        var counts: StatusCounts
        var finishedThisRun: Int
        var successesThisRun: Int
    }

    /// Reads the counts; under the flush lock, so no batch is both in the counts and after the tallies.
    func baseline() throws -> Baseline {
        try flushLock.withLock { _ in
            let tallies = state.withLock { ($0.finishedThisRun, $0.successesThisRun) }
            let counts = try statusCounts()
            return Baseline(counts: counts, finishedThisRun: tallies.0, successesThisRun: tallies.1)
        }
    }

    func progress(_ baseline: Baseline, started: Date) -> RunProgress {
        state.withLock { state in
            RunProgress(
                total: baseline.counts.total,
                finished: baseline.counts.finished + state.finishedThisRun - baseline.finishedThisRun,
                finishedThisRun: state.finishedThisRun,
                successes: baseline.counts.successes + state.successesThisRun - baseline.successesThisRun,
                running: state.running.count, elapsed: clock().timeIntervalSince(started), stopping: state.stopRequested)
        }
    }
}
