/// One decision of an adaptive search, as the `searchDecision` table records it (docs/schema.md).
///
/// `(configuration, step)` identifies a decision: the same outcomes always give the same decision
/// under the same key, whatever order the results arrived in, so stores insert each key once.
public struct SearchDecision: Sendable, Equatable, Codable {
    /// What was decided.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Frontier: the probe reached the target success rate.
        case pass
        /// Frontier: the probe missed the target success rate.
        case fail
        /// Frontier: the bracket is narrow enough (or at a limit); the search of this configuration ended.
        case frontier
        /// Halving: the configuration goes on to the next rung.
        case promote
        /// Halving: the configuration stops at this rung.
        case stop
        /// Halving: the best configuration of the last rung.
        case winner
    }

    /// Index of the configuration (grid point × random sample, in expansion order).
    public var configuration: Int
    /// Frontier: the probe's index (the closing `frontier` decision takes the next one). Halving: the rung.
    public var step: Int
    /// What was decided.
    public var kind: Kind
    /// The probed value (frontier), the rung's budget (halving), or the largest passing value (`frontier`).
    public var value: Int?
    /// Trials the decision used (seeds in order; a probe decided early uses fewer than all).
    public var trials: Int
    /// Successes among those trials.
    public var successes: Int
    /// Halving: the configuration's metric at this rung (lower is better).
    public var score: Double?
    /// One line for people: why.
    public var detail: String

    /// Creates a decision.
    public init(
        configuration: Int, step: Int, kind: Kind, value: Int?, trials: Int, successes: Int, score: Double? = nil,
        detail: String
    ) {
        self.configuration = configuration
        self.step = step
        self.kind = kind
        self.value = value
        self.trials = trials
        self.successes = successes
        self.score = score
        self.detail = detail
    }
}
