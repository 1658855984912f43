import SweepCore
import Testing

struct HalvingSearchTests {
    static let halving = HalvingSearch(minBudget: 100, maxBudget: 900, eta: 3)

    @Test func rungBudgetsDivideTheMaximumDownToTheMinimum() {
        #expect(Self.halving.budgets == [100, 300, 900])
        #expect(HalvingSearch(minBudget: 100, maxBudget: 1000, eta: 3).budgets == [111, 333, 1000])
        #expect(Self.halving.rungSizes(configurations: 9) == [9, 3, 1])
        #expect(Self.halving.rungSizes(configurations: 2) == [2, 1, 1])
    }

    /// A final loss per (configuration, rung) that makes the schedule easy to compute by hand:
    /// rung 0 ranks 8 > 7 > 6 > …, rung 1 reverses the order of the promoted ones.
    static func loss(_ configuration: Int, _ rung: Int) -> Double {
        rung == 0 ? Double(10 - configuration) : Double(configuration)
    }

    @Test func promotionsFollowTheHandComputedSchedule() {
        let rungs = Self.halving.walk(configurations: 9, seedCount: 2) { configuration, rung, _ in
            SearchObservation(success: false, finalLoss: Self.loss(configuration, rung))
        }
        #expect(rungs.map(\.promoted) == [[6, 7, 8], [6], [6]])
        #expect(rungs.map(\.stopped) == [[0, 1, 2, 3, 4, 5], [7, 8], []])
    }

    @Test func successesRankBeforeTheMetric() {
        let rungs = Self.halving.walk(configurations: 3, seedCount: 1) { configuration, rung, _ in
            SearchObservation(success: configuration == 0, finalLoss: Double(3 - configuration))
        }
        #expect(rungs[0].promoted == [0])
    }

    @Test func aConfigurationIsPromotedOnlyOnceItsPlaceIsCertain() {
        // Given rung 0 with configurations 0-2 finished and 3-8 still running
        let partial = Self.halving.walk(configurations: 9, seedCount: 1) { configuration, rung, _ in
            rung == 0 && configuration <= 2 ? SearchObservation(success: false, finalLoss: Self.loss(configuration, 0)) : nil
        }
        // Then nobody is promoted yet (six unknowns could beat each of them), and nobody is stopped
        #expect(partial[0].promoted.isEmpty && partial[0].stopped.isEmpty)
        // When 3-7 finish too, 8 still running: 7 and 6 are certain (only 8 can beat them), 0-4 are out
        let later = Self.halving.walk(configurations: 9, seedCount: 1) { configuration, rung, _ in
            rung == 0 && configuration <= 7 ? SearchObservation(success: false, finalLoss: Self.loss(configuration, 0)) : nil
        }
        #expect(later[0].promoted == [6, 7])
        #expect(later[0].stopped == [0, 1, 2, 3, 4])
        #expect(later[1].members == [6, 7])
    }
}
