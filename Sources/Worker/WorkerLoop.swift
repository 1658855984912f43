// The one worker engine, behind both `lstm-sweep run` (over StoreChannel, in process) and
// `lstm-sweep worker` (over CoordinatorClient, HTTP): `jobs` slots each loop claim (one or an
// adaptive batch of trials) -> run them in turn (TrialExecutor, on a Dispatch thread; trials of one
// group key together, each reported as it ends: WorkerLoop+Groups.swift) -> outbox (one file per
// batch, remote only) -> report (one batch), while the Heartbeater renews every held lease
// in one batched request per round and a resend loop retries the outbox with backoff and jitter.
//
// Shutdown order (requestStop, e.g. on SIGTERM/SIGINT/Ctrl-C): 1. slots stop claiming; 2. running
// trials finish within the grace period and are reported, or are cancelled when it runs out and their
// leases handed back; heartbeats continue meanwhile; 3. the Heartbeater stops; 4. the resend loop
// stops; 5. one last bounded flush of the outbox. Whatever is still unsent stays on disk and is
// resent by the next start.

import Dispatch
import Foundation
import Logging
import SweepCore
import Synchronization

/// The worker engine: pulls trials over a ``TrialChannel`` and runs them.
///
/// ```swift
/// let client = CoordinatorClient(transport: HTTPClientTransport(baseURL: url, token: token))
/// let worker = WorkerLoop(channel: client, executor: toy, outbox: try ResultOutbox(directory: dir),
///                         configuration: .init(jobs: 4))
/// try await worker.run()   // until requestStop(grace:) or, with exitWhenIdle, an empty queue
/// ```
public final class WorkerLoop: Sendable {
    /// What one round of one slot did.
    public enum RoundOutcome: Sendable, Equatable {
        /// Ran a trial; the answer to its result, nil when unsent or abandoned.
        case ran(trialID: String, answer: CompletionResult?)
        /// Ran (or handed back) the trials of one round: a multi-trial claim, its top-up and a group's
        /// refills; answers in the order the round took them up, nil when unsent, handed back or abandoned.
        case ranBatch(trialIDs: [String], answers: [CompletionResult?])
        /// Nothing to claim; trials still queued or leased elsewhere.
        case idle(remaining: Int?)
        /// The coordinator did not answer.
        case unreachable
        /// A stop was requested (or the token was refused, or the store failed).
        case stopping
    }

    /// What this engine did since it was created.
    public struct Tally: Sendable, Equatable {
        /// Results the channel accepted as outcomes.
        public var finished = 0
        /// Of those, successful trials.
        public var successes = 0
        /// Trials started in a group (``TrialGroupExecutor``: SIMD lanes), of those run.
        public var grouped = 0
        /// Leases handed back (stop grace ran out) without counting an attempt.
        public var released = 0
        /// Trials running (or claimed and waiting their turn) right now.
        public var running = 0
        /// How far the running trials have come, of those whose executor reported it.
        public var standings: [TrialStanding] = []
    }

    struct State {
        var stopRequested = false
        var fatal: (any Error)?
        /// Per slot: trials to ask for in the next claim (see `adaptClaimCount`).
        var claimCounts: [Int: Int] = [:]
        var tally = Tally()
    }

    let channel: any TrialChannel
    let executor: any TrialExecutor
    let outbox: ResultOutbox?
    let configuration: WorkerConfiguration
    let logger: Logger
    let link: LinkMonitor
    let running = RunningTrials()
    /// The lease-renewal loop (exposed so tests can drive rounds).
    public let heartbeater: Heartbeater
    let state = Mutex(State())

