import ArgumentParser
import Foundation
import SweepCore

/// Concurrency and lease settings of `run`.
struct RunOptions: ParsableArguments {
    @Option(help: "Worker threads (default: the number of active processors).")
    var jobs: Int?

    @Option(help: "Seconds running trials may take to finish after Ctrl-C before they are handed back.")
    var grace: Double = 30

    @Option(help: .hidden)
    var leaseSeconds: Double = LeasePolicy.defaultDuration

    @Option(help: .hidden)
    var heartbeatSeconds: Double = LeasePolicy.defaultHeartbeatInterval

    @Flag(
        inversion: .prefixedNo,
        help: "Train queued trials of one net shape four at a time in SIMD lanes (same outcomes, faster); --no-lanes runs each alone.")
    var lanes = true

    @Option(help: "Seconds between progress lines when stderr is not a terminal.")
    var logInterval: Double = 5

    func validate() throws {
        if let jobs, !(1...1024).contains(jobs) { throw badInput("--jobs must be in 1...1024, got \(jobs)") }
        guard grace >= 0 else { throw badInput("--grace must be >= 0") }
        guard leaseSeconds > 0, heartbeatSeconds > 0, heartbeatSeconds < leaseSeconds else {
            throw badInput("--heartbeat-seconds must be positive and below --lease-seconds")
        }
        guard logInterval > 0 else { throw badInput("--log-interval must be positive") }
    }

    /// The job count to use.
    var effectiveJobs: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }

    /// The lease policy to use.
    var policy: LeasePolicy {
        LeasePolicy(leaseDuration: leaseSeconds, heartbeatInterval: heartbeatSeconds)
    }
}
