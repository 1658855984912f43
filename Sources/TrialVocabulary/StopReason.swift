// Why a trial stopped: recorded by the numerics, stored and counted by the sweep half.

/// Why a trial stopped.
public enum StopReason: String, Sendable, Codable, CaseIterable {
    /// The paper's success criterion was met.
    case success
    /// The budget (training sequences) ran out first.
    case budget
    /// The weights or the error became non-finite.
    case diverged
    /// A stop was requested (a cancelled sweep, a drained worker).
    case cancelled
    /// The trial could not run (an invalid configuration, an executor error).
    case error
}
