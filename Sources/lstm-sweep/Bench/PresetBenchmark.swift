import Foundation
import LSTMCore
import LSTMTasks

/// Time steps per second of training on every preset, with the task's own data and the learner its
/// trials start with (`bench --presets`).
///
/// Beside the presets of Table 10 and the Table 2 baselines there are two construction cases,
/// `2a/direct` and `2b/direct`: the one-layer net that 2a/2b train until the sequential
/// construction adds the cell (A8). The preset rows themselves measure the full net
/// (`train.construction=false`), which is what most of a 2a/2b trial runs.
struct PresetBenchmark {
    /// One measured preset.
    struct Case {
        var name: String
        var preset: String
        var parameters: [String: ParameterValue]
    }

    /// Every preset, then the construction phases of 2a and 2b.
    static var cases: [Case] {
        Preset.all.map { p in
            let construction = p.name == "2a" || p.name == "2b"
            return Case(name: p.name, preset: p.name, parameters: construction ? ["train.construction": .bool(false)] : [:])
        } + ["2a", "2b"].map { Case(name: "\($0)/direct", preset: $0, parameters: [:]) }
    }

    /// Measures one case: `repeats` timed runs of at least `minimumSteps` steps each, or nil when the
    /// case does not run at this precision (the baselines are float64 only).
    static func measure(
        _ c: Case, kernel: KernelVariant, precision: Precision, repeats: Int, minimumSteps: Int
    ) throws -> KernelBenchmark.Measurement? {
        var parameters = c.parameters
        parameters["net.precision"] = .string(precision.rawValue)
        let workload: PresetWorkload
        do {
            workload = try PresetWorkload(preset: c.preset, parameters: parameters, seed: 1, count: 64)
        } catch let error as TaskError where error.code == .inconsistent {
            return nil
        }
        let net = workload.learner
        (net as? LSTMNetwork)?.kernelVariant = kernel
        // The slow baselines (RTRL at p = 100) warm up on one sequence and get at least one timed pass.
        let data = workload.sequences
        let warmup = net.weightCount > 5_000 && !(net is LSTMNetwork) ? data.prefix(1) : data[...]
        let timed = KernelBenchmark.time(
            net, on: data, warmup: warmup, learningRate: workload.learningRate, timing: workload.timing,
            repeats: repeats, minimumSteps: minimumSteps)
        return KernelBenchmark.Measurement(
            name: c.name, kernel: net is LSTMNetwork ? kernel.rawValue : "-", precision: precision.rawValue,
            weights: net.weightCount, stepsPerSecond: timed.stepsPerSecond, cpuStepsPerSecond: timed.cpuStepsPerSecond,
            repeats: repeats, stepsPerRepeat: timed.stepsPerRepeat)
    }
}
