// The delivery of results: report a batch, then forget its outbox files; the resend loop retries
// what the coordinator did not answer, with exponential backoff and jitter.

import Foundation
import SweepCore

extension WorkerLoop {
    /// Sends a batch of results and, once the coordinator answered for every one of them, removes
    /// the outbox files holding them; nil when nothing was answered. A batch refused as a whole (a
    /// 4xx: too big, malformed) is set aside in the outbox's quarantine, never resent forever.
    func deliver(_ batch: ResultOutbox.Batch) async -> [CompletionResult?]? {
        let (completions, files) = (batch.completions, batch.files)
        do {
            let reply = try await channel.report(completions)
            link.succeeded()
            guard reply.items.count == completions.count else {
                logger.error("results: \(reply.items.count) answers for \(completions.count) results; keeping them")
                return nil
            }
            for (completion, item) in zip(completions, reply.items) {
                if let error = item.error { logger.warning("result for trial \(completion.trialID.prefix(12)) refused: \(error)") }
            }
            outbox?.remove(files: files)
            var tally = (finished: 0, successes: 0)
            for (completion, item) in zip(completions, reply.items) where item.status == .accepted {
                tally.finished += 1
                if completion.result.success { tally.successes += 1 }
            }
            state.withLock { state in
                state.tally.finished += tally.finished
                state.tally.successes += tally.successes
            }
            return reply.items.map(\.status)
        } catch where channel.isRetryable(error) {
            link.failed(error)
        } catch let error as WorkerError where error.code == .rejected {
            outbox?.setAside(batch, reason: error.description)
        } catch let error as WorkerError where error.code != .unauthorized {
            logger.error("results refused: \(error)")
        } catch {
            logger.critical("results could not be recorded: \(error)")
            fail(error)
        }
        return nil
    }

    /// Resends the outbox (results older than `olderThan` seconds, or all); true when it is empty afterwards.
    @discardableResult
    public func flushOutbox(olderThan age: TimeInterval?) async -> Bool {
        guard let outbox else { return true }
        let cutoff = age.map { Date().addingTimeInterval(-$0) }
        for batch in outbox.batches(modifiedBefore: cutoff, maxResults: configuration.resendBatch) {
            guard await deliver(batch) != nil else { return false }
        }
        return true
    }

    /// Retries the outbox with exponential backoff and jitter until cancelled.
    func resendLoop() async {
        guard outbox != nil else { return }
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
