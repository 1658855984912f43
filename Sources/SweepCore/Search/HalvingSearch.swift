// Successive halving over the training budget (docs/searches.md). Every configuration starts on the
// smallest rung; each rung keeps the best 1/eta of its configurations and runs them again with eta
// times the budget (rung budgets are max, max/eta, max/eta², … down to min, smallest first).
//
// Promotion is ASHA-style, with no rung-wide barrier: a configuration moves up as soon as it is
// certain to rank among the rung's best k, i.e. when the configurations already known to be better
// plus those still running number fewer than k. It stops once k known ones beat it. Certainty makes
// the promotions exactly those of synchronous halving, whatever order the results come in.

/// The `halving:` section of a sweep file, and the rungs it walks.
public struct HalvingSearch: Sendable, Equatable, Codable {
    /// How a configuration is ranked at a rung, after its successes (more is better).
    public enum Metric: String, Sendable, Codable, CaseIterable {
        /// Mean over seeds of the last learning-curve point's training loss (lower is better).
        case finalLoss = "final_loss"
        /// Mean over seeds of the smallest training loss on the curve (lower is better).
        case minimumLoss = "min_loss"
        /// Mean over seeds of the sequences until the stop (lower is better: successes stop early).
        case sequences
    }

    /// The integer parameter that carries a trial's budget (`train.max_sequences`).
    public var parameter: String
    /// The smallest rung's budget is at least this.
    public var minBudget: Int
    /// The last rung's budget.
    public var maxBudget: Int
    /// Keep 1/eta per rung and multiply the budget by eta (≥ 2).
    public var eta: Int
    /// The ranking metric.
    public var metric: Metric

    /// Creates a halving search.
    public init(parameter: String = "train.max_sequences", minBudget: Int, maxBudget: Int, eta: Int = 3, metric: Metric = .finalLoss) {
        self.parameter = parameter
        self.minBudget = minBudget
        self.maxBudget = maxBudget
        self.eta = eta
        self.metric = metric
    }

    /// Rung budgets, smallest first: max/eta^k for every k with max/eta^k ≥ min.
    public var budgets: [Int] {
        var budgets = [maxBudget]
        while budgets[0] / eta >= minBudget { budgets.insert(budgets[0] / eta, at: 0) }
        return budgets
    }

    /// How many configurations each rung holds: n, ⌊n/eta⌋, ⌊n/eta²⌋, … (at least one).
    public func rungSizes(configurations: Int) -> [Int] {
        var sizes = [configurations]
        while sizes.count < budgets.count { sizes.append(Swift.max(1, sizes[sizes.count - 1] / eta)) }
        return sizes
    }

    /// A configuration's standing on a rung once all its seeds have finished.
    public struct Score: Sendable, Equatable {
        /// Seeds that succeeded.
        public var successes: Int
        /// The metric's mean over the seeds (lower is better).
        public var metric: Double
    }

    /// One rung of the walk so far.
    public struct Rung: Sendable, Equatable {
        /// The rung's budget.
        public var budget: Int
        /// Configurations on this rung so far, by index (promotions may still add some).
        public var members: [Int]
        /// Members' scores once all their seeds have finished.
        public var scores: [Int: Score]
        /// Members that go on (every rung but the last) or that won (the last rung: at most one).
        public var promoted: [Int]
        /// Members that stop here.
        public var stopped: [Int]
    }

    /// Replays the rungs from the outcomes known so far; rungs nobody has reached yet are left out.
    ///
    /// - Parameter observation: the observation of (configuration, rung, seed index), or nil.
    public func walk(
        configurations: Int, seedCount: Int, observation: (_ configuration: Int, _ rung: Int, _ seed: Int) -> SearchObservation?
    ) -> [Rung] {
        let sizes = rungSizes(configurations: configurations)
        var rungs: [Rung] = []
        var members = Array(0..<configurations)
        for (index, budget) in budgets.enumerated() {
            var rung = Rung(budget: budget, members: members, scores: [:], promoted: [], stopped: [])
            for member in members {
                let seen = (0..<seedCount).compactMap { observation(member, index, $0) }
                guard seen.count == seedCount else { continue }
                rung.scores[member] = Score(
                    successes: seen.count { $0.success }, metric: seen.map(value).reduce(0, +) / Double(seedCount))
            }
            let slots = index + 1 < sizes.count ? sizes[index + 1] : 1
            // Members not yet scored, including those the rung below has still to promote.
            let pending = sizes[index] - rung.scores.count
            for member in members {
                guard let score = rung.scores[member] else { continue }
                let better = rung.scores.count { other, otherScore in Self.ranks(otherScore, other, above: score, member) }
                if better + pending < slots {
                    rung.promoted.append(member)
                } else if better >= slots {
                    rung.stopped.append(member)
                }
            }
            rungs.append(rung)
            guard index + 1 < budgets.count, !rung.promoted.isEmpty else { break }
            members = rung.promoted
        }
        return rungs
    }

    /// The metric value of one trial (missing losses rank last).
    func value(_ observation: SearchObservation) -> Double {
        switch metric {
        case .finalLoss: observation.finalLoss ?? .infinity
        case .minimumLoss: observation.minimumLoss ?? .infinity
        case .sequences: Double(observation.sequences)
        }
    }

    /// The total order of a rung: more successes, then a lower metric, then the earlier configuration.
    static func ranks(_ score: Score, _ index: Int, above other: Score, _ otherIndex: Int) -> Bool {
        if score.successes != other.successes { return score.successes > other.successes }
        if score.metric != other.metric { return score.metric < other.metric }
        return index < otherIndex
    }
}
