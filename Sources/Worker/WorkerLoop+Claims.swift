// Claims: leasing trials (and holding their leases from the moment they are granted), and the
// adaptive number of trials a slot asks for.

import Foundation
import SweepCore

extension WorkerLoop {
    /// What a claim gave.
    enum Claimed: Sendable {
        /// The reply; every trial in it is held (and heartbeated) from now on.
        case claims(ClaimResponse)
        /// The coordinator did not answer, or refused this claim.
        case unreachable
        /// An error no retry mends: the engine is stopping.
        case stopping
    }

    /// Claims up to `count` trials for `slot` and holds their leases, adopting the reply's timing.
    /// - Parameter now: when the claim is sent, on the worker's monotonic clock (the lease deadline counts from it).
    func claimAndHold(slot: Int, count: Int, now: ContinuousClock.Instant) async -> Claimed {
        await heartbeater.renewLate(now: now)
        let reply: ClaimResponse
        do {
            reply = try await claim(workerID: "\(configuration.name)-\(slot)", count: count)
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
        for claim in reply.claims {
            running.insert(
                HeldLease(trialID: claim.trialID, token: claim.token, flag: CancellationFlag(), deadline: now + lease, renewedAt: now))
        }
        return .claims(reply)
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
}
