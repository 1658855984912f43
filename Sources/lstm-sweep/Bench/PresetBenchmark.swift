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
        parameters["net.precision"] = .choice(precision.rawValue)
        let workload: PresetWorkload
        do {
            workload = try PresetWorkload(preset: c.preset, parameters: parameters, seed: 1, count: 64)
        } catch let error as TaskError where error.code == .inconsistent {
            return nil
        }
        let net = workload.learner
        (net as? LSTMNetwork)?.kernelVariant = kernel
        let stepsPerPass = workload.sequences.reduce(0) { $0 + $1.length }
        // The slow baselines (RTRL at p=100: O(n^4) per step) get at least one pass, however long.
        let passes = max(1, minimumSteps / stepsPerPass)
        let (rate, timing) = (workload.learningRate, workload.timing)
        let warmup = net.weightCount > 5_000 && !(net is LSTMNetwork) ? workload.sequences.prefix(1) : workload.sequences[...]
        for s in warmup { _ = net.train(s, learningRate: rate, timing: timing) }
        var wall = [Double](), cpu = [Double]()
        for _ in 0..<repeats {
            let (w0, c0) = (Clocks.wall(), Clocks.cpu())
            for _ in 0..<passes {
                for s in workload.sequences { _ = net.train(s, learningRate: rate, timing: timing) }
            }
            wall.append(Clocks.wall() - w0)
            cpu.append(Clocks.cpu() - c0)
        }
        let steps = Double(passes * stepsPerPass)
        return KernelBenchmark.Measurement(
            name: c.name, kernel: net is LSTMNetwork ? kernel.rawValue : "-", precision: precision.rawValue,
            weights: net.weightCount, stepsPerSecond: steps / KernelBenchmark.median(wall),
            cpuStepsPerSecond: steps / KernelBenchmark.median(cpu), repeats: repeats, stepsPerRepeat: passes * stepsPerPass)
    }
}