    /// Creates a worker; nothing happens until ``run()`` or ``runOnce(slot:now:)``.
    /// - Parameter outbox: where results wait until acknowledged; nil sends them straight (a local
    ///   store is its own durable copy).
    public init(
        channel: any TrialChannel, executor: any TrialExecutor, outbox: ResultOutbox?,
        configuration: WorkerConfiguration, logger: Logger = Logger(label: "lstm-sweep.worker")
    ) {
        self.channel = channel
        self.executor = executor
        self.outbox = outbox
        self.configuration = configuration
        self.logger = logger
        link = LinkMonitor(logger: logger)
        let interval = configuration.heartbeatInterval ?? LeasePolicy.defaultHeartbeatInterval
        heartbeater = Heartbeater(
            channel: channel, running: running, link: link, interval: .milliseconds(Int64(interval * 1000)), logger: logger)
    }

    /// Stops claiming; running trials get `grace` seconds, then are cancelled and their leases released.
    public func requestStop(grace: TimeInterval) {
        let first = state.withLock { state -> Bool in
            defer { state.stopRequested = true }
            return !state.stopRequested
        }
        if first { logger.info("stopping: no new claims; \(running.count) running trials get \(grace) s") }
        let running = self.running
        Task {
            try? await Task.sleep(for: .milliseconds(Int64(max(0, grace) * 1000)))
            running.abandonAll()
        }
    }

    var stopRequested: Bool { state.withLock { $0.stopRequested || $0.fatal != nil } || heartbeater.failure != nil }

    /// Whether a stop was requested or an error stopped the engine: no new claims.
    public var isStopping: Bool { stopRequested }

    /// What the engine did so far (for a progress display).
    public var tally: Tally {
        var tally = state.withLock { $0.tally }
        tally.running = running.count
        tally.standings = running.standings
        return tally
    }

    /// Records an error no retry can mend (a refused token, a failing store) and stops claiming;
    /// ``run()`` throws it once the running trials are drained.
    func fail(_ error: any Error) {
        state.withLock { if $0.fatal == nil { $0.fatal = error } }
        requestStop(grace: configuration.grace)
    }

    /// Runs until a stop was requested (and the trials drained) or, with `exitWhenIdle`, the queue is
    /// empty. Throws what stopped it: a refused token, a store error.
    public func run() async throws {
        if let outbox, outbox.count > 0 {
            logger.info("resending \(outbox.count) results left in the outbox")
            _ = await flushOutbox(olderThan: nil)
        }
        let beats = Task { await heartbeater.run() }
        let resends = Task { await resendLoop() }
        await withTaskGroup(of: Void.self) { group in
            for slot in 0..<configuration.jobs {
                group.addTask { await self.slotLoop(slot: slot) }
            }
        }
        beats.cancel()
        resends.cancel()
        await beats.value
        await resends.value
        var backoff = configuration.backoff
        for _ in 0..<3 where (outbox?.count ?? 0) > 0 {
            if await flushOutbox(olderThan: nil) { break }
            try? await Task.sleep(for: backoff.nextDelay())
        }
        if let outbox, outbox.count > 0 { logger.warning("\(outbox.count) results stay in the outbox for the next start") }
        if let fatal = state.withLock({ $0.fatal }) ?? heartbeater.failure { throw fatal }
    }

    private func slotLoop(slot: Int) async {
        var backoff = configuration.backoff
        while !stopRequested {
            switch await runOnce(slot: slot) {
            case .ran, .ranBatch:
                backoff.reset()
            case .idle(let remaining):
                backoff.reset()
                if configuration.exitWhenIdle, remaining == 0, running.count == 0, (outbox?.count ?? 0) == 0 {
                    logger.debug("slot \(slot): nothing left to run; exiting")
                    return
                }
                await pause(.milliseconds(Int64(configuration.idlePoll * 1000 * Double.random(in: 0.5...1))))
            case .unreachable:
                await pause(backoff.nextDelay())
            case .stopping:
                return
            }
        }
    }

    /// Sleeps, waking early when a stop is requested.
    private func pause(_ duration: Duration) async {
        let end = ContinuousClock.now + duration
        while !stopRequested, ContinuousClock.now < end {
            try? await Task.sleep(for: min(.milliseconds(100), end - ContinuousClock.now))
        }
    }
}
