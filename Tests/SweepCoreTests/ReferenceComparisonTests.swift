import Testing
@testable import SweepCore

/// The verdict of `report --paper` at the edges of its rules.
struct ReferenceComparisonTests {
    static func compare(
        trials: Int = 10, finished: Int = 10, _ sequences: [Double], rate: Double?, mean: Double?
    ) -> ReferenceComparison.Verdict {
        ReferenceComparison(
            trials: trials, finished: finished, sequences: sequences, referenceRate: rate, referenceMean: mean,
            resamples: 200
        ).verdict
    }

    static func successes(_ count: Int, each value: Double) -> [Double] { Array(repeating: value, count: count) }

    @Test func allSucceededAtThePaperMeanIsReproduced() {
        #expect(Self.compare(Self.successes(10, each: 1000), rate: 1, mean: 1000) == .reproduced)
    }

    @Test func meanAtExactlyOneAndAHalfTimesIsReproducedAndJustAboveIsNot() {
        #expect(Self.compare(Self.successes(10, each: 1500), rate: 1, mean: 1000) == .reproduced)
        #expect(Self.compare(Self.successes(10, each: 1501), rate: 1, mean: 1000) == .notReproduced([.sequences]))
    }

    @Test func fasterThanThePaperIsFine() {
        #expect(Self.compare(Self.successes(10, each: 10), rate: 1, mean: 1000) == .reproduced)
    }

    /// 7/10 has the Wilson interval [0.3968, 0.8922]: 0.78 and 0.89 lie inside, 0.90 does not.
    @Test func rateInsideTheWilsonIntervalIsReproduced() {
        let seven = Self.successes(7, each: 100)
        #expect(Self.compare(seven, rate: 0.78, mean: 100) == .reproduced)
        #expect(Self.compare(seven, rate: 0.89, mean: 100) == .reproduced)
        #expect(Self.compare(seven, rate: 0.90, mean: 100) == .notReproduced([.successRate]))
    }

    @Test func rateAboveThePaperIsReproducedEvenOutsideTheInterval() {
        // 30/30 has the interval [0.886, 1]; the paper's 22 % lies below it, and higher is fine.
        #expect(Self.compare(trials: 30, finished: 30, Self.successes(30, each: 100), rate: 0.22, mean: 100) == .reproduced)
    }

    @Test func bothPartsFailedAreBothNamed() {
        #expect(Self.compare(Self.successes(1, each: 9000), rate: 1, mean: 1000) == .notReproduced([.successRate, .sequences]))
    }

    @Test func noSuccessFailsTheSequencesPart() {
        #expect(Self.compare([], rate: nil, mean: 1000) == .notReproduced([.sequences]))
    }

    @Test func aPaperRateOfZeroIsReproducedByNoSuccess() {
        #expect(Self.compare([], rate: 0, mean: nil) == .reproduced)
    }

    @Test func unfinishedTrialsMakeItIncomplete() {
        #expect(Self.compare(trials: 10, finished: 9, Self.successes(9, each: 1000), rate: 1, mean: 1000) == .incomplete)
        #expect(Self.compare(trials: 0, finished: 0, [], rate: 1, mean: 1000) == .incomplete)
    }

    @Test func noPaperFigureIsSaid() {
        #expect(Self.compare(Self.successes(10, each: 1000), rate: nil, mean: nil) == .noReference)
    }

    @Test func theEstimatesAndRatioAreReported() {
        let comparison = ReferenceComparison(
            trials: 4, finished: 4, sequences: [100, 300], referenceRate: 0.5, referenceMean: 400, resamples: 200)
        #expect(comparison.successRate == 0.5)
        #expect(comparison.meanSequences == 200)
        #expect(comparison.medianSequences == 200)
        #expect(comparison.meanRatio == 0.5)
        #expect(comparison.meanInterval == ConfidenceInterval(lower: 100, upper: 300))
    }
}
