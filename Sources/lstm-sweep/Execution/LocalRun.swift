// `lstm-sweep run` as the worker engine over the local store: the same WorkerLoop as a remote
// worker, through StoreChannel instead of HTTP, with a progress line fed from the store's counts
// and the engine's tally.

import Foundation
import Logging
import SweepCore
import SweepStore
import Worker

/// One local run of the sweeps of a file.
struct LocalRun: Sendable {
    let store: SweepDatabase
    let sweepNames: [String]
    let engine: WorkerLoop
    let reporter: ProgressReporter

    init(store: SweepDatabase, sweepNames: [String], options: RunOptions) {
        self.store = store
        self.sweepNames = sweepNames
        let policy = options.policy
        var logger = Logger(label: "lstm-sweep.run")
        logger.logLevel = .warning  // the progress line tells the rest
        engine = WorkerLoop(
            channel: StoreChannel(store: store, policy: policy),
            executor: RegistryTrialExecutor(),  // as a remote worker: stamps the provenance
            outbox: nil,  // the store is the durable copy
            configuration: WorkerConfiguration(
                jobs: options.effectiveJobs, name: "local-\(ProcessInfo.processInfo.hostName)-\(getpid())",
                sweepNames: sweepNames, grace: options.grace, heartbeatInterval: policy.heartbeatInterval,
                idlePoll: 0.1, exitWhenIdle: true, groupsTrials: options.lanes),
            logger: logger)
        reporter = ProgressReporter(logInterval: options.logInterval)
    }

    /// Runs until the sweeps are finished or a stop drained the engine; returns the last progress.
    func run() async throws -> RunProgress {
        let started = ContinuousClock.now
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
                if let progress = try? await progress(since: started) { reporter.report(progress) }
            }
        }
        let outcome = await Result(catching: { try await engine.run() })
        ticker.cancel()
        await ticker.value
        let final = try await progress(since: started)
        reporter.finish(final)
        try outcome.get()
        return final
    }

    /// The sweeps' counts in the store (adaptive searches add trials as results come in) and what
    /// this run did.
    func progress(since started: ContinuousClock.Instant) async throws -> RunProgress {
        var counts = StatusCounts()
        for name in sweepNames {
            let sweep = try await store.statusCounts(sweepName: name)
            counts.byState.merge(sweep.byState, uniquingKeysWith: +)
            counts.successes += sweep.successes
        }
        let tally = engine.tally
        let elapsed = started.duration(to: .now)
        return RunProgress(
            total: counts.total, finished: counts.finished, finishedThisRun: tally.finished, successes: counts.successes,
            running: tally.running, inLanes: tally.grouped, standings: tally.standings,
            elapsed: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18,
            stopping: engine.isStopping)
    }
}

extension Result where Failure == any Error {
    /// Catches the error of an async body.
    init(catching body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
