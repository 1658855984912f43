// Adaptive searches in the in-memory store, mirroring SweepDatabase+Search.swift: after a result (or
// a trial failed by the reaper), replay the sweep's SearchPlan over every finished trial and apply
// the progress inside the same critical section, as the database does inside the same transaction.

import Foundation

extension InMemoryTrialStore {
    /// Inserts one trial row (the caller has checked that its identity is new).
    func insert(_ trial: SweepTrial, parameters: [String: ParameterValue], state: inout State) {
        state.trialIndex[trial.id] = state.trials.count
        state.trials.append(
            TrialEntry(
                id: trial.id, sweepName: trial.sweepName, ordinal: trial.ordinal, parameters: parameters,
                seed: trial.seed, maxAttempts: policy.maxAttempts))
    }

    /// Creates the follow-up trials, cancels the unneeded queued ones and records new decisions of
    /// `sweepName`'s search; nothing for sweeps without a search or cancelled ones.
    func advanceSearch(sweepName: String, state: inout State) throws {
        guard let plan = state.searches[sweepName], state.sweeps[sweepName]?.isCancelled == false else { return }
        var observations: [String: SearchObservation] = [:]
        for trial in state.trials where trial.sweepName == sweepName {
            switch trial.state {
            case .done, .failed:
                observations[trial.id] = trial.outcome.map(SearchObservation.init) ?? SearchObservation(success: false)
            default: continue
            }
        }
        let progress = plan.progress(observations: observations)
        for trial in progress.trials where state.trialIndex[trial.id] == nil {
            insert(trial, parameters: try Self.decodeParameters(trial.configuration), state: &state)
        }
        for id in progress.cancellations {
            guard let index = state.trialIndex[id], state.trials[index].state == .queued else { continue }
            state.trials[index].state = .cancelled
        }
        let recorded = Set((state.decisions[sweepName] ?? []).map { [$0.configuration, $0.step] })
        for decision in progress.decisions where !recorded.contains([decision.configuration, decision.step]) {
            state.decisions[sweepName, default: []].append(decision)
        }
    }

    /// The search plan of a sweep, or nil when it has none.
    public func searchPlan(sweepName: String) -> SearchPlan? {
        withState { state in state.searches[sweepName] }
    }

    /// The decisions recorded for a sweep's search, ordered by configuration and step.
    public func searchDecisions(sweepName: String) -> [SearchDecision] {
        withState { state in
            (state.decisions[sweepName] ?? []).sorted { ($0.configuration, $0.step) < ($1.configuration, $1.step) }
        }
    }
}
