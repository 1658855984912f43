/// Exponential backoff with jitter: the n-th delay is uniform in [d/2, d] with d = min(cap, base·2ⁿ),
/// so retries spread out across workers yet keep growing until the cap.
public struct RetryBackoff: Sendable {
    /// The first delay, in seconds.
    public var base: Double
    /// The largest delay, in seconds.
    public var cap: Double
    /// Failures since the last success.
    public private(set) var failures = 0

    /// Creates a backoff.
    public init(base: Double = 0.1, cap: Double = 10) {
        self.base = base
        self.cap = cap
    }

    /// Records a failure and returns the delay before the next try.
    public mutating func nextDelay() -> Duration {
        let exponent = Double(min(failures, 30))
        failures += 1
        let ceiling = min(cap, base * pow2(exponent))
        return .milliseconds(Int64(Double.random(in: ceiling / 2...ceiling) * 1000))
    }

    /// Records a success.
    public mutating func reset() { failures = 0 }

    private func pow2(_ exponent: Double) -> Double {
        var value = 1.0
        for _ in 0..<Int(exponent) { value *= 2 }
        return value
    }
}
