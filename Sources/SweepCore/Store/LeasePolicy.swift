import Foundation

/// How long leases last, how often workers renew them, and how often a trial may be tried.
public struct LeasePolicy: Sendable, Equatable, Codable {
    /// Default lease duration: 30 s.
    public static let defaultDuration: TimeInterval = 30
    /// Default heartbeat interval: 5 s.
    public static let defaultHeartbeatInterval: TimeInterval = 5
    /// Default maximum number of attempts before a trial is marked failed: 3.
    public static let defaultMaxAttempts = 3

    /// How long a claim or renewal keeps a trial leased.
    public var leaseDuration: TimeInterval
    /// How often a worker renews its leases; must be well below `leaseDuration`.
    public var heartbeatInterval: TimeInterval
    /// Attempts (claims whose lease expired count; released claims do not) before failing a trial.
    public var maxAttempts: Int

    /// Creates a policy; the defaults are 30 s leases, 5 s heartbeats and 3 attempts.
    public init(
        leaseDuration: TimeInterval = LeasePolicy.defaultDuration,
        heartbeatInterval: TimeInterval = LeasePolicy.defaultHeartbeatInterval,
        maxAttempts: Int = LeasePolicy.defaultMaxAttempts
    ) {
        self.leaseDuration = leaseDuration
        self.heartbeatInterval = heartbeatInterval
        self.maxAttempts = maxAttempts
    }

    /// The default policy.
    public static let standard = LeasePolicy()
}
