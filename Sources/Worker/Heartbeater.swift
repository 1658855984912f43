// Renews the worker's leases: each round sends every lease that is due in ONE batched request
// (`TrialChannel.renew`), so a worker with many short trials costs the coordinator one request per
// heartbeat interval, not one per lease. A lease whose deadline has passed on the worker's own
// monotonic clock (the worker was stopped or starved) is sent all the same and kept if the coordinator
// still holds it for this worker: the token fences it, and only the coordinator knows whether it reaped
// the lease or handed the trial to someone else. If that request gets no answer, such a lease is
// abandoned. A `stop` reply (sweep cancelled) asks the trial to stop and report `cancelled`; a `lost`
// reply abandons it.

import Logging
import SweepCore
import Synchronization

/// The worker's lease-renewal loop.
public final class Heartbeater: Sendable {
    let channel: any TrialChannel
    let running: RunningTrials
    let link: LinkMonitor
    let logger: Logger
    private let interval: Mutex<Duration>
    private let leaseDuration = Mutex<Duration>(.seconds(LeasePolicy.defaultDuration))
    private let fatal = Mutex<(any Error)?>(nil)

    init(channel: any TrialChannel, running: RunningTrials, link: LinkMonitor, interval: Duration, logger: Logger) {
        self.channel = channel
        self.running = running
        self.link = link
        self.logger = logger
        self.interval = Mutex(interval)
    }

    /// Adopts the coordinator's timing (unless the operator set the interval).
    func adopt(heartbeat: Duration?, lease: Duration) {
        if let heartbeat { interval.withLock { $0 = heartbeat } }
        leaseDuration.withLock { $0 = lease }
    }

    var lease: Duration { leaseDuration.withLock { $0 } }

    /// The current heartbeat interval.
    var every: Duration { interval.withLock { $0 } }

    /// An error no retry can mend (the store failed, the token was refused); the engine stops on it.
    var failure: (any Error)? { fatal.withLock { $0 } }

    /// One round: renew, in one request, every held lease whose heartbeat is due at `now` (one
    /// interval after its grant or last renewal), late ones included. Returns the number renewed.
    /// Tests call this directly.
    @discardableResult
    public func runOnce(now: ContinuousClock.Instant) async -> Int {
        let every = interval.withLock { $0 }
        return await renew(running.snapshot.filter { !$0.abandoned && now >= $0.renewedAt + every }, now: now)
    }

    /// Renews at once every lease whose deadline has passed (the worker was stopped or starved). A slot
    /// calls it before it claims: in a local run an empty claim reaps expired leases, and without this
    /// a slot woken from a stop could reap its sibling's running trial before the next heartbeat round.
    @discardableResult
    func renewLate(now: ContinuousClock.Instant) async -> Int {
        await renew(running.snapshot.filter { !$0.abandoned && now >= $0.deadline }, now: now)
    }

    /// Renews `due` in one request; leases among them past their deadline are abandoned if it fails.
    private func renew(_ due: [HeldLease], now: ContinuousClock.Instant) async -> Int {
        guard !due.isEmpty else { return 0 }
        let late = due.filter { now >= $0.deadline }
        let sent = ContinuousClock.now
        let replies: [HeartbeatResponse]
        do {
            replies = try await channel.renew(due.map { LeaseRenewal(trialID: $0.trialID, token: $0.token, standing: $0.standing) })
            link.succeeded()
        } catch where channel.isRetryable(error) {
            link.failed(error)
            abandon(late, because: "the coordinator did not answer")
            return 0
        } catch let error as WorkerError where error.code != .unauthorized {
            logger.error("heartbeat refused: \(error)")
            abandon(late, because: "its renewal was refused")
            return 0
        } catch {
            logger.critical("heartbeats failed: \(error)")
            fatal.withLock { if $0 == nil { $0 = error } }
            abandon(late, because: "heartbeats failed")
            return 0
        }
        var renewed = 0
        for (held, reply) in zip(due, replies) {
            let until = sent + .milliseconds(Int64(reply.leaseSeconds * 1000))
            switch reply.status {
            case .ok:
                if now >= held.deadline {
                    logger.notice("lease of trial \(held.trialID.prefix(12)) ran out on this worker's clock, but the coordinator still held it: renewed")
                }
                running.extend(held.trialID, token: held.token, sent: sent, until: until)
                renewed += 1
            case .stop:
                running.extend(held.trialID, token: held.token, sent: sent, until: until)
                logger.info("trial \(held.trialID.prefix(12)): sweep cancelled, stopping it")
                held.flag.raise()
            case .lost:
                logger.warning("trial \(held.trialID.prefix(12)): lease lost, abandoning it")
                running.markLost(held.trialID)
            }
        }
        return renewed
    }

    /// Abandons leases whose deadline passed and whose renewal got no answer: the coordinator may
    /// have handed their trials to someone else.
    private func abandon(_ late: [HeldLease], because reason: String) {
        for held in late {
            logger.warning("lease of trial \(held.trialID.prefix(12)) ran out and \(reason); abandoning it")
            running.markLost(held.trialID)
        }
    }

    /// Ticks several times per interval (at most every 100 ms) and renews what is due, until cancelled.
    public func run() async {
        while !Task.isCancelled {
            let tick = min(.milliseconds(100), interval.withLock { $0 } / 4)
            do { try await Task.sleep(for: tick) } catch { return }
            await runOnce(now: .now)
        }
    }
}
