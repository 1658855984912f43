import SweepCore
import Testing

/// The Wilson interval as the frontier search uses it (ConfidenceInterval.wilson; ConfidenceIntervalTests
/// cover the paper report's cases).
struct WilsonIntervalTests {
    /// Reference values from the closed form at z = 1.96 (checked by hand to four places).
    @Test(arguments: [
        (0, 1, 0.0, 0.7935), (1, 1, 0.2065, 1.0), (5, 5, 0.5655, 1.0), (0, 5, 0.0, 0.4345), (4, 5, 0.3755, 0.9638),
    ])
    func matchesTheClosedForm(successes: Int, trials: Int, lower: Double, upper: Double) throws {
        let interval = try #require(ConfidenceInterval.wilson(successes: successes, trials: trials))
        #expect(abs(interval.lower - lower) < 1e-4)
        #expect(abs(interval.upper - upper) < 1e-4)
    }

    @Test func narrowsAroundTheRateAsTrialsGrow() throws {
        let few = try #require(ConfidenceInterval.wilson(successes: 8, trials: 10))
        let many = try #require(ConfidenceInterval.wilson(successes: 800, trials: 1000))
        #expect(few.lower < many.lower && many.upper < few.upper)
        #expect(many.lower < 0.8 && 0.8 < many.upper)
    }
}
