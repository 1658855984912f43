// The percentile bootstrap (Efron 1979) of a sample statistic, deterministic: resampling indices
// come from SplitMix64 with a fixed seed, and the sample is sorted first, so the interval depends
// on the values alone, not on their order or on the machine.

extension ConfidenceInterval {
    /// A statistic of a sample.
    public enum Statistic: String, Sendable, CaseIterable {
        /// The arithmetic mean.
        case mean
        /// The median (the mean of the two middle values of an even count).
        case median

        /// The statistic of `values`, or nil when there are none.
        public func value(of values: [Double]) -> Double? {
            guard !values.isEmpty else { return nil }
            switch self {
            case .mean: return values.reduce(0, +) / Double(values.count)
            case .median:
                let sorted = values.sorted(), middle = sorted.count / 2
                return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
            }
        }
    }

    /// Resamples per bootstrap interval unless told otherwise.
    public static let defaultResamples = 10_000
    /// The seed of the resampling generator unless told otherwise ("1997", the paper's year).
    public static let defaultBootstrapSeed: UInt64 = 1997

    /// The 95 % percentile-bootstrap interval of `statistic` over `values`, or nil when there are none.
    ///
    /// Draws `resamples` samples of `values.count` values with replacement (indices uniform from
    /// SplitMix64 seeded with `seed`, one output per index: ⌊u·n⌋ with u the top 53 bits as a
    /// fraction), takes the statistic of each, sorts them, and returns the values at ranks
    /// ⌊0.025·B⌋ and ⌈0.975·B⌉ − 1 (0-based), so that as many resamples lie below the interval as
    /// above it (250 each at B = 10,000). One value, or equal values, give a zero-width interval.
    public static func bootstrap(
        _ values: [Double], statistic: Statistic, resamples: Int = defaultResamples, seed: UInt64 = defaultBootstrapSeed
    ) -> ConfidenceInterval? {
        guard !values.isEmpty else { return nil }
        precondition(resamples >= 1, "a bootstrap needs at least one resample")
        let sample = values.sorted()
        var generator = SplitMix64(seed: seed)
        var resample = [Double](repeating: 0, count: sample.count)
        var estimates: [Double] = []
        estimates.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for i in resample.indices {
                // ⌊u·n⌋ < n because u < 1; min() guards the last ulp all the same.
                resample[i] = sample[min(sample.count - 1, Int(generator.uniform01() * Double(sample.count)))]
            }
            estimates.append(statistic.value(of: resample) ?? 0)
        }
        estimates.sort()
        let b = Double(resamples)
        let low = Int((0.025 * b).rounded(.down)), high = max(low, Int((0.975 * b).rounded(.up)) - 1)
        return ConfidenceInterval(lower: estimates[low], upper: estimates[min(high, resamples - 1)])
    }
}
