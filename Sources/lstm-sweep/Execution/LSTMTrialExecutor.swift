// The bridge between the two halves: LSTM presets (LSTMTasks) as sweepable presets (SweepCore).
// Schemas, values and outcomes are translated here and only here.
import Foundation
import LSTMTasks
import SweepCore

/// Runs a sweep trial of a Table 10 preset through LSTMTasks' TrialRunner.
struct LSTMTrialExecutor: TrialExecutor {
    let factory: LearnerFactory

    func runTrial(_ assignment: TrialAssignment, isCancelled: @Sendable () -> Bool) throws -> TrialResult {
        var parameters = [String: LSTMTasks.ParameterValue]()
        for (name, value) in assignment.parameters { parameters[name] = Self.taskValue(value) }
        let spec = LSTMTasks.TrialSpec(
            preset: assignment.preset, parameters: parameters, seed: assignment.seed,
            maxSequences: assignment.budget.maxSequences)
        // The runner polls the flag only while this call lasts, so the closure never really escapes.
        let outcome = withoutActuallyEscaping(isCancelled) { flag in
            TrialRunner(factory: factory, clock: SystemTrialClock()).run(spec, control: TrialControl(every: 500, isCancelled: flag))
        }
        return Self.result(outcome)
    }

    /// The preset's cross-parameter checks (`TrialConfiguration`) of one configuration, without running it.
    static func inconsistency(
        preset: String, parameters: [String: SweepCore.ParameterValue], factory: LearnerFactory
    ) -> String? {
        let spec = LSTMTasks.TrialSpec(preset: preset, parameters: parameters.mapValues(taskValue), seed: 0)
        do {
            _ = try TrialConfiguration(spec: spec, factory: factory)
            return nil
        } catch let error as TaskError {
            return error.description
        } catch {
            return String(describing: error)
        }
    }

    // MARK: - Translation

    /// The sweep schema of a preset: every parameter of its LSTMTasks schema.
    static func sweepSchema(_ preset: Preset, factory: LearnerFactory) -> SweepCore.ParameterSchema {
        var entries = [String: SweepCore.ParameterSchema.Entry]()
        for d in preset.schema(factory: factory).parameters {
            let low = d.minimum ?? -Double.greatestFiniteMagnitude, high = d.maximum ?? Double.greatestFiniteMagnitude
            let kind: SweepCore.ParameterKind
            switch d.kind {
            case .int: kind = .integer(Int(max(low, -1e15))...Int(min(high, 1e15)))
            case .real: kind = .real(low...high)
            case .bool: kind = .boolean
            case .choice: kind = .choice(d.choices ?? [])
            case .realList: kind = .realList(count: 0...64)
            }
            entries[d.name] = .init(kind, default: sweepValue(d.defaultValue), help: d.description)
        }
        return SweepCore.ParameterSchema(entries)
    }

    static func taskValue(_ value: SweepCore.ParameterValue) -> LSTMTasks.ParameterValue {
        switch value {
        case .int(let v): .int(v)
        case .real(let v): .real(v)
        case .bool(let v): .bool(v)
        case .string(let v): .choice(v)
        case .realList(let v): .realList(v)
        }
    }

    static func sweepValue(_ value: LSTMTasks.ParameterValue) -> SweepCore.ParameterValue {
        switch value {
        case .int(let v): .int(v)
        case .real(let v): .real(v)
        case .bool(let v): .bool(v)
        case .choice(let v): .string(v)
        case .realList(let v): .realList(v)
        }
    }

    static func result(_ o: TrialOutcome) -> TrialResult {
        var metrics = [String: Double]()
        metrics["sequencesTrained"] = Double(o.sequencesTrained)
        for (name, value) in o.milestones { metrics["milestone.\(name)"] = Double(value) }
        return TrialResult(
            success: o.success, stopReason: SweepCore.StopReason(rawValue: o.stopReason.rawValue) ?? .error,
            sequences: o.sequences, testWrong: o.test?.wrong, testSize: o.test?.size, testMSE: o.test?.mse,
            testMeanAbsError: o.test?.meanAbsError, weightCount: o.weightCount, steps: o.steps,
            wallSeconds: o.wallSeconds, cpuSeconds: o.cpuSeconds, stepsPerSecond: o.stepsPerSecond,
            precision: o.precision, method: o.method, errorMessage: o.error, metrics: metrics,
            curve: o.curve.map { LearningCurvePoint(sequences: $0.sequences, trainingLoss: $0.meanError, errorRate: 1 - $0.shareCorrect) },
            provenance: .current)
    }
}
