// The frontier search (docs/searches.md): the largest value of an integer parameter (a lag) at which
// a configuration still reaches the target success rate. Per configuration:
//
//   grow:    probe start, start·g, start·g², … (capped at max) while probes pass
//   shrink:  if start fails, probe start/g, start/g², … (down to minimum) until one passes
//   bisect:  probe round(√(pass·fail)) until fail/pass < resolution or fail − pass ≤ 1
//
// A probe is one value with all the sweep's seeds. Its verdict reads the seeds in file order: after
// each prefix of finished seeds whose Wilson 95 % interval lies wholly above (pass) or below (fail)
// the target rate, the probe is decided; with every seed finished, rate ≥ target passes. Reading
// prefixes in seed order makes the verdict a function of the outcomes, never of their arrival order.

/// The `frontier:` section of a sweep file, and the walk it takes over one configuration.
public struct FrontierSearch: Sendable, Equatable, Codable {
    /// The integer parameter searched (`task.q`, `toy.lag`, …).
    public var parameter: String
    /// The first value probed.
    public var start: Int
    /// The largest value probed; passing it ends the search.
    public var max: Int
    /// The smallest value probed when shrinking (the parameter's lower bound, at least 1).
    public var minimum: Int
    /// The search ends when the failing end over the passing end is below this factor (> 1).
    public var resolution: Double
    /// The success rate a probe must reach over the sweep's seeds, in (0, 1].
    public var successRate: Double
    /// The factor of each growth (or shrink) step (> 1; default 2).
    public var growth: Double
    /// Whether a probe may be decided by its Wilson interval before all its seeds have run.
    public var decidesEarly: Bool

    /// Creates a frontier search.
    public init(
        parameter: String, start: Int, max: Int, minimum: Int = 1, resolution: Double, successRate: Double,
        growth: Double = 2, decidesEarly: Bool = true
    ) {
        self.parameter = parameter
        self.start = start
        self.max = max
        self.minimum = minimum
        self.resolution = resolution
        self.successRate = successRate
        self.growth = growth
        self.decidesEarly = decidesEarly
    }

    /// One probe: a value, and what its seeds gave.
    public struct Probe: Sendable, Equatable, Codable {
        /// The probed value.
        public var value: Int
        /// Seeds the verdict used (all of them when not yet decided: those finished in a row).
        public var trials: Int
        /// Successes among them.
        public var successes: Int
        /// The verdict, or nil while undecided.
        public var passed: Bool?

        /// Creates a probe.
        public init(value: Int, trials: Int, successes: Int, passed: Bool?) {
            self.value = value
            self.trials = trials
            self.successes = successes
            self.passed = passed
        }
    }

    /// The walk over one configuration so far.
    public struct Walk: Sendable, Equatable {
        /// Probes in the order they were started; only the last may be undecided.
        public var probes: [Probe]
        /// The largest passing value, or nil.
        public var largestPassing: Int?
        /// The smallest failing value, or nil.
        public var smallestFailing: Int?
        /// Whether the walk has ended (no probe undecided, no next value).
        public var isFinished: Bool
    }

    /// Replays the walk from the outcomes known so far.
    ///
    /// - Parameter outcome: the success of (value, seed index), or nil while that trial has no outcome.
    public func walk(seedCount: Int, outcome: (_ value: Int, _ seed: Int) -> Bool?) -> Walk {
        var walk = Walk(probes: [], largestPassing: nil, smallestFailing: nil, isFinished: false)
        var next: Int? = start
        while let value = next {
            let probe = verdict(value: value, outcomes: (0..<seedCount).map { outcome(value, $0) })
            walk.probes.append(probe)
            guard let passed = probe.passed else { return walk }
            if passed { walk.largestPassing = value } else { walk.smallestFailing = value }
            next = nextValue(largestPassing: walk.largestPassing, smallestFailing: walk.smallestFailing)
        }
        walk.isFinished = true
        return walk
    }

    /// The verdict of one probe from its seeds' outcomes, in seed order.
    func verdict(value: Int, outcomes: [Bool?]) -> Probe {
        var successes = 0
        for (index, outcome) in outcomes.enumerated() {
            guard let outcome else { return Probe(value: value, trials: index, successes: successes, passed: nil) }
            if outcome { successes += 1 }
            let trials = index + 1
            if trials == outcomes.count {
                return Probe(
                    value: value, trials: trials, successes: successes,
                    passed: Double(successes) >= successRate * Double(trials) - 1e-9)
            }
            if decidesEarly {
                // trials > 0 here, so the interval exists.
                guard let interval = ConfidenceInterval.wilson(successes: successes, trials: trials) else { continue }
                if interval.lower > successRate { return Probe(value: value, trials: trials, successes: successes, passed: true) }
                if interval.upper < successRate { return Probe(value: value, trials: trials, successes: successes, passed: false) }
            }
        }
        return Probe(value: value, trials: outcomes.count, successes: successes, passed: nil)
    }

    /// The next value to probe, or nil when the bracket is closed or a limit is reached.
    func nextValue(largestPassing: Int?, smallestFailing: Int?) -> Int? {
        switch (largestPassing, smallestFailing) {
        case (let pass?, nil):
            guard pass < max else { return nil }
            return Swift.min(max, Swift.max(pass + 1, Int((Double(pass) * growth).rounded(.up))))
        case (nil, let fail?):
            guard fail > minimum else { return nil }
            return Swift.max(minimum, Swift.min(fail - 1, Int((Double(fail) / growth).rounded(.down))))
        case (let pass?, let fail?):
            guard fail - pass > 1, Double(fail) / Double(pass) >= resolution else { return nil }
            let middle = Int((Double(pass) * Double(fail)).squareRoot().rounded())
            return Swift.min(fail - 1, Swift.max(pass + 1, middle))
        case (nil, nil):
            return start
        }
    }
}
