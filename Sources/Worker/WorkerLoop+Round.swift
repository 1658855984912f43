// One round of one slot: claim, run, outbox, report.

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
        let reply: ClaimResponse
        do {
            reply = try await claim(workerID: "\(configuration.name)-\(slot)", count: claimCount(slot: slot))
            link.succeeded()
        } catch where channel.isRetryable(error) {
            link.failed(error)
            return .unreachable
        } catch let error as WorkerError where error.code != .unauthorized {
            logger.error("claim refused: \(error)")
            return .unreachable
        } catch {
            logger.critical("\(error)")
            fail(error)
            return .stopping
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
                if !(after?.lost ?? false), (try? await channel.release(trialID: claim.trialID, token: claim.token)) == true {
                    state.withLock { $0.tally.released += 1 }
                }
                continue
            }
            if result.provenance.host == nil { result.provenance.host = ProcessInfo.processInfo.hostName }
            completions.append(TrialCompletion(trialID: claim.trialID, token: claim.token, result: result))
        }
        adaptClaimCount(slot: slot, claimed: reply.claims.count, ran: ran, elapsed: ContinuousClock.now - started, lease: lease)
        var answers: [String: CompletionResult] = [:]
        if !completions.isEmpty {
            var batches = [ResultOutbox.Batch(completions: completions, files: [], bytes: 0)]
            if let outbox {
                do {
                    batches = try outbox.add(batch: completions)
                } catch {
                    logger.error("\(error); sending the results without a durable copy")
                }
            }
            for batch in batches {
                guard let statuses = await deliver(batch) else { continue }
                for (completion, status) in zip(batch.completions, statuses) { answers[completion.trialID] = status }
            }
        }
        if reply.claims.count == 1 { return .ran(trialID: reply.claims[0].trialID, answer: answers[reply.claims[0].trialID]) }
        return .ranBatch(trialIDs: reply.claims.map(\.trialID), answers: reply.claims.map { answers[$0.trialID] })
    }

    /// Claims from the configured sweeps in their order (the first with a queued trial wins), or from
    /// any sweep. An empty answer sums what the sweeps still have queued or leased.
    func claim(workerID: String, count: Int) async throws -> ClaimResponse {
        let names: [String?] = configuration.sweepNames.isEmpty ? [nil] : configuration.sweepNames.map(Optional.some)
        var remaining = 0
        var last: ClaimResponse?
        for name in names {
            let reply = try await channel.claim(ClaimRequest(workerID: workerID, sweepName: name, count: count))
            if !reply.claims.isEmpty { return reply }
            remaining += reply.remaining ?? 0
            last = reply
        }
        guard var reply = last else { throw WorkerError(.rejected, "no sweep to claim from") }
        reply.remaining = remaining
        return reply
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
}
