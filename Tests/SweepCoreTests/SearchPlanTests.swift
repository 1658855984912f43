// Search plans as the stores use them: parsed from a sweep file, kept as JSON, and replayed after
// every result. The replay must give the same trials and decisions whatever the arrival order.

import Foundation
import Testing
@testable import SweepCore

struct SearchPlanTests {
    static let yaml = """
        name: plan
        preset: toy
        seeds: 3
        fixed:
          toy.x: 1
        grid:
          toy.mode: [plain, fancy]
        search:
          frontier:
            parameter: toy.y
            start: 4
            max: 400
            resolution: 1.2
            success_rate: 0.6
        """

    @Test func aSearchSweepExpandsToItsFirstProbePerConfiguration() throws {
        let sweep = try ToySchema.parse(Self.yaml)
        let trials = sweep.expandTrials()
        #expect(trials.count == 6)
        #expect(trials.allSatisfy { $0.parameters["toy.y"] == .int(4) && $0.parameters["toy.x"] == .real(1) })
        #expect(trials.map(\.ordinal) == [0, 1, 2, 3, 4, 5])
    }

    @Test func theStoredPlanRecreatesTheSameIdentities() throws {
        let plan = try #require(try ToySchema.parse(Self.yaml).searchPlan)
        let decoded = try SearchPlan.decode(json: plan.json)
        #expect(decoded == plan)
        #expect(decoded.progress(observations: [:]).trials.map(\.id) == plan.progress(observations: [:]).trials.map(\.id))
    }

    @Test func theSearchIsPartOfTheFingerprint() throws {
        let sweep = try ToySchema.parse(Self.yaml)
        let other = try ToySchema.parse(Self.yaml.replacingOccurrences(of: "resolution: 1.2", with: "resolution: 1.3"))
        #expect(sweep.fingerprint != other.fingerprint)
        #expect(sweep.fingerprint.contains("\"search\""))
    }

    /// Runs the plan to its end, completing trials in an order `pick` chooses, and returns the decisions.
    static func run(_ plan: SearchPlan, critical: Int, pick: (Int) -> Int) -> [SearchDecision] {
        var observations: [String: SearchObservation] = [:]
        var progress = plan.progress(observations: observations)
        var cancelled: Set<String> = []
        while true {
            cancelled.formUnion(progress.cancellations)
            let open = progress.trials.filter { observations[$0.id] == nil && !cancelled.contains($0.id) }
            guard !open.isEmpty else { break }
            let trial = open[pick(open.count)]
            let lag = trial.parameters["toy.y"]?.intValue ?? 0
            observations[trial.id] = SearchObservation(success: lag <= critical || trial.seed == 2)
            progress = plan.progress(observations: observations)
        }
        #expect(progress.isFinished)
        return progress.decisions
    }

    @Test func anyCompletionOrderGivesTheSameDecisions() throws {
        let plan = try #require(try ToySchema.parse(Self.yaml).searchPlan)
        let inOrder = Self.run(plan, critical: 57) { _ in 0 }
        let reversed = Self.run(plan, critical: 57) { $0 - 1 }
        var generator = SplitMix64(seed: 7)
        let shuffled = Self.run(plan, critical: 57) { Int(generator.next() % UInt64($0)) }
        #expect(inOrder == reversed)
        #expect(inOrder == shuffled)
        let closing = inOrder.filter { $0.kind == .frontier }
        #expect(closing.count == 2)
        #expect(closing.allSatisfy { $0.value.map { $0 <= 57 } ?? false })
    }
}
