// What a running group's thread and its slot share: the claimed trials waiting for a place in the
// group, the trials claimed during refills that belong elsewhere, and the results of ended trials
// waiting to be reported. The group's thread takes and adds under the lock; the slot drains.

import SweepCore
import Synchronization

/// The shared state of one running group (WorkerLoop+Groups.swift).
final class GroupFeed: Sendable {
    /// An ended trial: its claim, its result, and its lease as it stood when the trial ended (nil
    /// when no longer held).
    struct Ended: Sendable {
        var claim: Claim
        var result: TrialResult
        var lease: HeldLease?
    }

    struct State {
        /// Claimed trials of this key, not started yet, in claim order.
        var waiting: [Claim]
        /// Started trials, by trial ID.
        var started: [String: Claim] = [:]
        /// Every trial taken up, in the order the group took it.
        var order: [String] = []
        /// Trials of other keys claimed by refills: they run after the group.
        var deferred: [WorkerLoop.PendingTrial] = []
        /// Never started (a stop came, or the lease was abandoned first): hand them back.
        var notStarted: [Claim] = []
        /// Ended trials the slot has not reported yet.
        var ended: [Ended] = []
        /// Whether an empty group may claim more (false after an empty or off-key refill).
        var refills = true
        /// Whether the next trial starts even when a stop was requested (the round's first).
        var startsEvenIfStopping: Bool
    }

    /// The key every trial of the group shares.
    let key: String
    let state: Mutex<State>
    /// Wakes the slot when a trial ended; finished when the group returned.
    let wake: AsyncStream<Void>.Continuation

    init(key: String, waiting: [Claim], startsEvenIfStopping: Bool, wake: AsyncStream<Void>.Continuation) {
        self.key = key
        self.wake = wake
        state = Mutex(State(waiting: waiting, startsEvenIfStopping: startsEvenIfStopping))
    }

    /// The next waiting trial, and whether it may start even though a stop was requested.
    func takeWaiting() -> (Claim, startsEvenIfStopping: Bool)? {
        state.withLock { state in
            guard !state.waiting.isEmpty else { return nil }
            let claim = state.waiting.removeFirst()
            state.order.append(claim.trialID)
            defer { state.startsEvenIfStopping = false }
            return (claim, state.startsEvenIfStopping)
        }
    }

    func markStarted(_ claim: Claim) { state.withLock { $0.started[claim.trialID] = claim } }

    func markNotStarted(_ claim: Claim) { state.withLock { $0.notStarted.append(claim) } }

    /// Takes in a refill: trials of this key wait for a place; any other key ends the refills.
    func addRefill(_ trials: [WorkerLoop.PendingTrial]) {
        state.withLock { state in
            for trial in trials {
                if trial.key == key {
                    state.waiting.append(trial.claim)
                } else {
                    state.deferred.append(trial)
                    state.refills = false
                }
            }
            if trials.isEmpty { state.refills = false }
        }
    }

    var refills: Bool { state.withLock { $0.refills } }

    /// Records the end of a started trial and wakes the slot.
    func end(trialID: String, result: TrialResult, lease: HeldLease?) {
        let recorded = state.withLock { state -> Bool in
            guard let claim = state.started.removeValue(forKey: trialID) else { return false }
            state.ended.append(Ended(claim: claim, result: result, lease: lease))
            return true
        }
        if recorded { wake.yield() }
    }

    /// The ended trials not reported yet.
    func takeEnded() -> [Ended] { state.withLock { state in defer { state.ended = [] }; return state.ended } }
}
