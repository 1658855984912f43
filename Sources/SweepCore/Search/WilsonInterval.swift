// The Wilson score interval of a binomial rate (Wilson 1927): a frontier probe is decided before
// all its seeds have run once this interval lies wholly above or below the target success rate.

/// The Wilson score interval of `successes` out of `trials` at a two-sided normal quantile `z`.
public struct WilsonInterval: Sendable, Equatable {
    /// The 97.5 % normal quantile: a 95 % two-sided interval.
    public static let z95 = 1.959963984540054

    /// Lower end, in 0...1.
    public var lower: Double
    /// Upper end, in 0...1.
    public var upper: Double

    /// The interval; `trials` must be positive.
    ///
    ///     centre = (p + z²/2n) / (1 + z²/n),  half = z·√(p(1−p)/n + z²/4n²) / (1 + z²/n)
    public init(successes: Int, trials: Int, z: Double = WilsonInterval.z95) {
        precondition(trials > 0 && (0...trials).contains(successes), "Wilson interval of \(successes)/\(trials)")
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / denominator
        lower = max(0, centre - half)
        upper = min(1, centre + half)
    }
}
