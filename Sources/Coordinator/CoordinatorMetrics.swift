// Counters for `/metrics` (Prometheus text format 0.0.4). Counters live in this process and start
// at zero on every coordinator start; trial counts by state come from the store at scrape time.

import Foundation
import SweepCore
import Synchronization

/// Counters of one coordinator process.
public final class CoordinatorMetrics: Sendable {
    struct Counters {
        var claims = 0
        var emptyClaims = 0
        var heartbeats = 0
        var results: [String: Int] = [:]
        var releases = 0
        var leasesRequeued = 0
        var leasesFailed = 0
        var leasesCancelled = 0
        var badRequests = 0
        var authFailures = 0
        var workers: Set<String> = []
    }

    private let counters = Mutex(Counters())

    /// Creates zeroed counters.
    public init() {}

    func recordClaim(workerID: String, granted: Int) {
        counters.withLock { counters in
            counters.claims += granted
            if granted == 0 { counters.emptyClaims += 1 }
            counters.workers.insert(workerID)
        }
    }

    func recordHeartbeat() { counters.withLock { $0.heartbeats += 1 } }
    func recordRelease() { counters.withLock { $0.releases += 1 } }
    func recordBadRequest() { counters.withLock { $0.badRequests += 1 } }
    func recordAuthFailure() { counters.withLock { $0.authFailures += 1 } }

    func recordResult(_ outcome: String) {
        counters.withLock { $0.results[outcome, default: 0] += 1 }
    }

    func recordReap(_ summary: ReapSummary) {
        counters.withLock { counters in
            counters.leasesRequeued += summary.requeued
            counters.leasesFailed += summary.failed
            counters.leasesCancelled += summary.cancelled
        }
    }

    /// Distinct worker ids seen by claims.
    public var workersSeen: Int { counters.withLock { $0.workers.count } }

    /// The exposition text, with `counts` as the trials-by-state gauge.
    func rendered(counts: StatusCounts) -> String {
        let snapshot = counters.withLock { $0 }
        var lines: [String] = []
        func metric(_ name: String, _ type: String, _ help: String, _ samples: [(String, Int)]) {
            lines.append("# HELP \(name) \(help)")
            lines.append("# TYPE \(name) \(type)")
            for (labels, value) in samples { lines.append("\(name)\(labels) \(value)") }
        }
        metric(
            "lstm_sweep_trials", "gauge", "Trials by state (all sweeps).",
            TrialState.allCases.map { ("{state=\"\($0.rawValue)\"}", counts[$0]) })
        metric("lstm_sweep_claims_total", "counter", "Leases granted.", [("", snapshot.claims)])
        metric("lstm_sweep_empty_claims_total", "counter", "Claim requests that found nothing queued.", [("", snapshot.emptyClaims)])
        metric("lstm_sweep_heartbeats_total", "counter", "Lease renewals requested.", [("", snapshot.heartbeats)])
        metric(
            "lstm_sweep_results_total", "counter", "Results received, by what became of them.",
            ["accepted", "alreadyAccepted", "lateDuplicate", "rejected"].map {
                ("{outcome=\"\($0)\"}", snapshot.results[$0] ?? 0)
            })
        metric("lstm_sweep_releases_total", "counter", "Leases handed back by workers.", [("", snapshot.releases)])
        metric(
            "lstm_sweep_lease_expiries_total", "counter", "Expired leases handled by the reaper.",
            [
                ("{action=\"requeued\"}", snapshot.leasesRequeued), ("{action=\"failed\"}", snapshot.leasesFailed),
                ("{action=\"cancelled\"}", snapshot.leasesCancelled),
            ])
        metric("lstm_sweep_workers_seen", "gauge", "Distinct workers that claimed since start.", [("", snapshot.workers.count)])
        metric("lstm_sweep_bad_requests_total", "counter", "Requests refused as malformed.", [("", snapshot.badRequests)])
        metric("lstm_sweep_auth_failures_total", "counter", "Requests refused for their token.", [("", snapshot.authFailures)])
        return lines.joined(separator: "\n") + "\n"
    }
}
