import Foundation

/// A snapshot of a local run, reported to the progress callback several times a second.
public struct RunProgress: Sendable, Equatable {
    /// Trials of the sweep in total.
    public var total: Int
    /// Trials finished (done, failed or cancelled), including those finished before this run.
    public var finished: Int
    /// Trials finished during this run.
    public var finishedThisRun: Int
    /// Successful trials, including earlier ones.
    public var successes: Int
    /// Trials running right now.
    public var running: Int
    /// Seconds since the run started.
    public var elapsed: TimeInterval
    /// Whether a stop was requested (Ctrl-C): no new claims.
    public var stopping: Bool

    /// Trials finished per second during this run.
    public var rate: Double { elapsed > 0 ? Double(finishedThisRun) / elapsed : 0 }

    /// Estimated seconds to finish the remaining trials at the current rate, if known.
    public var estimatedSecondsRemaining: TimeInterval? {
        rate > 0 ? Double(max(total - finished, 0)) / rate : nil
    }
}

/// How a local run ended.
public struct RunSummary: Sendable, Equatable {
    /// The last progress snapshot.
    public var progress: RunProgress
    /// Whether the run stopped because a stop was requested before the queue was empty.
    public var interrupted: Bool
    /// Leases handed back (stop grace ran out) without counting an attempt.
    public var released: Int
}
