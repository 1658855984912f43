import Foundation
import LSTMCore
import Testing

@testable import LSTMTasks

/// `train --watch-states`: the drift monitor reports what the net's cells hold and changes nothing.
struct CellStateWatchTests {
    private final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [TrialProgress] = []
        func add(_ p: TrialProgress) { lock.withLock { items.append(p) } }
        var all: [TrialProgress] { lock.withLock { items } }
    }

    /// The reported means equal the mean |s_c| after each training sequence, replayed by hand.
    @Test func reportsTheMeanEndStatePerCellSinceTheLastReport() throws {
        let spec = TrialSpec(preset: "2c-1", seed: 3, maxSequences: 60)
        let reports = Reports()
        let watched = TrialRunner().run(spec, control: TrialControl(every: 20, watchesCellStates: true, progress: reports.add))
        let session = try TrialSession(config: try TrialConfiguration(spec: spec), seed: spec.seed, factory: .standard)
        var expected: [[Double]] = []
        var sums = [0.0, 0.0]
        for n in 1...60 {
            _ = session.trainOne()
            let states = try #require(session.learner as? LSTMNetwork).cellStates
            for c in 0..<2 { sums[c] += abs(states[c]) }
            if n % 20 == 0 { expected.append(sums.map { $0 / 20 }); sums = [0, 0] }
        }
        let seen = reports.all.compactMap(\.cellStateMagnitudes)
        #expect(seen == expected)
        #expect(seen.count == 3 && seen.allSatisfy { $0.allSatisfy { $0 > 0 } })
        let plain = TrialRunner().run(spec)
        #expect(watched.sequences == plain.sequences && watched.curve == plain.curve && watched.test == plain.test)
    }

    @Test func unwatchedReportsCarryNoStatesAndNetsWithoutCellsReportNone() {
        let reports = Reports()
        _ = TrialRunner().run(TrialSpec(preset: "2c-1", seed: 3, maxSequences: 20), control: TrialControl(every: 10, progress: reports.add))
        #expect(reports.all.count == 2 && reports.all.allSatisfy { $0.cellStateMagnitudes == nil })
        // 2a trains the one-layer net until the construction adds the cell (A8).
        let direct = Reports()
        _ = TrialRunner().run(TrialSpec(preset: "2a", seed: 3, maxSequences: 20),
                              control: TrialControl(every: 10, watchesCellStates: true, progress: direct.add))
        #expect(direct.all.count == 2 && direct.all.allSatisfy { $0.cellStateMagnitudes == nil })
    }
}
