// A remote worker: `jobs` slots each loop claim (one or an adaptive batch of trials) -> run them in
// turn (TrialExecutor, on a Dispatch thread) -> outbox (one file per batch) -> report (one batch), while the Heartbeater renews the held leases and a resend loop retries the
// outbox with exponential backoff and jitter.
//
// Shutdown order (requestStop, e.g. on SIGTERM/SIGINT): 1. slots stop claiming; 2. running trials
// finish within the grace period and are reported, or are cancelled when it runs out and their
// leases handed back; heartbeats continue meanwhile; 3. the Heartbeater stops; 4. the resend loop
// stops; 5. one last bounded flush of the outbox. Whatever is still unsent stays on disk and is
// resent by the next start.

import Dispatch
import Foundation
import Logging
import SweepCore
import Synchronization

/// A worker that pulls trials from a coordinator.
///
/// ```swift
/// let client = CoordinatorClient(transport: URLSessionTransport(baseURL: url, token: token))
/// let worker = try WorkerLoop(client: client, executor: toy, outbox: ResultOutbox(directory: dir),
///                             configuration: .init(jobs: 4))
/// try await worker.run()   // until requestStop(grace:) or, with exitWhenIdle, an empty queue
/// ```
public final class WorkerLoop: Sendable {
    /// What one round of one slot did.
    public enum RoundOutcome: Sendable, Equatable {
        /// Ran a trial; the coordinator's answer to its result, nil when unsent or abandoned.
        case ran(trialID: String, answer: CompletionResult?)
        /// Ran (or handed back) the trials of one multi-trial claim; answers in claim order, nil when
        /// unsent, handed back or abandoned.
        case ranBatch(trialIDs: [String], answers: [CompletionResult?])
        /// Nothing to claim; trials still queued or leased elsewhere.
        case idle(remaining: Int?)
        /// The coordinator did not answer.
        case unreachable
        /// A stop was requested (or the token was refused).
        case stopping
    }

    struct State {
        var stopRequested = false
        var idleExit = false
        var fatal: WorkerError?
        /// Per slot: trials to ask for in the next claim (see `adaptClaimCount`).
        var claimCounts: [Int: Int] = [:]
    }

    let client: CoordinatorClient
    let executor: any TrialExecutor
    let outbox: ResultOutbox
    let configuration: WorkerConfiguration
    let logger: Logger
    let link: LinkMonitor
    let running = RunningTrials()
    /// The lease-renewal loop (exposed so tests can drive rounds).
    public let heartbeater: Heartbeater
    let state = Mutex(State())

    /// Creates a worker; nothing happens until ``run()`` or ``runOnce(slot:now:)``.
    public init(
        client: CoordinatorClient, executor: any TrialExecutor, outbox: ResultOutbox,
        configuration: WorkerConfiguration, logger: Logger = Logger(label: "lstm-sweep.worker")
    ) {
        self.client = client
        self.executor = executor
        self.outbox = outbox
        self.configuration = configuration
        self.logger = logger
        link = LinkMonitor(logger: logger)
        let interval = configuration.heartbeatInterval ?? LeasePolicy.defaultHeartbeatInterval
        heartbeater = Heartbeater(
            client: client, running: running, link: link, interval: .milliseconds(Int64(interval * 1000)), logger: logger)
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

    var stopRequested: Bool { state.withLock { $0.stopRequested } }

    /// Runs until a stop was requested (and the trials drained) or, with `exitWhenIdle`, the queue is empty.
    /// Throws when the coordinator refused the token.
    public func run() async throws {
        logger.info("worker \(configuration.name): \(configuration.jobs) jobs, outbox \(outbox.directory.path)")
        if outbox.count > 0 {
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
        for _ in 0..<3 where outbox.count > 0 {
            if await flushOutbox(olderThan: nil) { break }
            try? await Task.sleep(for: backoff.nextDelay())
        }
        if outbox.count > 0 { logger.warning("\(outbox.count) results stay in the outbox for the next start") }
        if let fatal = state.withLock({ $0.fatal }) { throw fatal }
    }

    private func slotLoop(slot: Int) async {
        var backoff = configuration.backoff
        while !stopRequested {
            switch await runOnce(slot: slot) {
            case .ran, .ranBatch:
                backoff.reset()
            case .idle(let remaining):
                backoff.reset()
                if configuration.exitWhenIdle, remaining == 0, running.count == 0, outbox.count == 0 {
                    logger.info("slot \(slot): nothing left to run; exiting")
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
