import Foundation
import SweepCore

/// A snapshot of a local run, for the progress line (several times a second).
struct RunProgress: Sendable, Equatable {
    /// Trials of the sweep in total.
    var total: Int
    /// Trials finished (done, failed or cancelled), including those finished before this run.
    var finished: Int
    /// Trials finished during this run.
    var finishedThisRun: Int
    /// Successful trials, including earlier ones.
    var successes: Int
    /// Trials running right now.
    var running: Int
    /// Trials this run started in SIMD lanes (a group of one shape), of those it ran.
    var inLanes = 0
    /// How far the running trials have come (those that reported it).
    var standings: [TrialStanding] = []
    /// Seconds since the run started.
    var elapsed: TimeInterval
    /// Whether a stop was requested (Ctrl-C): no new claims.
    var stopping: Bool

    /// Trials finished per second during this run.
    var rate: Double { elapsed > 0 ? Double(finishedThisRun) / elapsed : 0 }

    /// Estimated seconds to finish the remaining trials at the current rate, if known.
    var estimatedSecondsRemaining: TimeInterval? {
        rate > 0 ? Double(max(total - finished, 0)) / rate : nil
    }
}
