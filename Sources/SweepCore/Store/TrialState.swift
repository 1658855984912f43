/// Where a trial is in its life.
///
/// ```
/// queued --claim--> leased --result--> done | failed (executor error) | cancelled
///    ^                 |
///    +---release-------+  (no attempt penalty)
///    +---lease expired-+  (attempt counted; after maxAttempts: failed)
/// queued/leased --cancelSweep--> cancelled
/// ```
public enum TrialState: String, Sendable, Codable, CaseIterable, CodingKeyRepresentable {
    case queued, leased, done, failed, cancelled

    /// Whether the trial will never run again.
    public var isFinal: Bool { self == .done || self == .failed || self == .cancelled }
}
