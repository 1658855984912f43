// One round of one slot, and the outbox's delivery and resend loop.

import Dispatch
import Foundation
import SweepCore

extension WorkerLoop {
    /// One round: claim one or more trials (the slot's adaptive claim count), run them one after the
    /// other, store their results in the outbox as one file, report them as one batch. Every claimed
    /// trial is held (and heartbeated) from the claim on, so the lease covers the whole batch; trials
    /// not started yet when a stop is requested or their lease is lost are handed back (or dropped).
    /// Tests call this directly.
    /// - Parameter now: when the claim is sent, on the worker's monotonic clock (the lease deadline counts from it).
    public func runOnce(slot: Int = 0, now: ContinuousClock.Instant = .now) async -> RoundOutcome {
        guard !stopRequested else { return .stopping }
        let wanted = claimCount(slot: slot)
        let reply: ClaimResponse
        do {
            reply = try await client.claim(
                ClaimRequest(workerID: "\(configuration.name)-\(slot)", sweepName: configuration.sweepName, count: wanted))
            link.succeeded()
        } catch let error as WorkerError where error.isRetryable {
            link.failed(error)
            return .unreachable
        } catch let error as WorkerError where error.code == .unauthorized {
            logger.critical("the coordinator refused the worker token: \(error)")
            state.withLock { $0.fatal = error }
            requestStop(grace: 0)
            return .stopping
        } catch {
            logger.error("claim refused: \(error)")
            return .unreachable
        }
        let lease = Duration.milliseconds(Int64(reply.leaseSeconds * 1000))
        heartbeater.adopt(
            heartbeat: configuration.heartbeatInterval == nil ? .milliseconds(Int64(reply.heartbeatSeconds * 1000)) : nil,
            lease: lease)
        guard !reply.claims.isEmpty else { return .idle(remaining: reply.remaining) }
        for claim in reply.claims {
            running.insert(
                HeldLease(trialID: claim.trialID, token: claim.token, flag: CancellationFlag(), deadline: now + lease, renewedAt: now))
        }
        if stopRequested { running.abandonAll() }
        let started = ContinuousClock.now
        var completions: [TrialCompletion] = []
        var ran = 0
        for (index, claim) in reply.claims.enumerated() {
            guard let held = running.lookup(claim.trialID) else { continue }
            var result: TrialResult?
            // A trial not started yet is handed back instead of run once a stop was requested.
            if !held.abandoned, index == 0 || !stopRequested {
                result = await execute(claim.assignment, flag: held.flag)
                ran += 1
            }
            let after = running.remove(claim.trialID)
            guard var result, let after, !after.abandoned else {
                // Grace ran out or a stop came first (hand the lease back), or the lease was lost.
                if !(after?.lost ?? false) { _ = try? await client.release(trialID: claim.trialID, token: claim.token) }
                continue
            }
            if result.provenance.host == nil { result.provenance.host = ProcessInfo.processInfo.hostName }
            completions.append(TrialCompletion(trialID: claim.trialID, token: claim.token, result: result))
        }
        adaptClaimCount(slot: slot, claimed: reply.claims.count, ran: ran, elapsed: ContinuousClock.now - started, lease: lease)
        var answers: [String: CompletionResult] = [:]
        if !completions.isEmpty {
            var batches = [ResultOutbox.Batch(completions: completions, files: [], bytes: 0)]
            do {
                batches = try outbox.add(batch: completions)
            } catch {
                logger.error("\(error); sending the results without a durable copy")
            }
            for batch in batches {
                guard let statuses = await deliver(batch) else { continue }
                for (completion, status) in zip(batch.completions, statuses) { answers[completion.trialID] = status }
            }
        }
        if reply.claims.count == 1 { return .ran(trialID: reply.claims[0].trialID, answer: answers[reply.claims[0].trialID]) }
        return .ranBatch(trialIDs: reply.claims.map(\.trialID), answers: reply.claims.map { answers[$0.trialID] })
    }

    /// Trials the slot asks for in its next claim: 1 at first, up to `maxClaimCount`.
    func claimCount(slot: Int) -> Int {
        state.withLock { $0.claimCounts[slot] ?? 1 }
    }

    /// Grows the claim count while a batch takes well under a lease (at most doubling per round), and
    /// shrinks it to what fits in half a heartbeat interval (and a quarter lease) at the measured time
    /// per trial, so most batches are reported before their first heartbeat is due.
    func adaptClaimCount(slot: Int, claimed: Int, ran: Int, elapsed: Duration, lease: Duration) {
        let cap = max(1, configuration.maxClaimCount)
        state.withLock { state in
            let current = state.claimCounts[slot] ?? 1
            guard ran > 0 else { return }
            let perTrial = elapsed / ran
            let window = min(lease / 4, heartbeater.every / 2)
            let fits = perTrial > .zero ? Int(min(Double(cap), window / perTrial)) : cap
            let grown = claimed >= current ? current * 2 : current
            state.claimCounts[slot] = max(1, min(cap, grown, fits))
        }
    }

    /// Runs the executor on a Dispatch thread, so a long trial never blocks the async runtime.
    func execute(_ assignment: TrialAssignment, flag: CancellationFlag) async -> TrialResult {
        let executor = self.executor
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                let result: TrialResult
                do {
                    result = try executor.runTrial(assignment, isCancelled: { flag.isRaised })
                } catch {
                    result = .error(String(describing: error))
                }
                continuation.resume(returning: result)
            }
        }
    }

    /// Sends results and, once the coordinator answered for every one of them, removes the outbox
    /// files holding them; nil when nothing was answered. A batch refused as a whole is set aside.
    func deliver(_ batch: ResultOutbox.Batch) async -> [CompletionResult?]? {
        let (completions, files) = (batch.completions, batch.files)
        do {
            let reply = try await client.reportResults(completions)
            link.succeeded()
            guard reply.items.count == completions.count else {
                logger.error("results: \(reply.items.count) answers for \(completions.count) results; keeping them")
                return nil
            }
            for (completion, item) in zip(completions, reply.items) {
                if let error = item.error { logger.warning("result for trial \(completion.trialID.prefix(12)) refused: \(error)") }
            }
            outbox.remove(files: files)
            return reply.items.map(\.status)
        } catch let error as WorkerError where error.isRetryable {
            link.failed(error)
        } catch let error as WorkerError where error.code == .rejected {
            outbox.setAside(batch, reason: error.description)
        } catch {
            logger.error("results refused: \(error)")
        }
        return nil
    }

    /// Resends the outbox (results older than `olderThan` seconds, or all); true when it is empty afterwards.
    @discardableResult
    public func flushOutbox(olderThan age: TimeInterval?) async -> Bool {
        let cutoff = age.map { Date().addingTimeInterval(-$0) }
        for batch in outbox.batches(modifiedBefore: cutoff, maxResults: configuration.resendBatch) {
            guard await deliver(batch) != nil else { return false }
        }
        return true
    }

    /// Retries the outbox with exponential backoff and jitter until cancelled.
    func resendLoop() async {
        var backoff = configuration.backoff
        var delay = Duration.seconds(1)
        while !Task.isCancelled {
            do { try await Task.sleep(for: delay) } catch { return }
            // Results younger than 2 s are most likely still on their first trip.
            if await flushOutbox(olderThan: 2) {
                backoff.reset()
                delay = .seconds(1)
            } else {
                delay = max(.seconds(1), backoff.nextDelay())
            }
        }
    }
}
