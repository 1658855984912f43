// Deterministic expansion of a sweep into trials.
//
//   configurations = (grid points, first axis slowest; one empty point without a grid)
//                  × (random samples 0..<count; one empty sample without `random:`)
//   trials         = for each configuration, for each seed in file order: fixed ∪ point ∪ sample
//
// Random samples are drawn once, sample by sample and parameter by parameter in file order, from
// SplitMix64 seeded with SHA-256(sweep name). Raising `count` therefore keeps earlier samples.
// Sampled reals are rounded to 9 significant digits so that last-bit differences between libm
// implementations of exp/log cannot change an identity.

import Foundation

extension SweepDefinition {
    /// All trials, in expansion order; the same on every machine.
    ///
    /// A search sweep expands to its first step only (each configuration's first probe, or the
    /// first rung); the store adds the rest as results come in (see ``SearchPlan``).
    public func expandTrials() -> [SweepTrial] {
        if let searchPlan { return searchPlan.progress(observations: [:]).trials }
        var trials: [SweepTrial] = []
        let configurations = configurationPoints()
        trials.reserveCapacity(configurations.count * seeds.count)
        for point in configurations {
            let parameters = fixed.merging(point) { _, new in new }
            for seed in seeds {
                trials.append(SweepTrial(sweepName: name, ordinal: trials.count, parameters: parameters, seed: seed))
            }
        }
        return trials
    }

    /// The varied parameters of each configuration (grid point × random sample), in expansion order.
    public func configurationPoints() -> [[String: ParameterValue]] {
        var points: [[String: ParameterValue]] = [[:]]
        for axis in grid {
            points = points.flatMap { point in
                axis.values.map { value in point.merging([axis.name: value]) { _, new in new } }
            }
        }
        let samples = randomCount > 0 && !random.isEmpty ? randomSamples() : [[:]]
        return points.flatMap { point in samples.map { sample in point.merging(sample) { _, new in new } } }
    }

    /// The search plan a store keeps for this sweep, or nil without a `search:` section.
    public var searchPlan: SearchPlan? {
        search.map { SearchPlan(sweepName: name, search: $0, seeds: seeds, fixed: fixed, points: configurationPoints()) }
    }

    /// The random-search samples, drawn in a fixed order from a generator seeded by the sweep name.
    func randomSamples() -> [[String: ParameterValue]] {
        var generator = SplitMix64(hashing: "random:" + name)
        return (0..<randomCount).map { _ in
            var sample: [String: ParameterValue] = [:]
            for parameter in random {
                sample[parameter.name] = draw(parameter, using: &generator)
            }
            return sample
        }
    }

    private func draw(_ parameter: RandomParameter, using generator: inout SplitMix64) -> ParameterValue {
        let isInteger: Bool
        if case .integer = schema.entries[parameter.name]?.kind { isInteger = true } else { isInteger = false }
        let unit = generator.uniform01()
        switch parameter.distribution {
        case .uniform(let low, let high):
            if isInteger {
                let span = (high - low + 1).rounded(.down)
                return .int(Int(low) + min(Int(unit * span), Int(span) - 1))
            }
            return .real(Self.roundSignificant(low + unit * (high - low)))
        case .logUniform(let low, let high):
            // PortableMath, not Foundation: the sample names the trial, so every host must compute the same bits.
            let value = PortableMath.exp(PortableMath.log(low) + unit * (PortableMath.log(high) - PortableMath.log(low)))
            return isInteger ? .int(Int(value.rounded())) : .real(Self.roundSignificant(value))
        case .choice(let options):
            return options[min(Int(unit * Double(options.count)), options.count - 1)]
        }
    }

    static func roundSignificant(_ value: Double) -> Double {
        Double(String(format: "%.9g", value)) ?? value
    }
}
