// Groups: claimed trials that share a group key (the executable's lane shape) run together through
// TrialGroupExecutor.runGroup on a thread of their own. Every trial keeps its own lease (held and
// heartbeated from its claim, waiting or running), its own cancellation flag (a lost lease, a
// sweep's `stop`, the stop grace running out) and its own report: a result goes through the outbox
// and the channel as soon as its trial ends, not when the group ends. A group that runs out of
// waiting trials claims one more at a time (blocking its own thread, never a pool thread), and
// stops refilling at the first claim that comes back empty or of another key; such trials run
// after the group, in the same round, topped up to a group of their own first.

import Dispatch
import Foundation
import SweepCore
import Synchronization

extension WorkerLoop {
    /// Claims more when the round holds fewer trials of some key than a group's width (trials
    /// that take longer than a heartbeat are claimed one at a time, and would otherwise never meet).
    func topUp(_ pending: [PendingTrial], executor: any TrialGroupExecutor, slot: Int) async -> [PendingTrial] {
        guard !stopRequested else { return [] }
        var counts: [String: Int] = [:]
        for key in pending.compactMap(\.key) { counts[key, default: 0] += 1 }
        // The first-claimed trial of the most frequent key stands for its group (keys differ in width).
        guard let most = counts.values.max(), let member = pending.first(where: { $0.key.flatMap { counts[$0] } == most }) else {
            return []
        }
        let width = executor.groupWidth(for: member.claim.assignment)
        guard most < width else { return [] }
        guard case .claims(let reply) = await claimAndHold(slot: slot, count: width - most, now: .now) else {
            return []
        }
        return reply.claims.map { PendingTrial(claim: $0, key: executor.groupKey(for: $0.assignment)) }
    }

    /// Runs `members` (claimed trials of `key`, at least two) as one group, reporting each result as
    /// its trial ends; returns the trials of other keys that refills claimed, to run next.
    func runGroup(
        _ members: [Claim], key: String, executor: any TrialGroupExecutor, slot: Int, startsFirst: Bool,
        into round: inout RoundRecord
    ) async -> [PendingTrial] {
        logger.debug("slot \(slot): \(members.count) trials of group \(key) run together")
        let (wakes, wake) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let feed = GroupFeed(key: key, waiting: members, startsEvenIfStopping: startsFirst, wake: wake)
        // A thread of its own: `next` may block it while a refill claim (an async task) runs.
        let thread = Thread { [self] in
            executor.runGroup(
                next: { nextInGroup(feed, executor: executor, slot: slot) },
                finished: { trial, result in
                    feed.end(trialID: trial.assignment.trialID, result: result, lease: running.remove(trial.assignment.trialID))
                })
            wake.finish()
        }
        thread.name = "lstm-sweep group \(slot)"
        thread.start()
        for await _ in wakes { round.answers.merge(await settle(feed.takeEnded())) { $1 } }
        round.answers.merge(await settle(feed.takeEnded())) { $1 }
        let (order, notStarted, deferred, started) = feed.state.withLock {
            ($0.order, $0.notStarted, $0.deferred, $0.order.count - $0.notStarted.count)
        }
        for claim in notStarted { await handBack(claim, after: running.remove(claim.trialID)) }
        round.trialIDs += order
        round.ran += started
        return deferred
    }

    /// The group's `next`: the next waiting trial that may start, else (once) a refill claim; nil
    /// when none is left or a stop was requested. Runs on the group's thread.
    func nextInGroup(_ feed: GroupFeed, executor: any TrialGroupExecutor, slot: Int) -> GroupedTrial? {
        while true {
            if let (claim, startsEvenIfStopping) = feed.takeWaiting() {
                guard let held = running.lookup(claim.trialID), !held.abandoned, startsEvenIfStopping || !stopRequested else {
                    feed.markNotStarted(claim)
                    continue
                }
                feed.markStarted(claim)
                state.withLock { $0.tally.grouped += 1 }
                let flag = held.flag
                let trialID = claim.trialID, running = self.running
                return GroupedTrial(
                    assignment: claim.assignment, isCancelled: { flag.isRaised },
                    progress: { running.record(trialID, standing: $0) })
            }
            guard feed.refills, !stopRequested else { return nil }
            let claimed = waitFor { await self.claimAndHold(slot: slot, count: 1, now: .now) }
            guard case .claims(let reply) = claimed else {
                feed.addRefill([])
                return nil
            }
            feed.addRefill(reply.claims.map { PendingTrial(claim: $0, key: executor.groupKey(for: $0.assignment)) })
        }
    }

    /// Reports ended trials at once (handing back those whose lease was abandoned meanwhile).
    func settle(_ ended: [GroupFeed.Ended]) async -> [String: CompletionResult] {
        var completions: [TrialCompletion] = []
        for trial in ended {
            guard let lease = trial.lease, !lease.abandoned else {
                await handBack(trial.claim, after: trial.lease)
                continue
            }
            completions.append(completion(of: trial.claim, trial.result))
        }
        return await report(completions)
    }

    /// Runs `body` as a task and blocks the calling thread (a group's own, never one of the pools
    /// that run tasks) until it returns.
    func waitFor<Value: Sendable>(_ body: @escaping @Sendable () async -> Value) -> Value {
        let handoff = Handoff<Value>()
        Task {
            handoff.put(await body())
        }
        return handoff.take()
    }
}

/// One value passed from a task to a waiting thread.
final class Handoff<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)
    private let ready = DispatchSemaphore(value: 0)

    func put(_ newValue: Value) {
        value.withLock { $0 = newValue }
        ready.signal()
    }

    func take() -> Value {
        while true {
            ready.wait()
            if let taken = value.withLock({ $0 }) { return taken }
        }
    }
}
