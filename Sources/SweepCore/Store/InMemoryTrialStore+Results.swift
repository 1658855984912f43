// Results of the in-memory store, mirroring SweepDatabase+Results.swift: the fencing token decides.
// The live token is accepted once; the same token again is a harmless resend; any other token that
// was issued for the trial is a late duplicate, kept in the attempt history and never the outcome.

import Foundation

extension InMemoryTrialStore {
    /// Records one result (see ``completeTrials(_:now:)``).
    public func completeTrial(_ completion: TrialCompletion, now: Date) throws -> CompletionResult {
        try completeTrials([completion], now: now)[0]
    }

    /// Records many results, all or nothing; answers in the same order.
    ///
    /// Throws `.notFound` for an unknown trial and `.staleToken` for a token never issued for its
    /// trial; then none of the batch is recorded, as when the database rolls its transaction back.
    public func completeTrials(_ completions: [TrialCompletion], now: Date) throws -> [CompletionResult] {
        guard !completions.isEmpty else { return [] }
        return try withState { state in
            // Whether an item throws never depends on the items before it (they create no trials or
            // tokens), so checking first is the same as failing half-way and rolling back.
            for completion in completions {
                guard state.trialIndex[completion.trialID] != nil else {
                    throw SweepError(.notFound, "no trial \(completion.trialID)")
                }
                guard let attempt = state.attemptIndex[completion.token],
                    state.attempts[attempt].trialID == completion.trialID
                else {
                    throw SweepError(
                        .staleToken, "token \(completion.token) was never issued for trial \(completion.trialID)")
                }
            }
            let answers = completions.map { Self.complete($0, state: &state) }
            // Follow-up trials and decisions of adaptive searches, in the same critical section.
            let sweeps = Set(zip(completions, answers).filter { $1 == .accepted }.compactMap { completion, _ in
                state.trialIndex[completion.trialID].map { state.trials[$0].sweepName }
            })
            for sweep in sweeps.sorted() { try advanceSearch(sweepName: sweep, state: &state) }
            return answers
        }
    }

    /// Settles one checked completion.
    private static func complete(_ completion: TrialCompletion, state: inout State) -> CompletionResult {
        guard let index = state.trialIndex[completion.trialID], let attempt = state.attemptIndex[completion.token] else {
            preconditionFailure("completeTrials checks every trial and token first")
        }
        if state.attempts[attempt].status == .accepted { return .alreadyAccepted }
        guard state.trials[index].state == .leased, state.trials[index].leaseToken == completion.token else {
            state.attempts[attempt].status = .lateDuplicate
            state.attempts[attempt].lateResult = completion.result
            return .lateDuplicate
        }
        let result = completion.result
        let outcome: TrialState =
            switch result.stopReason {
            case .error: .failed
            case .cancelled: .cancelled
            default: .done
            }
        state.trials[index].state = outcome
        state.trials[index].failureReason = outcome == .failed ? (result.errorMessage ?? "executor error") : nil
        clearLease(&state.trials[index])
        state.trials[index].outcome = result
        state.attempts[attempt].status = .accepted
        return .accepted
    }
}
