// Interval estimates for paper-style comparisons: the Wilson score interval of a success rate here,
// the bootstrap interval of a mean or median in ConfidenceInterval+Bootstrap.swift. Pure functions of
// their inputs, so a report prints the same numbers on every machine.

import Foundation

/// A two-sided confidence interval `[lower, upper]`.
public struct ConfidenceInterval: Sendable, Equatable, Codable {
    /// The lower bound.
    public var lower: Double
    /// The upper bound.
    public var upper: Double

    /// Creates an interval; `lower` must not exceed `upper`.
    public init(lower: Double, upper: Double) {
        precondition(lower <= upper, "an interval's lower bound exceeds its upper bound")
        self.lower = lower
        self.upper = upper
    }

    /// Whether `value` lies in the closed interval.
    public func contains(_ value: Double) -> Bool { lower <= value && value <= upper }

    /// The two-sided 95 % normal quantile, z = Φ⁻¹(0.975).
    public static let z95 = 1.959_963_984_540_054

    /// The Wilson score interval of a binomial proportion (Wilson 1927), or nil without trials.
    ///
    /// With p̂ = successes/trials, n = trials and z the normal quantile:
    /// centre = (p̂ + z²/2n) / (1 + z²/n), half-width = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
    /// Unlike p̂ ± z√(p̂(1−p̂)/n) it stays inside [0, 1] and is not empty at 0 or n successes, which
    /// is where paper rows live (100 %, 0 %). At 0 successes the lower bound is exactly 0, at n the
    /// upper bound exactly 1 (the formula gives them up to rounding).
    public static func wilson(successes: Int, trials: Int, z: Double = z95) -> ConfidenceInterval? {
        guard trials > 0 else { return nil }
        precondition((0...trials).contains(successes), "successes must lie in 0...trials")
        let n = Double(trials), p = Double(successes) / n, z2 = z * z
        let denominator = 1 + z2 / n
        let centre = (p + z2 / (2 * n)) / denominator
        let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
        let lower = successes == 0 ? 0 : max(0, centre - half)
        let upper = successes == trials ? 1 : min(1, centre + half)
        return ConfidenceInterval(lower: lower, upper: upper)
    }
}
