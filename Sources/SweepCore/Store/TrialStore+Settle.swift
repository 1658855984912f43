// Settling a batch of results with per-result answers: what `POST /v1/results` and StoreChannel
// both answer, so a local run and a remote worker see the same replies.

import Foundation

extension TrialStore {
    /// Records `completions`, one transaction for the whole batch when every result is valid. When
    /// one names an unknown trial or a never-issued token (a `SweepError`), they are settled one by
    /// one instead, so the valid ones count and each refused one carries its reason.
    public func settle(_ completions: [TrialCompletion], now: Date) async throws -> ResultBatchResponse {
        do {
            let statuses = try await completeTrials(completions, now: now)
            return ResultBatchResponse(
                items: zip(completions, statuses).map { .init(trialID: $0.trialID, status: $1) })
        } catch is SweepError {
            var items: [ResultBatchResponse.Item] = []
            for completion in completions {
                do {
                    let status = try await completeTrial(completion, now: now)
                    items.append(.init(trialID: completion.trialID, status: status))
                } catch let error as SweepError {
                    items.append(.init(trialID: completion.trialID, status: nil, error: error.description))
                }
            }
            return ResultBatchResponse(items: items)
        }
    }
}
