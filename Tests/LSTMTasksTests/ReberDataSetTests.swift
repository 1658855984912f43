import LSTMCore
import Testing

@testable import LSTMTasks

/// Exp. 1's "3 randomly generated training/test pairs x 10 trials" (task.data_sets), how the
/// sets' strings are drawn (A22, task.string_sets), and in what order training picks them (A24,
/// task.string_order).
struct ReberDataSetTests {
    static func sets(seed: UInt64, dataSets: Int?, drawing: String? = nil) throws -> (training: [[Double]], test: [[Double]]) {
        var parameters: [String: ParameterValue] = dataSets.map { ["task.data_sets": .int($0)] } ?? [:]
        if let drawing { parameters["task.string_sets"] = .string(drawing) }
        let config = try TrialConfiguration(spec: TrialSpec(preset: "1-5", parameters: parameters, seed: seed))
        let session = try TrialSession(config: config, seed: seed, factory: .standard)
        return (session.trainingSet.map { TrialSession.inputKey($0.0) }, session.testSet.map { TrialSession.inputKey($0.0) })
    }

    @Test func seedsThatShareAPairTrainAndTestOnTheSameStrings() throws {
        let zero = try Self.sets(seed: 0, dataSets: 3), three = try Self.sets(seed: 3, dataSets: 3)
        #expect(zero.training == three.training)
        #expect(zero.test == three.test)
    }

    @Test func neighbouringSeedsUseDifferentPairs() throws {
        let zero = try Self.sets(seed: 0, dataSets: 3), one = try Self.sets(seed: 1, dataSets: 3)
        #expect(zero.training != one.training)
    }

    @Test func sharedPairsStillHoldNoTestStringOfTheirTrainingSet() throws {
        let pair = try Self.sets(seed: 4, dataSets: 3)
        #expect(pair.training.count == 256)
        #expect(!pair.test.isEmpty && Set(pair.test).isDisjoint(with: Set(pair.training)))
    }

    @Test func zeroKeepsEachSeedsOwnSets() throws {
        let unset = try Self.sets(seed: 3, dataSets: nil), zero = try Self.sets(seed: 3, dataSets: 0)
        #expect(unset.training == zero.training && unset.test == zero.test)
        #expect(unset.training != (try Self.sets(seed: 0, dataSets: nil)).training)
    }

    @Test func sharingChangesTheDataButNotTheInitialWeights() throws {
        // Seeds 0 and 3 share a pair yet start from different weights: their final test errors differ.
        let run = { (seed: UInt64) in
            TrialRunner().run(TrialSpec(preset: "1-5", parameters: ["task.data_sets": .int(3)], seed: seed, maxSequences: 200))
        }
        let zero = try #require(run(0).test), three = try #require(run(3).test)
        #expect(zero.mse != three.mse)
    }

    @Test func drawnSetsRepeatStringsAndMatchTheUnsetDefault() throws {
        let unset = try Self.sets(seed: 7, dataSets: 3), drawn = try Self.sets(seed: 7, dataSets: 3, drawing: "drawn")
        #expect(unset.training == drawn.training && unset.test == drawn.test)
        #expect(Set(drawn.training).count < 200)  // 256 draws from the grammar hold about 95 strings
    }

    @Test func distinctTrainingHoldsThatManyDifferentStrings() throws {
        let sets = try Self.sets(seed: 7, dataSets: 3, drawing: "distinct_training")
        #expect(sets.training.count == 256 && Set(sets.training).count == 256)
        #expect(!sets.test.isEmpty && Set(sets.test).isDisjoint(with: Set(sets.training)))
        #expect(sets.test.count < 256)  // the test set is still 256 draws less the training strings
    }

    @Test func distinctSetsHoldTheirSizesInDifferentStringsAndShareNone() throws {
        let sets = try Self.sets(seed: 7, dataSets: 3, drawing: "distinct")
        #expect(sets.training.count == 256 && Set(sets.training).count == 256)
        #expect(sets.test.count == 256 && Set(sets.test).count == 256)
        #expect(Set(sets.test).isDisjoint(with: Set(sets.training)))
        let strings = (sets.training + sets.test).map { $0.map { Int($0) } + [EmbeddedReber.E] }
        #expect(strings.allSatisfy(EmbeddedReber.accepts))
    }

    /// The strings of the first `count` training sequences a session of `order` picks.
    static func picks(seed: UInt64, order: String?, count: Int) throws -> (picked: [[Double]], training: [[Double]]) {
        var parameters: [String: ParameterValue] = ["task.data_sets": .int(3)]
        if let order { parameters["task.string_order"] = .string(order) }
        let config = try TrialConfiguration(spec: TrialSpec(preset: "1-5", parameters: parameters, seed: seed))
        let session = try TrialSession(config: config, seed: seed, factory: .standard)
        let picked = (0..<count).map { _ in TrialSession.inputKey(session.drawTrainingSequence().0) }
        return (picked, session.trainingSet.map { TrialSession.inputKey($0.0) })
    }

    /// The multiset of `strings`, as counts per string.
    static func counts(_ strings: some Sequence<[Double]>) -> [[Double]: Int] {
        strings.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    @Test func passesPickEveryTrainingStringOncePerPassInAFreshOrder() throws {
        let (picked, training) = try Self.picks(seed: 5, order: "passes", count: 3 * 256)
        let passes = (0..<3).map { Array(picked[($0 * 256)..<(($0 + 1) * 256)]) }
        for pass in passes { #expect(Self.counts(pass) == Self.counts(training)) }
        #expect(passes[0] != passes[1] && passes[1] != passes[2] && passes[0] != training)
    }

    @Test func drawsAreWithReplacementAndTheUnsetDefault() throws {
        let unset = try Self.picks(seed: 5, order: nil, count: 256), draws = try Self.picks(seed: 5, order: "draws", count: 256)
        #expect(unset.picked == draws.picked)
        // 256 draws with replacement miss about a third of the set's 256 entries.
        #expect(Self.counts(draws.picked) != Self.counts(draws.training))
        #expect(draws.picked != (try Self.picks(seed: 5, order: "passes", count: 256)).picked)
    }
}
