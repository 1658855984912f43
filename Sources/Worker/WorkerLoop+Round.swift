// One round of one slot: claim, run (alone, or in groups of trials that share a group key), outbox,
// report.

import Dispatch
import Foundation
import SweepCore

extension WorkerLoop {
    /// A claimed trial waiting its turn in a round, with its group key (nil: it runs alone).
    struct PendingTrial: Sendable {
        var claim: Claim
        var key: String?
    }

    /// What a round did so far.
    struct RoundRecord {
        /// Every trial the round held, in the order it took them up.
        var trialIDs: [String] = []
        /// Results of trials run alone, reported together when the round ends.
        var completions: [TrialCompletion] = []
        /// The channel's answers so far (groups report as their trials end).
        var answers: [String: CompletionResult] = [:]
        /// Trials started.
        var ran = 0
    }

    /// One round: claim one or more trials (the slot's adaptive claim count), run them one after the
    /// other, store their results in the outbox as one file, report them as one batch (those run
    /// before a group, before it starts). Every claimed
    /// trial is held (and heartbeated) from the claim on, so the lease covers the whole batch; trials
    /// not started yet when a stop is requested or their lease is lost are handed back (or dropped).
    ///
    /// With a ``TrialGroupExecutor`` (and ``WorkerConfiguration/groupsTrials``), a key claimed fewer
    /// times than a group's width is topped up by one more claim, and two or more claimed trials of
    /// one key run as a group, which refills itself with further claims and reports each trial as it
    /// ends (WorkerLoop+Groups.swift). Tests call this directly.
    /// - Parameter now: when the claim is sent, on the worker's monotonic clock (the lease deadline counts from it).
    public func runOnce(slot: Int = 0, now: ContinuousClock.Instant = .now) async -> RoundOutcome {
        guard !stopRequested else { return .stopping }
        let reply: ClaimResponse
        switch await claimAndHold(slot: slot, count: claimCount(slot: slot), now: now) {
        case .claims(let claimed): reply = claimed
        case .unreachable: return .unreachable
        case .stopping: return .stopping
        }
        guard !reply.claims.isEmpty else { return .idle(remaining: reply.remaining) }
        // A stop during the claim hands this claim's trials back; other slots' trials keep their grace.
        if stopRequested { running.abandon(reply.claims.map(\.trialID)) }
        let grouping = configuration.groupsTrials ? executor as? any TrialGroupExecutor : nil
        var queue = reply.claims.map { PendingTrial(claim: $0, key: grouping?.groupKey(for: $0.assignment)) }
        if let grouping { queue += await topUp(queue, executor: grouping, slot: slot) }
        let started = ContinuousClock.now
        var round = RoundRecord()
        while !queue.isEmpty {
            let first = queue.removeFirst()
            let isFirst = round.trialIDs.isEmpty
            if let grouping, let key = first.key, queue.contains(where: { $0.key == key }) {
                // A trial that ran alone is no longer heartbeated, and a group may outlast its lease:
                // its result goes out now, not when the round ends.
                round.answers.merge(await report(round.completions)) { $1 }
                round.completions = []
                let members = [first.claim] + queue.filter { $0.key == key }.map(\.claim)
                queue.removeAll { $0.key == key }
                let deferred = await runGroup(members, key: key, executor: grouping, slot: slot, startsFirst: isFirst, into: &round)
                queue += deferred
                // A refill of another key (the next sweep's shape) is topped up to a group too: alone, the
                // first trial of each new shape ran outside the lanes (the paper run's 2c-6, 2026-12-02).
                if !deferred.isEmpty { queue += await topUp(queue, executor: grouping, slot: slot) }
            } else {
                await runAlone(first.claim, startsEvenIfStopping: isFirst, into: &round)
            }
        }
        let lease = Duration.milliseconds(Int64(reply.leaseSeconds * 1000))
        adaptClaimCount(slot: slot, claimed: reply.claims.count, ran: round.ran, elapsed: ContinuousClock.now - started, lease: lease)
        round.answers.merge(await report(round.completions)) { $1 }
        if round.trialIDs.count == 1 { return .ran(trialID: round.trialIDs[0], answer: round.answers[round.trialIDs[0]]) }
        return .ranBatch(trialIDs: round.trialIDs, answers: round.trialIDs.map { round.answers[$0] })
    }

    /// Runs one claimed trial on its own; its result waits for the round's report (or a group's start).
    /// - Parameter startsEvenIfStopping: the round's first trial runs even when a stop came after its claim.
    func runAlone(_ claim: Claim, startsEvenIfStopping: Bool, into round: inout RoundRecord) async {
        round.trialIDs.append(claim.trialID)
        guard let held = running.lookup(claim.trialID) else { return }
        var result: TrialResult?
        // A trial not started yet is handed back instead of run once a stop was requested.
        if !held.abandoned, startsEvenIfStopping || !stopRequested {
            result = await execute(claim.assignment, flag: held.flag)
            round.ran += 1
        }
        let after = running.remove(claim.trialID)
        guard let result, let after, !after.abandoned else {
            await handBack(claim, after: after)
            return
        }
        round.completions.append(completion(of: claim, result))
    }

    /// The report of a claimed trial's result, naming this host unless the executor named one.
    func completion(of claim: Claim, _ result: TrialResult) -> TrialCompletion {
        var result = result
        if result.provenance.host == nil { result.provenance.host = ProcessInfo.processInfo.hostName }
        return TrialCompletion(trialID: claim.trialID, token: claim.token, result: result)
    }

    /// Grace ran out or a stop came first: hands the lease back, unless it was lost.
    func handBack(_ claim: Claim, after: HeldLease?) async {
        if !(after?.lost ?? false), (try? await channel.release(trialID: claim.trialID, token: claim.token)) == true {
            state.withLock { $0.tally.released += 1 }
        }
    }

    /// Stores `completions` in the outbox as one file (remote workers) and reports them as one batch
    /// (or several, when the outbox split them by size); returns the answers it got.
    func report(_ completions: [TrialCompletion]) async -> [String: CompletionResult] {
        guard !completions.isEmpty else { return [:] }
        var answers: [String: CompletionResult] = [:]
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
        return answers
    }

    /// Runs the executor on a Dispatch thread, so a long trial never blocks the async runtime.
    func execute(_ assignment: TrialAssignment, flag: CancellationFlag) async -> TrialResult {
        let (executor, running) = (self.executor, self.running)
        return await withCheckedContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                let result: TrialResult
                do {
                    result = try executor.runTrial(
                        assignment, isCancelled: { flag.isRaised },
                        progress: { running.record(assignment.trialID, standing: $0) })
                } catch {
                    result = .error(String(describing: error))
                }
                continuation.resume(returning: result)
            }
        }
    }
}
