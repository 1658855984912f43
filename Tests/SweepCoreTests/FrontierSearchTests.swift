// The frontier walk as a pure function: brackets, early decisions and their independence from the
// order in which outcomes arrive.

import SweepCore
import Testing

struct FrontierSearchTests {
    static func search(start: Int = 10, max: Int = 5000, resolution: Double = 1.1, early: Bool = true) -> FrontierSearch {
        FrontierSearch(parameter: "toy.lag", start: start, max: max, resolution: resolution, successRate: 0.8, decidesEarly: early)
    }

    @Test(arguments: [1, 9, 10, 37, 300, 1234, 4999])
    func bracketsTheCriticalLagWithinTheResolution(critical: Int) {
        let walk = Self.search().walk(seedCount: 5) { value, _ in value <= critical }
        #expect(walk.isFinished)
        let pass = walk.largestPassing ?? 0, fail = walk.smallestFailing ?? Int.max
        #expect(pass <= critical && critical < fail)
        if pass > 0 { #expect(Double(fail) / Double(pass) < 1.1 || fail - pass == 1) }
    }

    @Test func passingAtMaxEndsWithNoFailingEnd() {
        let walk = Self.search(max: 100).walk(seedCount: 3) { _, _ in true }
        #expect(walk.probes.map(\.value) == [10, 20, 40, 80, 100])
        #expect(walk.largestPassing == 100 && walk.smallestFailing == nil && walk.isFinished)
    }

    @Test func failingStartShrinksUntilAPass() {
        let walk = Self.search(start: 64).walk(seedCount: 2) { value, _ in value <= 5 }
        #expect(walk.probes.prefix(5).map(\.value) == [64, 32, 16, 8, 4])
        #expect(walk.largestPassing == 5 && walk.smallestFailing == 6)
    }

    @Test func oneFailureDecidesAProbeEarlyAtEightyPercent() {
        // Wilson upper bound of 0/1 is 0.7935 < 0.8: the first seed's failure decides the probe.
        let walk = Self.search().walk(seedCount: 5) { value, seed in value < 20 || seed != 0 }
        #expect(walk.probes[1] == .init(value: 20, trials: 1, successes: 0, passed: false))
        let late = Self.search(early: false).walk(seedCount: 5) { value, seed in value < 20 || seed != 0 }
        #expect(late.probes[1] == .init(value: 20, trials: 5, successes: 4, passed: true))
    }

    @Test func anUnfinishedSeedHoldsTheProbeOpenEvenWhenLaterSeedsAreIn() {
        // Seeds 1-4 have finished and failed, seed 0 has not: prefixes are read in seed order.
        let walk = Self.search().walk(seedCount: 5) { value, seed in value == 10 && seed == 0 ? nil : value == 10 ? false : true }
        #expect(walk.probes == [.init(value: 10, trials: 0, successes: 0, passed: nil)])
        #expect(!walk.isFinished)
    }

    @Test func theVerdictDependsOnTheOutcomesNotTheirArrivalOrder() {
        // Given outcomes that arrive in two different orders, replayed after every arrival
        let outcomes: [Int: Bool] = [0: true, 1: false, 2: true, 3: true, 4: true]
        var verdicts: [[FrontierSearch.Probe]] = []
        for order in [[0, 1, 2, 3, 4], [4, 3, 2, 1, 0]] {
            var known: [Int: Bool] = [:]
            var last: [FrontierSearch.Probe] = []
            for seed in order {
                known[seed] = outcomes[seed]
                last = Self.search(max: 10).walk(seedCount: 5) { _, seed in known[seed] }.probes
            }
            verdicts.append(last)
        }
        // Then both end with the same decided probe
        #expect(verdicts[0] == verdicts[1])
        #expect(verdicts[0].first?.passed != nil)
    }
}
