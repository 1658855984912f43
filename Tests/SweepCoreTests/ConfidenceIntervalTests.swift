import Testing
@testable import SweepCore

/// Wilson and bootstrap intervals against values computed by hand.
struct ConfidenceIntervalTests {
    /// (successes, trials, lower, upper): Wilson 95 % bounds from the closed form, to 4 decimals.
    /// 5/10: centre (0.5 + 0.19207)/1.38415 = 0.5, half 1.41600·√(0.025 + 0.0096037) = 0.26340.
    static let wilsonCases: [(Int, Int, Double, Double)] = [
        (10, 10, 0.7225, 1.0), (0, 10, 0.0, 0.2775), (5, 10, 0.2366, 0.7634), (1, 1, 0.2065, 1.0),
        (7, 9, 0.4526, 0.9368), (15, 30, 0.3315, 0.6685),
    ]

    @Test(arguments: ConfidenceIntervalTests.wilsonCases)
    func wilsonMatchesTheClosedForm(successes: Int, trials: Int, lower: Double, upper: Double) throws {
        let interval = try #require(ConfidenceInterval.wilson(successes: successes, trials: trials))
        #expect(abs(interval.lower - lower) < 5e-5, "lower \(interval.lower)")
        #expect(abs(interval.upper - upper) < 5e-5, "upper \(interval.upper)")
    }

    @Test func wilsonIsExactAtTheEnds() throws {
        #expect(try #require(ConfidenceInterval.wilson(successes: 30, trials: 30)).upper == 1)
        #expect(try #require(ConfidenceInterval.wilson(successes: 0, trials: 30)).lower == 0)
        #expect(ConfidenceInterval.wilson(successes: 0, trials: 0) == nil)
    }

    @Test func meanAndMedianOfSmallSamples() {
        #expect(ConfidenceInterval.Statistic.mean.value(of: [1, 2, 6]) == 3)
        #expect(ConfidenceInterval.Statistic.median.value(of: [6, 1, 2]) == 2)
        #expect(ConfidenceInterval.Statistic.median.value(of: [4, 1, 2, 10]) == 3)
        #expect(ConfidenceInterval.Statistic.mean.value(of: []) == nil)
    }

    @Test(arguments: ConfidenceInterval.Statistic.allCases)
    func bootstrapOfOneValueOrEqualValuesHasZeroWidth(statistic: ConfidenceInterval.Statistic) {
        #expect(ConfidenceInterval.bootstrap([42], statistic: statistic) == ConfidenceInterval(lower: 42, upper: 42))
        #expect(ConfidenceInterval.bootstrap([7, 7, 7], statistic: statistic) == ConfidenceInterval(lower: 7, upper: 7))
        #expect(ConfidenceInterval.bootstrap([], statistic: statistic) == nil)
    }

    /// Two values {0, 100}: a resample's mean is 0, 50 or 100 with probabilities 1/4, 1/2, 1/4, so
    /// the 2.5 % and 97.5 % points of 10,000 resamples are 0 and 100 (each end holds ~2,500 resamples,
    /// far more than the 250 the percentile ranks skip).
    @Test func bootstrapOfTwoValuesSpansThem() throws {
        let interval = try #require(ConfidenceInterval.bootstrap([100, 0], statistic: .mean))
        #expect(interval == ConfidenceInterval(lower: 0, upper: 100))
    }

    /// {0, 0, 0, 100} by the mean: P(no 100 in a resample) = (3/4)^4 = 0.316 > 2.5 %, so the lower
    /// bound is 0; P(the mean is 75 or 100) = 13/256 = 5.1 % > 2.5 %, and P(100) = 1/256 = 0.4 % < 2.5 %,
    /// so the upper bound is 75.
    @Test func bootstrapPercentilesFollowTheResampleDistribution() throws {
        let interval = try #require(ConfidenceInterval.bootstrap([0, 0, 0, 100], statistic: .mean))
        #expect(interval == ConfidenceInterval(lower: 0, upper: 75))
    }

    @Test func bootstrapIsDeterministicAndIgnoresOrder() {
        let values: [Double] = [39_000, 12_500, 88_100, 20_400, 51_000, 9_800, 33_300]
        let first = ConfidenceInterval.bootstrap(values, statistic: .median)
        #expect(first == ConfidenceInterval.bootstrap(values.reversed(), statistic: .median))
        #expect(first == ConfidenceInterval.bootstrap(values, statistic: .median, seed: ConfidenceInterval.defaultBootstrapSeed))
        let interval = ConfidenceInterval.bootstrap(values, statistic: .mean)
        #expect(interval.map { $0.lower < 36_300 && 36_300 < $0.upper } == true)  // the sample mean is inside
    }
}
