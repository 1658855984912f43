// Renews the worker's leases every heartbeat interval. A lease whose deadline has passed on the
// worker's own monotonic clock is never renewed: the trial is abandoned, because the coordinator
// may already have handed it to someone else. A `stop` reply (sweep cancelled) asks the trial to
// stop and report `cancelled`; a `lost` reply abandons it.

import Logging
import SweepCore
import Synchronization

/// The worker's lease-renewal loop.
public final class Heartbeater: Sendable {
    let client: CoordinatorClient
    let running: RunningTrials
    let link: LinkMonitor
    let logger: Logger
    private let interval: Mutex<Duration>
    private let leaseDuration = Mutex<Duration>(.seconds(LeasePolicy.defaultDuration))

    init(client: CoordinatorClient, running: RunningTrials, link: LinkMonitor, interval: Duration, logger: Logger) {
        self.client = client
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

    /// One round: renew every held lease whose heartbeat is due at `now` (one interval after its
    /// grant or last renewal) and whose deadline has not passed. Returns the number renewed.
    /// Tests call this directly.
    @discardableResult
    public func runOnce(now: ContinuousClock.Instant) async -> Int {
        var renewed = 0
        let every = interval.withLock { $0 }
        for held in running.snapshot where !held.abandoned && now >= held.renewedAt + every {
            guard now < held.deadline else {
                logger.warning("lease of trial \(held.trialID.prefix(12)) ran out before it could be renewed; abandoning it")
                running.markLost(held.trialID)
                continue
            }
            let sent = ContinuousClock.now
            do {
                let reply = try await client.heartbeat(trialID: held.trialID, token: held.token)
                link.succeeded()
                switch reply.status {
                case .ok:
                    running.extend(held.trialID, token: held.token, sent: sent, until: sent + .milliseconds(Int64(reply.leaseSeconds * 1000)))
                    renewed += 1
                case .stop:
                    running.extend(held.trialID, token: held.token, sent: sent, until: sent + .milliseconds(Int64(reply.leaseSeconds * 1000)))
                    logger.info("trial \(held.trialID.prefix(12)): sweep cancelled, stopping it")
                    held.flag.raise()
                case .lost:
                    logger.warning("trial \(held.trialID.prefix(12)): lease lost, abandoning it")
                    running.markLost(held.trialID)
                }
            } catch let error as WorkerError where error.isRetryable {
                link.failed(error)
            } catch {
                logger.error("heartbeat for trial \(held.trialID.prefix(12)) refused: \(error)")
            }
        }
        return renewed
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
