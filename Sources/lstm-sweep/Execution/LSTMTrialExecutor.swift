// The bridge between the two halves: LSTM presets (LSTMTasks) as sweepable presets (SweepCore).
// Both speak TrialVocabulary (parameter values and kinds, trial specs, stop reasons), so a claimed
// trial goes to the numerics and its outcome comes back without translating anything.
import Foundation
import LSTMTasks
import SweepCore

/// Runs a sweep trial of a Table 10 preset through LSTMTasks' TrialRunner.
struct LSTMTrialExecutor: TrialExecutor {
    let factory: LearnerFactory

    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        try runTrial(assignment, isCancelled: isCancelled, progress: { _ in })
    }

    func runTrial(
        _ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool, progress: @Sendable (TrialStanding) -> Void
    ) throws -> TrialResult {
        let spec = Self.spec(assignment)
        // The runner calls both only while this call lasts, so the closures never really escape.
        let outcome = withoutActuallyEscaping(isCancelled) { flag in
            withoutActuallyEscaping(progress) { report in
                TrialRunner(factory: factory, clock: SystemTrialClock()).run(spec, control: Self.control(flag, report))
            }
        }
        return Self.result(outcome)
    }

    /// The numerics' control of a claimed trial: its cancellation flag, and its progress every 500 sequences.
    static func control(
        _ isCancelled: @escaping @Sendable () -> Bool, _ progress: @escaping @Sendable (TrialStanding) -> Void
    ) -> TrialControl {
        TrialControl(every: 500, isCancelled: isCancelled) { standing in
            progress(TrialStanding(sequences: standing.sequences, maxSequences: standing.maxSequences))
        }
    }

    /// The numerics' spec of a claimed trial.
    static func spec(_ assignment: TrialAssignment) -> TrialSpec {
        TrialSpec(
            preset: assignment.preset, parameters: assignment.parameters, seed: assignment.seed,
            maxSequences: assignment.budget.maxSequences)
    }

    /// The preset's cross-parameter checks (`TrialConfiguration`) of one configuration, without running it.
    static func inconsistency(
        preset: String, parameters: [String: ParameterValue], factory: LearnerFactory
    ) -> String? {
        let spec = TrialSpec(preset: preset, parameters: parameters, seed: 0)
        do {
            _ = try TrialConfiguration(spec: spec, factory: factory)
            return nil
        } catch let error as TaskError {
            return error.description
        } catch {
            return String(describing: error)
        }
    }

    // MARK: - Schema

    /// The sweep schema of a preset: every parameter of its LSTMTasks schema, with the same ranges.
    static func sweepSchema(_ preset: Preset, factory: LearnerFactory) -> SweepCore.ParameterSchema {
        var entries = [String: SweepCore.ParameterSchema.Entry]()
        for definition in preset.schema(factory: factory).parameters {
            entries[definition.name] = .init(definition.range, default: definition.defaultValue, help: definition.description)
        }
        return SweepCore.ParameterSchema(entries)
    }

    static func result(_ o: TrialOutcome) -> TrialResult {
        var metrics = [String: Double]()
        metrics["sequencesTrained"] = Double(o.sequencesTrained)
        for (name, value) in o.milestones { metrics["milestone.\(name)"] = Double(value) }
        return TrialResult(
            success: o.success, stopReason: o.stopReason,
            sequences: o.sequences, testWrong: o.test?.wrong, testSize: o.test?.size, testMSE: o.test?.mse,
            testMeanAbsError: o.test?.meanAbsError, weightCount: o.weightCount, steps: o.steps,
            wallSeconds: o.wallSeconds, cpuSeconds: o.cpuSeconds, stepsPerSecond: o.stepsPerSecond,
            precision: o.precision, method: o.method, errorMessage: o.error, metrics: metrics,
            curve: o.curve.map { LearningCurvePoint(sequences: $0.sequences, trainingLoss: $0.meanError, errorRate: 1 - $0.shareCorrect) },
            provenance: .current)
    }
}
