// The worker loop and the housekeeping round of LocalSweepRunner.

import Foundation

extension LocalSweepRunner {
    // MARK: - Worker threads

    func workerLoop(workerID: String) {
        do {
            while !state.withLock({ $0.stopRequested || $0.failure != nil }) {
                let now = clock()
                guard let claim = try claimNext(workerID: workerID, now: now) else {
                    guard let pause = try idlePause(now: now) else { return }
                    Thread.sleep(forTimeInterval: pause)
                    continue
                }
                try execute(claim)
            }
        } catch {
            state.withLock { state in
                if state.failure == nil { state.failure = error }
                state.stopRequested = true
            }
        }
    }

    /// The next queued trial of the configured sweeps, taken in their order (or of any sweep).
    private func claimNext(workerID: String, now: Date) throws -> Claim? {
        let lease = configuration.policy.leaseDuration
        guard !configuration.sweepNames.isEmpty else {
            return try store.claimTrial(workerID: workerID, now: now, leaseFor: lease, sweepName: nil)
        }
        for name in configuration.sweepNames {
            if let claim = try store.claimTrial(workerID: workerID, now: now, leaseFor: lease, sweepName: name) {
                return claim
            }
        }
        return nil
    }

    /// Trial counts of the configured sweeps together (or of all sweeps).
    func statusCounts() throws -> StatusCounts {
        guard !configuration.sweepNames.isEmpty else { return try store.statusCounts(sweepName: nil) }
        var total = StatusCounts()
        for name in configuration.sweepNames {
            let counts = try store.statusCounts(sweepName: name)
            total.byState.merge(counts.byState, uniquingKeysWith: +)
            total.successes += counts.successes
        }
        return total
    }

    /// Nothing is claimable in any configured sweep: how long to wait before claiming again, or
    /// nil to stop this thread.
    ///
    /// Wait briefly while our own trials run or their results wait to be written (an adaptive
    /// search, in any of the sweeps, creates follow-up trials with a result), and longer while
    /// other processes (or a crashed earlier run) hold leases that may yet expire and be requeued.
    private func idlePause(now: Date) throws -> TimeInterval? {
        let foreignPause = min(0.5, configuration.policy.heartbeatInterval)
        if try store.reapExpiredLeases(now: now).requeued > 0 { return foreignPause }
        let ours = state.withLock { $0.running.count + $0.pending.count }
        let counts = try statusCounts()
        if counts[.leased] > ours && counts[.queued] == 0 { return foreignPause }
        return ours > 0 ? min(0.05, configuration.flushInterval) : nil
    }

    private func execute(_ claim: Claim) throws {
        let flag = CancellationFlag()
        state.withLock { $0.running[claim.trialID] = Running(token: claim.token, flag: flag) }
        let result: TrialResult
        do {
            result = try executor.runTrial(claim.assignment, isCancelled: { flag.isRaised })
        } catch {
            result = .error(String(describing: error))
        }
        let (entry, batchFull) = state.withLock { state -> (Running?, Bool) in
            let entry = state.running.removeValue(forKey: claim.trialID)
            if let entry, !entry.abandon {
                state.pending.append(TrialCompletion(trialID: claim.trialID, token: claim.token, result: result))
            }
            return (entry, state.pending.count >= configuration.batchSize)
        }
        if let entry, entry.abandon, !entry.lost {
            if try store.releaseLease(trialID: claim.trialID, token: claim.token, now: clock()) {
                state.withLock { $0.released += 1 }
            }
        }
        if batchFull { flushPending() }
    }

    // MARK: - Housekeeping

    func housekeep(now: Date, heartbeat: Bool) {
        flushPending()
        let (running, deadline) = state.withLock { ($0.running, $0.stopDeadline) }
        if let deadline, now >= deadline {
            // Grace ran out: cancel what still runs; those leases are released, not reported.
            state.withLock { state in
                for key in state.running.keys {
                    state.running[key]?.abandon = true
                    state.running[key]?.flag.raise()
                }
            }
        }
        guard heartbeat else { return }
        for (trialID, entry) in running {
            do {
                let answer = try store.renewLease(
                    trialID: trialID, token: entry.token, now: now, leaseFor: configuration.policy.leaseDuration)
                switch answer {
                case .ok: break
                case .stop: entry.flag.raise()
                case .lost:
                    state.withLock { state in
                        state.running[trialID]?.abandon = true
                        state.running[trialID]?.lost = true
                    }
                    entry.flag.raise()
                }
            } catch {
                state.withLock { if $0.failure == nil { $0.failure = error } }
            }
        }
    }

    /// Writes all pending results in one transaction and counts what was accepted.
    func flushPending() {
        flushLock.withLock { _ in
            let batch = state.withLock { state -> [TrialCompletion] in
                defer { state.pending.removeAll(keepingCapacity: true) }
                return state.pending
            }
            guard !batch.isEmpty else { return }
            do {
                let answers = try store.completeTrials(batch, now: clock())
                state.withLock { state in
                    for (completion, answer) in zip(batch, answers) where answer == .accepted {
                        state.finishedThisRun += 1
                        if completion.result.success { state.successesThisRun += 1 }
                    }
                }
            } catch {
                state.withLock { state in
                    if state.failure == nil { state.failure = error }
                    state.stopRequested = true
                }
            }
        }
    }
}
