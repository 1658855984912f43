// LSTM trials in SIMD lanes for the worker engine (issue 15): trials of one LaneShape share a group
// key, and a group runs through LaneTrialRunner, four (float64) or eight (float32) trials side by side, a lane refilled as its
// trial ends. Outcomes equal TrialRunner's bit for bit (LaneTrialTests), so a result differs from
// the single path's only in its timing fields and its provenance ("… lanes").
import Foundation
import LSTMCore
import LSTMTasks
import SweepCore

extension LSTMTrialExecutor: TrialGroupExecutor {
    /// One trial per lane: four in float64 (`SIMD4<Double>`), eight in float32 (`SIMD8<Float>`).
    func groupWidth(for assignment: TrialAssignment) -> Int {
        LaneShape(Self.spec(assignment), factory: factory).map { LaneNetwork.laneCount($0.precision) } ?? 1
    }

    /// "lstm lanes " and the trial's whole lane shape; nil when its net does not run in lanes
    /// (`LaneShape` is nil: RTRL/BPTT, 2a/2b's growing net). Every LSTM shape gains from lanes since
    /// lanes-speed4, the one-quad nets (4-1, 2c, 5, 6a) too: 1.1-1.5× in whole trials (docs/benchmarks.md).
    func groupKey(for assignment: TrialAssignment) -> String? {
        guard let shape = LaneShape(Self.spec(assignment), factory: factory) else { return nil }
        // The description leaves out biases, squashings and gates; the reflected topology has every field.
        return "lstm lanes \(shape) \(String(reflecting: shape.topology))"
    }

    func runGroup(next: () -> GroupedTrial?, finished: (GroupedTrial, TrialResult) -> Void) {
        guard let first = next() else { return }
        guard let shape = LaneShape(Self.spec(first.assignment), factory: factory) else {
            // Not a lane shape after all: each trial alone, one after the other.
            var trial: GroupedTrial? = first
            while let alone = trial {
                let result: TrialResult
                do {
                    result = try runTrial(alone.assignment, isCancelled: alone.isCancelled, progress: alone.progress)
                } catch {
                    result = .error("\(error)")
                }
                finished(alone, result)
                trial = next()
            }
            return
        }
        var held: GroupedTrial? = first
        let runner = LaneTrialRunner(shape: shape, factory: factory, clock: SystemTrialClock())
        runner.run(
            next: { () -> LaneTrial<GroupedTrial>? in
                guard let trial = held ?? next() else { return nil }
                held = nil
                return LaneTrial(
                    spec: Self.spec(trial.assignment), control: Self.control(trial.isCancelled, trial.progress), tag: trial)
            },
            finished: { (trial: GroupedTrial, outcome: TrialOutcome) in
                var result = Self.result(outcome)
                result.provenance = .inLanes
                finished(trial, result)
            })
    }
}
