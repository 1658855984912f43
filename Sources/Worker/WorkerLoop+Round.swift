// One round of one slot, and the outbox's delivery and resend loop.

import Dispatch
import Foundation
import SweepCore

extension WorkerLoop {
    /// One round: claim a trial, run it, store the result in the outbox, report it. Tests call this directly.
    /// - Parameter now: when the claim is sent, on the worker's monotonic clock (the lease deadline counts from it).
    public func runOnce(slot: Int = 0, now: ContinuousClock.Instant = .now) async -> RoundOutcome {
        guard !stopRequested else { return .stopping }
        let reply: ClaimResponse
        do {
            reply = try await client.claim(
                ClaimRequest(workerID: "\(configuration.name)-\(slot)", sweepName: configuration.sweepName, count: 1))
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
        guard let claim = reply.claims.first else { return .idle(remaining: reply.remaining) }
        let flag = CancellationFlag()
        running.insert(
            HeldLease(trialID: claim.trialID, token: claim.token, flag: flag, deadline: now + lease, renewedAt: now))
        if stopRequested { running.abandonAll() }
        var result = await execute(claim.assignment, flag: flag)
        let held = running.remove(claim.trialID)
        if held?.abandoned ?? true {
            // Grace ran out (hand the lease back) or the lease was lost (the coordinator moved on).
            if !(held?.lost ?? false) { _ = try? await client.release(trialID: claim.trialID, token: claim.token) }
            return .ran(trialID: claim.trialID, answer: nil)
        }
        if result.provenance.host == nil { result.provenance.host = ProcessInfo.processInfo.hostName }
        let completion = TrialCompletion(trialID: claim.trialID, token: claim.token, result: result)
        do {
            try outbox.add(completion)
        } catch {
            logger.error("\(error); sending the result without a durable copy")
        }
        let answers = await deliver([completion])
        return .ran(trialID: claim.trialID, answer: answers?.first ?? nil)
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

    /// Sends results and removes every one the coordinator answered for; nil when nothing was answered.
    func deliver(_ completions: [TrialCompletion]) async -> [CompletionResult?]? {
        do {
            let reply = try await client.reportResults(completions)
            link.succeeded()
            for (completion, item) in zip(completions, reply.items) {
                if let error = item.error { logger.warning("result for trial \(completion.trialID.prefix(12)) refused: \(error)") }
                outbox.remove(trialID: completion.trialID, token: completion.token)
            }
            return reply.items.map(\.status)
        } catch let error as WorkerError where error.isRetryable {
            link.failed(error)
        } catch {
            logger.error("results refused: \(error)")
        }
        return nil
    }

    /// Resends the outbox (results older than `olderThan` seconds, or all); true when it is empty afterwards.
    @discardableResult
    public func flushOutbox(olderThan age: TimeInterval?) async -> Bool {
        let cutoff = age.map { Date().addingTimeInterval(-$0) }
        let pending = outbox.pending(modifiedBefore: cutoff)
        for start in stride(from: 0, to: pending.count, by: configuration.resendBatch) {
            let batch = Array(pending[start..<min(start + configuration.resendBatch, pending.count)])
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
